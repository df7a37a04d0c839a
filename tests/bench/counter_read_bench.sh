#!/usr/bin/env bash
# Times one counter read through netlink and through /proc/net/dev inside two
# network namespaces: one with 5 interfaces (lo and 2 veth pairs) and one with
# 51 (lo and 25 veth pairs, ob0a/ob0b ... ob24a/ob24b), and prints the medians.
# Needs root (ip netns); removes its namespaces on exit, however it exits.
#
# Usage: tests/bench/counter_read_bench.sh [BENCH_BINARY] [REPETITIONS]
#   BENCH_BINARY  default: build/tests/bench/octolog_bench
#   REPETITIONS   benchmark repetitions per namespace, default 10
set -euo pipefail

bench=${1:-build/tests/bench/octolog_bench}
repetitions=${2:-10}

if [[ $EUID -ne 0 ]]; then
  echo "counter_read_bench.sh: needs root to create network namespaces" >&2
  exit 1
fi
if [[ ! -x $bench ]]; then
  echo "counter_read_bench.sh: $bench is not an executable; build octolog_bench first" >&2
  exit 1
fi
bench=$(realpath "$bench")

namespaces=()
cleanup() {
  for namespace in "${namespaces[@]}"; do
    ip netns del "$namespace" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# make_namespace NAME PAIRS: a namespace with lo and PAIRS veth pairs, all up.
make_namespace() {
  local name=$1 pairs=$2 i
  namespaces+=("$name")
  ip netns add "$name"
  {
    echo "link set lo up"
    for ((i = 0; i < pairs; i++)); do
      echo "link add ob${i}a type veth peer name ob${i}b"
      echo "link set ob${i}a up"
      echo "link set ob${i}b up"
    done
  } | ip -n "$name" -batch -
}

run_in() {
  local name=$1
  ip netns exec "$name" "$bench" \
    --benchmark_repetitions="$repetitions" \
    --benchmark_report_aggregates_only=true \
    --benchmark_format=console 2>/dev/null |
    awk -v ns="$name" '
      $1 ~ /_median$/ {
        source = $1; sub(/^read_counters\//, "", source); sub(/_median$/, "", source)
        interfaces = "?"
        for (i = 1; i <= NF; i++) if ($i ~ /^interfaces=/) { interfaces = substr($i, 12) }
        printf "%-10s %-8s %12s %12s\n", interfaces, source, $2, $4
      }'
}

tag="octolog-bench-$$"
make_namespace "$tag-small" 2
make_namespace "$tag-large" 25

printf "%-10s %-8s %12s %12s\n" "interfaces" "source" "median ns" "median cpu ns"
run_in "$tag-small"
run_in "$tag-large"

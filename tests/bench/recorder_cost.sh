#!/usr/bin/env bash
# What the recorder costs while it records: CPU seconds, peak and anonymous
# RSS, bytes written to disk (/proc/PID/io write_bytes) and database size,
# for SECONDS of 1-second sampling of 8 veth interfaces (4 pairs in two
# network namespaces) with bounded bursts of traffic between them.
# Usage (root): tests/bench/recorder_cost.sh RECORDER [SECONDS=600]
set -euo pipefail
source "$(dirname "$0")/../e2e/lib.sh"
RECORDER=$(realpath "$1")
DURATION=${2:-600}
[[ $(id -u) -eq 0 ]] || { echo "needs root"; exit 2; }

tag="ocost$$"
WORK=$(mktemp -d)
PID=""
cleanup() {
  [[ -n "$PID" ]] && kill -9 "$PID" 2>/dev/null
  ip netns del "${tag}a" 2>/dev/null || true
  ip netns del "${tag}b" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

make_veth_pair "${tag}a" "${tag}b" oc0 od0
for i in 1 2 3; do
  ip link add "oc$i" netns "${tag}a" type veth peer name "od$i" netns "${tag}b"
  ip -n "${tag}a" link set "oc$i" up
  ip -n "${tag}b" link set "od$i" up
done

ip netns exec "${tag}a" "$RECORDER" --db "$WORK/octolog.db" --include 'oc*' --include 'od*' \
  --interval 1 >"$WORK/recorder.log" 2>&1 &
PID=$!
wait_for_text "$WORK/recorder.log" 10 "recording to"

# A burst of 500 datagrams every 20 s, idle in between: bounded in count and time.
deadline=$((SECONDS + DURATION))
while ((SECONDS < deadline)); do
  send_udp "${tag}a" 198.51.100.2 500 1000
  sleep $((deadline - SECONDS < 20 ? (deadline - SECONDS > 0 ? deadline - SECONDS : 0) : 20))
done

read -r utime stime < <(awk '{print $14, $15}' "/proc/$PID/stat")
ticks=$(getconf CLK_TCK)
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$PID/status")
anon=$(awk '/^RssAnon/ {print $2}' "/proc/$PID/status")
written=$(awk '/^write_bytes/ {print $2}' "/proc/$PID/io")
kill -TERM "$PID"
wait "$PID" || true
PID=""
size=$(stat -c %s "$WORK/octolog.db")
wal=$(stat -c %s "$WORK/octolog.db-wal" 2>/dev/null || echo 0)

awk -v d="$DURATION" -v u="$utime" -v s="$stime" -v t="$ticks" -v h="$hwm" -v a="$anon" \
  -v w="$written" -v z="$size" -v wal="$wal" 'BEGIN {
  cpu = (u + s) / t
  printf "seconds recorded        %d\n", d
  printf "cpu seconds             %.2f (%.3f per hour)\n", cpu, cpu * 3600 / d
  printf "peak rss                %d KiB\n", h
  printf "anonymous rss           %d KiB\n", a
  printf "bytes written to disk   %d (%.1f MB per hour)\n", w, w * 3600 / d / 1e6
  printf "database size           %d bytes (+ %d WAL)\n", z, wal
}'

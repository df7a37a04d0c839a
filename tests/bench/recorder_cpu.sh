#!/usr/bin/env bash
# The CPU the recorder costs per hour at 1-second sampling, side by side in
# one run with the floor of waking once a second (octolog_wakeup_floor) and
# with vnStat's daemon (vnstatd, its defaults: 5 s polls, 20 s updates),
# and the recorder kept from sleeping (--idle-wake 0), all four in one
# network namespace holding 4 veth pairs with small bursts
# of traffic between them (nothing leaves the namespaces).
#
# For each process, over the same window of SECONDS:
#   schedstat    sum_exec_runtime of all its threads (/proc/PID/task/*/schedstat),
#                exact to the nanosecond
#   utime+stime  /proc/PID/stat fields 14+15, in clock ticks (1/CLK_TCK s)
#   wakeups      voluntary context switches of all its threads
# and prints a markdown table: CPU seconds per hour and microseconds per
# wake-up by both methods, and the ratios octolog/vnStat.
#
# Needs root (namespaces); installs vnstat with apt-get if it is missing.
# Everything runs in a mktemp directory; the processes are stopped by PID
# and the namespaces removed on exit.
# Usage: tests/bench/recorder_cpu.sh [--build DIR] [--seconds N]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
BUILD="$HERE/../../build"
WINDOW=120
while (($#)); do
  case $1 in
  --build) BUILD=$2; shift 2 ;;
  --seconds) WINDOW=$2; shift 2 ;;
  *) echo "recorder_cpu.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if ! [[ $WINDOW =~ ^[0-9]+$ ]] || ((WINDOW < 10)); then
  echo "recorder_cpu.sh: --seconds takes a whole number >= 10" >&2
  exit 2
fi
[[ $(id -u) -eq 0 ]] || { echo "recorder_cpu.sh: needs root (namespaces)" >&2; exit 2; }
RECORDER=$BUILD/recorder/octolog-recorder
FLOOR=$BUILD/tests/bench/octolog_wakeup_floor
for tool in "$RECORDER" "$FLOOR"; do
  [[ -x $tool ]] || { echo "recorder_cpu.sh: $tool missing; build first" >&2; exit 2; }
done
if ! command -v vnstatd >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq vnstat >/dev/null
fi

WORK=$(mktemp -d)
TAG="ocpu$$"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  ip netns del "${TAG}a" 2>/dev/null || true
  ip netns del "${TAG}b" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

A="${TAG}a"
B="${TAG}b"
make_four_veth_pairs "$A" "$B"

mkdir -p "$WORK/vnstat"
printf 'DatabaseDir "%s"\nUseLogging 0\nPidFile "%s/vnstatd.pid"\n' \
  "$WORK/vnstat" "$WORK/vnstat" >"$WORK/vnstat.conf"
# `ip netns exec` execs the command, so $! is the daemon's own PID.
ip netns exec "$A" "$RECORDER" --db "$WORK/octolog.db" --interval 1 --include 'oc*' \
  >"$WORK/recorder.log" 2>&1 &
RECORDER_PID=$!
PIDS+=("$RECORDER_PID")
# The same recorder kept from sleeping (--idle-wake 0): it reads every
# second, as any recorder does while a packet moves every second or two.
ip netns exec "$A" "$RECORDER" --db "$WORK/ticking.db" --interval 1 --idle-wake 0 \
  --include 'oc*' >"$WORK/ticking.log" 2>&1 &
TICKING_PID=$!
PIDS+=("$TICKING_PID")
ip netns exec "$A" vnstatd -n --alwaysadd --config "$WORK/vnstat.conf" \
  >"$WORK/vnstatd.log" 2>&1 &
VNSTATD_PID=$!
PIDS+=("$VNSTATD_PID")
"$FLOOR" &
FLOOR_PID=$!
PIDS+=("$FLOOR_PID")

deadline=$((SECONDS + 30))
until grep -q "recording to" "$WORK/recorder.log" && grep -q "recording to" "$WORK/ticking.log" &&
  [[ -s $WORK/vnstat/vnstat.db ]]; do
  ((SECONDS < deadline)) || { cat "$WORK/recorder.log" "$WORK/vnstatd.log"; exit 1; }
  sleep 0.2
done
sleep 5 # past start-up: the recorder's first write of its baselines

# "runtime_ns clock_ticks voluntary nonvoluntary threads" of process $1.
figures() {
  local pid=$1 run=0 vol=0 invol=0 threads=0 task ticks
  ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  for task in /proc/"$pid"/task/*; do
    run=$((run + $(awk '{print $1}' "$task/schedstat")))
    vol=$((vol + $(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status")))
    invol=$((invol + $(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$task/status")))
    threads=$((threads + 1))
  done
  echo "$run $ticks $vol $invol $threads"
}

# Samples are taken half-way between whole seconds, away from the wake-ups.
to_half_second() {
  sleep "0.$(printf '%09d' $(((1500000000 - 10#$(date +%N)) % 1000000000)))"
}
to_half_second
start_ns=$(date +%s%N)
read -r -a o0 <<<"$(figures "$RECORDER_PID")"
read -r -a t0 <<<"$(figures "$TICKING_PID")"
read -r -a f0 <<<"$(figures "$FLOOR_PID")"
read -r -a v0 <<<"$(figures "$VNSTATD_PID")"

# A burst of 200 datagrams of 1000 bytes on each pair every 10 s: bounded in
# count and time, so that the counters move as on a used machine.
end=$((SECONDS + WINDOW))
while ((SECONDS < end - 10)); do
  for i in 0 1 2 3; do
    # shellcheck disable=SC2016 # expanded by the inner bash
    ip netns exec "$A" bash -c '
      exec 3>/dev/udp/198.51.100.'"$((4 * i + 2))"'/9 || exit 1
      payload=$(printf "%*s" 1000 "")
      for ((n = 0; n < 200; n++)); do printf "%s" "$payload" >&3 2>/dev/null; done' || true
  done
  sleep 10
done
sleep $((end - SECONDS > 0 ? end - SECONDS : 0))
to_half_second

read -r -a o1 <<<"$(figures "$RECORDER_PID")"
read -r -a t1 <<<"$(figures "$TICKING_PID")"
read -r -a f1 <<<"$(figures "$FLOOR_PID")"
read -r -a v1 <<<"$(figures "$VNSTATD_PID")"
end_ns=$(date +%s%N)
kill -TERM "$RECORDER_PID" "$TICKING_PID" "$VNSTATD_PID" "$FLOOR_PID"
wait "$RECORDER_PID" || true
wait "$TICKING_PID" || true
wait "$VNSTATD_PID" || true
wait "$FLOOR_PID" 2>/dev/null || true
PIDS=()

accounting=$( (zcat /proc/config.gz 2>/dev/null || cat "/boot/config-$(uname -r)" 2>/dev/null) |
  grep -E '^CONFIG_(HZ|TICK_CPU_ACCOUNTING|VIRT_CPU_ACCOUNTING_GEN|IRQ_TIME_ACCOUNTING|NO_HZ_FULL|NO_HZ_IDLE)=' |
  sed 's/^CONFIG_//' | tr '\n' ' ' || true)
echo "octolog $("$RECORDER" --version 2>/dev/null | awk '{print $NF}') vs $(vnstatd --version | head -1 | awk '{print $1, $3}'), Linux $(uname -r), $(nproc) cores"
echo "kernel accounting: ${accounting:-unknown}; CLK_TCK $(getconf CLK_TCK)"
echo
awk -v elapsed_ns=$((end_ns - start_ns)) -v tck="$(getconf CLK_TCK)" \
  -v o="${o0[*]} ${o1[*]}" -v t="${t0[*]} ${t1[*]}" -v f="${f0[*]} ${f1[*]}" -v v="${v0[*]} ${v1[*]}" '
function row(name, s, a, wake, r, t) {
  split(s, a, " ")
  run[name] = (a[6] - a[1]) / 1e9
  tick[name] = (a[7] - a[2]) / tck
  wake = a[8] - a[3]
  wakes[name] = wake
  printf "| %s | %.3f | %.3f | %.1f | %.1f | %d | %d | %d |\n", name,
    run[name] * per_hour, tick[name] * per_hour,
    per(run[name], wake) * 1e6, per(tick[name], wake) * 1e6,
    wake, a[9] - a[4], a[10]
}
function ratio(x, y) { return y > 0 ? sprintf("%.2f", x / y) : "-" }
function per(x, n) { return n > 0 ? x / n : 0 }
BEGIN {
  seconds = elapsed_ns / 1e9
  per_hour = 3600 / seconds
  printf "window %.1f s\n\n", seconds
  print "| process | CPU s/h (schedstat) | CPU s/h (utime+stime) | µs/wakeup (schedstat) | µs/wakeup (utime+stime) | wakeups | involuntary | threads |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|"
  row("octolog-recorder", o)
  row("octolog-recorder --idle-wake 0", t)
  row("wakeup floor", f)
  row("vnstatd", v)
  printf "| octolog/vnStat | %s | %s | %s | %s | %s | | |\n",
    ratio(run["octolog-recorder"], run["vnstatd"]), ratio(tick["octolog-recorder"], tick["vnstatd"]),
    ratio(per(run["octolog-recorder"], wakes["octolog-recorder"]), per(run["vnstatd"], wakes["vnstatd"])),
    ratio(per(tick["octolog-recorder"], wakes["octolog-recorder"]), per(tick["vnstatd"], wakes["vnstatd"])),
    ratio(wakes["octolog-recorder"], wakes["vnstatd"])
  printf "| octolog --idle-wake 0/vnStat | %s | %s | %s | %s | %s | | |\n",
    ratio(run["octolog-recorder --idle-wake 0"], run["vnstatd"]),
    ratio(tick["octolog-recorder --idle-wake 0"], tick["vnstatd"]),
    ratio(per(run["octolog-recorder --idle-wake 0"], wakes["octolog-recorder --idle-wake 0"]), per(run["vnstatd"], wakes["vnstatd"])),
    ratio(per(tick["octolog-recorder --idle-wake 0"], wakes["octolog-recorder --idle-wake 0"]), per(tick["vnstatd"], wakes["vnstatd"])),
    ratio(wakes["octolog-recorder --idle-wake 0"], wakes["vnstatd"])
}'

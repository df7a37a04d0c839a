#!/usr/bin/env bash
# Clock steps: the recorder runs under libfaketime (wall clock only; the
# monotonic and boot-time clocks stay true) while namespace traffic flows;
# the wall clock steps back one hour, then forward one day. There must be no
# negative or overlapping interval, no invented traffic, and totals exact.
# Usage: clock_jump_test.sh RECORDER
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
need_root_and_netns
command -v sqlite3 >/dev/null || skip "needs sqlite3"
FAKETIME_LIB=""
for lib in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 \
  /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
  [[ -e $lib ]] && FAKETIME_LIB=$lib && break
done
[[ -n $FAKETIME_LIB ]] || skip "needs libfaketime (Debian package faketime)"

start_scene orcj
make_veth_pair "$NS_A" "$NS_B" cj0 cj1
DB="$WORK/octolog.db"

traffic_for() { # rounds
  for ((r = 0; r < $1; r++)); do
    send_udp "$NS_A" 198.51.100.2 150 $((300 + 50 * r))
    send_udp "$NS_B" 198.51.100.1 80 1000
    sleep 0.9
  done
}

echo "+0" >"$WORK/offset"
before=$(kernel_bytes "$NS_A" cj0)
ip netns exec "$NS_A" env LD_PRELOAD="$FAKETIME_LIB" FAKETIME_TIMESTAMP_FILE="$WORK/offset" \
  FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1 \
  "$RECORDER" --db "$DB" --include 'cj*' --interval 1 --flush-interval 1 >"$WORK/recorder.log" 2>&1 &
PID=$!
wait_for_text "$WORK/recorder.log" 10 "recording to" || { cat "$WORK/recorder.log"; exit 1; }
traffic_for 3
echo "-1h" >"$WORK/offset"
traffic_for 4
echo "+1d" >"$WORK/offset"
traffic_for 3
expected=$(kernel_bytes "$NS_A" cj0 | {
  read -r rx1 tx1
  read -r rx0 tx0 <<<"$before"
  echo "$((rx1 - rx0)) $((tx1 - tx0))"
})
kill -TERM "$PID"
wait "$PID"
check_eq "the recorder exits 0" 0 $?
PID=""

log=$(cat "$WORK/recorder.log")
grep -E "warn|error" <<<"$log"
check_match "it saw the clock step back" "cj0: clock stepped back" "$log"
check_match "it saw the clock step forward" "cj0: clock stepped forward: wall clock jumped 8[0-9]{4}\.[0-9] s ahead" "$log"
check_eq "no error" 0 "$(grep -c "error" <<<"$log")"
check_match "traffic was sent" '^[1-9][0-9]{5,} [1-9][0-9]{5,}$' "$expected"
for view in traffic_hourly traffic_5min traffic_samples; do
  check_eq "$view totals equal the kernel's deltas across both steps" "$expected" \
    "$(db_totals "$DB" "$view" cj0)"
done
check_sound_database "$DB"
check_eq "no sample lies before the start (in the hour the clock went back) or in the skipped day" \
  0 "$(sqlite3 "$DB" "SELECT count(*) FROM traffic_samples, recorder_run
    WHERE start_ms < started_ms - 1000
       OR (end_ms > started_ms + 600000 AND start_ms < started_ms + 86000000)")"
span=$(sqlite3 "$DB" "SELECT (max(end_ms) - min(start_ms)) / 3600000 FROM traffic_samples")
check_eq "the samples span the day the clock skipped" 24 "$span"
covered=$(sqlite3 "$DB" "SELECT sum(covered_ms) FROM traffic_5min WHERE interface = 'cj0'")
check_match "the skipped day is not covered (covered: $covered ms)" '^[0-9]{4,5}$' "$covered"
echo "figures: totals $(db_totals "$DB" traffic_hourly cj0), expected $expected;" \
  "covered $covered ms over a span of $span h"
finish

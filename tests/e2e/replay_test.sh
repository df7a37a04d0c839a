#!/usr/bin/env bash
# Replays traces with every accounting anomaly through the real executable and
# checks the stored totals against the values worked out by hand in the trace.
# Usage: replay_test.sh RECORDER DATA_DIR
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
TRACE="$2/traces/anomalies.trace"
command -v sqlite3 >/dev/null || skip "needs sqlite3"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

query() { sqlite3 "$1" "$2"; }
totals() { # db view
  query "$1" "SELECT group_concat(interface || ' ' || rx || ' ' || tx, ', ') FROM
    (SELECT interface, sum(rx_bytes) AS rx, sum(tx_bytes) AS tx FROM $2 GROUP BY 1 ORDER BY 1)"
}

"$RECORDER" --replay "$TRACE" --db "$WORK/whole.db" >"$WORK/whole.log" 2>&1
check_eq "replay exits 0" 0 $?
expected="eth0 16077 11938, eth1 100 10, wlan0 2000 200"
check_eq "hourly totals" "$expected" "$(totals "$WORK/whole.db" traffic_hourly)"
check_eq "5-minute totals" "$expected" "$(totals "$WORK/whole.db" traffic_5min)"
check_eq "sample totals" "$expected" "$(totals "$WORK/whole.db" traffic_samples)"
check_eq "the gap is split across 5-minute buckets in proportion to time" \
  "0|5850|3225|300000;300000|5000|2500|300000;600000|5227|6213|35000" \
  "$(query "$WORK/whole.db" "SELECT start_ms - 1780000200000, rx_bytes, tx_bytes, covered_ms
      FROM traffic_5min WHERE interface = 'eth0' ORDER BY start_ms" | paste -sd';')"
check_eq "peak is the highest 1-second rate, at its second" "600.0|1780000200000" \
  "$(query "$WORK/whole.db" "SELECT max(tx_peak_rate), tx_peak_at_ms FROM traffic_hourly
      WHERE interface = 'eth0'")"
log=$(cat "$WORK/whole.log")
check_match "logs the wrap" "wlan0: 32-bit counter wrapped" "$log"
check_match "logs the dropped jump" "eth1: impossible jump: dropped rx 2000000 B" "$log"
check_match "logs the reset" "eth0: counter reset" "$log"
check_match "logs the re-creation" "eth0: interface re-created: ifindex 2 -> 9" "$log"
check_match "logs the reboot" "eth0: reboot" "$log"
check_match "reports its throughput" "replayed 14 readings in 8 snapshots" "$log"

# Two halves replayed one after the other are a recorder restart in between:
# the same totals, the gap bridged from the saved counter state.
awk '/^#/ || $1 < 1780000803000' "$TRACE" >"$WORK/first.trace"
awk '!/^#/ && $1 >= 1780000803000' "$TRACE" >"$WORK/second.trace"
"$RECORDER" --replay "$WORK/first.trace" --db "$WORK/halves.db" >/dev/null 2>&1
"$RECORDER" --replay "$WORK/second.trace" --db "$WORK/halves.db" >/dev/null 2>&1
check_eq "two halves give the same totals" "$expected" "$(totals "$WORK/halves.db" traffic_hourly)"
check_eq "two halves give the same 5-minute buckets" \
  "$(query "$WORK/whole.db" "SELECT * FROM traffic_5min ORDER BY 1, 2")" \
  "$(query "$WORK/halves.db" "SELECT * FROM traffic_5min ORDER BY 1, 2")"
check_eq "two halves give the same samples" \
  "$(query "$WORK/whole.db" "SELECT * FROM traffic_samples ORDER BY 1, 2")" \
  "$(query "$WORK/halves.db" "SELECT * FROM traffic_samples ORDER BY 1, 2")"
finish

#!/usr/bin/env bash
# End to end on real kernel counters: the recorder runs inside a network
# namespace while known traffic crosses a veth pair; the stored totals must
# equal the kernel's counter deltas to the byte, after a clean stop and after
# a SIGKILL followed by traffic while the recorder was down.
# Usage: netns_record_test.sh RECORDER
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
need_root_and_netns
command -v sqlite3 >/dev/null || skip "needs sqlite3"

start_scene oe2e
make_veth_pair "$NS_A" "$NS_B" oct0 oct1

start_recorder() { # log [extra flags...]
  local log=$1
  shift
  ip netns exec "$NS_A" "$RECORDER" --db "$WORK/octolog.db" --include 'oct*' \
    --interval 1 --flush-interval 2 "$@" >"$log" 2>&1 &
  PID=$!
  wait_for_text "$log" 10 "recording to" || { cat "$log"; echo "recorder did not start"; exit 1; }
}

stored_totals() { # view
  sqlite3 "$WORK/octolog.db" \
    "SELECT coalesce(sum(rx_bytes), 0) || ' ' || coalesce(sum(tx_bytes), 0) FROM $1 WHERE interface = 'oct0'"
}

expected_since() { # "rx0 tx0"
  local rx0 tx0 rx1 tx1
  read -r rx0 tx0 <<<"$1"
  read -r rx1 tx1 < <(kernel_bytes "$NS_A" oct0)
  echo "$((rx1 - rx0)) $((tx1 - tx0))"
}

# 1. Clean run, stopped with SIGTERM.
before=$(kernel_bytes "$NS_A" oct0)
start_recorder "$WORK/run1.log" --trace-out "$WORK/run1.trace"
send_udp "$NS_A" 198.51.100.2 2000 1000
send_udp "$NS_B" 198.51.100.1 700 1400
sleep 2.2
send_udp "$NS_A" 198.51.100.2 300 60
expected=$(expected_since "$before")
kill -TERM "$PID"
wait "$PID"
check_eq "recorder exits 0 on SIGTERM" 0 $?
PID=""
check_match "traffic was sent" '^[1-9][0-9]{6,} [1-9][0-9]{6,}$' "$expected"
check_eq "hourly totals equal kernel deltas after SIGTERM" "$expected" "$(stored_totals traffic_hourly)"
check_eq "5-minute totals equal kernel deltas" "$expected" "$(stored_totals traffic_5min)"
check_eq "sample totals equal kernel deltas" "$expected" "$(stored_totals traffic_samples)"
check_eq "samples never overlap" 0 "$(sqlite3 "$WORK/octolog.db" "
  SELECT count(*) FROM (SELECT start_ms, lag(end_ms) OVER (ORDER BY start_ms) AS prev_end
                        FROM traffic_samples WHERE interface = 'oct0') WHERE start_ms < prev_end")"

# The trace of that run, replayed, gives the same database content.
"$RECORDER" --replay "$WORK/run1.trace" --db "$WORK/replayed.db" --include 'oct*' >/dev/null 2>&1
for view in traffic_samples traffic_5min traffic_hourly; do
  check_eq "replaying the live trace gives the same $view" \
    "$(sqlite3 "$WORK/octolog.db" "SELECT * FROM $view ORDER BY 1, 2")" \
    "$(sqlite3 "$WORK/replayed.db" "SELECT * FROM $view ORDER BY 1, 2")"
done

# 2. SIGKILL mid-traffic, more traffic while down, restart, SIGTERM.
start_recorder "$WORK/run2.log"
send_udp "$NS_A" 198.51.100.2 3000 1200 &
sender=$!
sleep 0.7
kill -KILL "$PID"
wait "$PID" 2>/dev/null
PID=""
wait "$sender"
send_udp "$NS_B" 198.51.100.1 500 900
sleep 1.5
start_recorder "$WORK/run3.log"
send_udp "$NS_A" 198.51.100.2 400 500
sleep 1.2
expected=$(expected_since "$before")
kill -TERM "$PID"
wait "$PID"
check_eq "restarted recorder exits 0 on SIGTERM" 0 $?
PID=""
check_eq "totals equal kernel deltas across SIGKILL and downtime" "$expected" "$(stored_totals traffic_hourly)"
check_eq "5-minute totals agree" "$expected" "$(stored_totals traffic_5min)"
check_eq "sample totals agree" "$expected" "$(stored_totals traffic_samples)"
check_match "the restart logged the gap" "oct0: gap" "$(cat "$WORK/run3.log")"
check_eq "database integrity" ok "$(sqlite3 "$WORK/octolog.db" "PRAGMA integrity_check")"
check_eq "three recorder runs, two stopped cleanly" "3 2" \
  "$(sqlite3 "$WORK/octolog.db" "SELECT count(*) || ' ' || count(stopped_ms) FROM recorder_run")"
finish

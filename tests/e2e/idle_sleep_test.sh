#!/usr/bin/env bash
# The recorder sleeps while nothing moves and wakes on the first packet: it
# must keep one-second resolution and exact totals, wake only rarely while
# asleep, stop at once on SIGTERM, write a trace that replays to the same
# database, and fall back to reading every second when the counters move
# without a packet it could see (frames sent with PACKET_QDISC_BYPASS skip
# the kernel's packet taps).
# Usage: idle_sleep_test.sh RECORDER
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
need_root_and_netns
command -v sqlite3 >/dev/null || skip "needs sqlite3"
command -v python3 >/dev/null || skip "needs python3"

start_scene oidle
make_veth_pair "$NS_A" "$NS_B" ow0 ow1
DB="$WORK/octolog.db"
LOG="$WORK/recorder.log"

count_lines() { # text
  grep -c -- "$1" "$LOG"
}

# Waits up to $1 seconds for the log to hold $3 lines with $2.
wait_for_lines() { # seconds text count
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    (($(count_lines "$2") >= $3)) && return 0
    sleep 0.1
  done
  return 1
}

wakeups() {
  awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$PID/status"
}

now_ms() {
  date +%s%3N
}

before=$(kernel_bytes "$NS_A" ow0)
ip netns exec "$NS_A" "$RECORDER" --db "$DB" --include 'ow*' --interval 1 \
  --flush-interval 10 --idle-wake 10 --log-level debug --trace-out "$WORK/live.trace" \
  >"$LOG" 2>&1 &
PID=$!
sleeping="sleeping until a packet does"
wait_for_lines 15 "$sleeping" 1 || { cat "$LOG"; echo "recorder never slept"; exit 1; }

# 1. Asleep: in 6 s at most one check (every 10 s) and its flush, which may
# block on the disk: 3 wake-ups at most, where a recorder reading every
# second wakes at least 5 times. Traffic on lo, which it does not record,
# must not wake it: the socket's filter drops it by interface index.
woken=$(wakeups)
send_udp "$NS_A" 127.0.0.1 200 1000
sleep 6
check_match "asleep, the recorder woke at most 3 times in 6 s" '^[0-3]$' "$(($(wakeups) - woken))"
check_eq "traffic on an interface it does not record did not wake it" 0 \
  "$(count_lines "a packet ended")"

# 2. A burst wakes it: its bytes land in the seconds it was sent, one-second
# samples only, no gap.
sent_from=$(now_ms)
send_udp "$NS_A" 198.51.100.2 300 1000
sent_to=$(now_ms)
wait_for_lines 10 "$sleeping" 2 || { cat "$LOG"; echo "recorder did not sleep again"; exit 1; }
check_eq "a packet ended the sleep" 1 "$(count_lines "a packet ended")"
check_eq "the burst's samples are 1 s long and lie in the seconds it was sent" "" \
  "$(sqlite3 "$DB" "SELECT start_ms FROM traffic_samples WHERE interface = 'ow0'
     AND (end_ms - start_ms <> 1000 OR start_ms < $sent_from / 1000 * 1000
          OR start_ms > $sent_to / 1000 * 1000)")"
check_match "the burst was stored" '^[1-9][0-9]{5,}$' \
  "$(sqlite3 "$DB" "SELECT sum(tx_bytes) FROM traffic_samples WHERE interface = 'ow0'")"

# 3. Frames the taps never see: the next check finds the counters moved,
# counts the time since the last reading as one sample, and the recorder
# reads every second from then on. The bytes are counted all the same (4.).
ip netns exec "$NS_A" python3 - ow0 <<'EOF'
import socket, sys
packet = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
packet.setsockopt(263, 20, 1)  # SOL_PACKET, PACKET_QDISC_BYPASS
packet.bind((sys.argv[1], 0))
frame = b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x01" + b"\x88\xb5" + b"x" * 500
for _ in range(40):
    packet.send(frame)
EOF
fallback="without a packet the watch could see"
wait_for_lines 15 "$fallback" 1 || { cat "$LOG"; echo "the unseen frames went unnoticed"; exit 1; }
woken=$(wakeups)
sleep 5
check_match "after it, the recorder wakes every second" '^([4-9]|[1-9][0-9]+)$' \
  "$(($(wakeups) - woken))"
send_udp "$NS_B" 198.51.100.1 100 700
sleep 1.5
# A check right after the sleep began makes no gap: the sample is one tick.
check_match "the unseen frames made the only gap, if any" '^[01]$' "$(count_lines "ow0: gap")"

# 4. Stopped while reading every second: totals exact, and the trace (with
# the readings it slept through) replays to the same database.
expected=$(
  read -r rx0 tx0 <<<"$before"
  read -r rx1 tx1 < <(kernel_bytes "$NS_A" ow0)
  echo "$((rx1 - rx0)) $((tx1 - tx0))"
)
kill -TERM "$PID"
wait "$PID"
check_eq "recorder exits 0 on SIGTERM" 0 $?
PID=""
for view in traffic_samples traffic_5min traffic_hourly; do
  check_eq "$view totals equal the kernel's deltas" "$expected" "$(sqlite3 "$DB" "
    SELECT sum(rx_bytes) || ' ' || sum(tx_bytes) FROM $view WHERE interface = 'ow0'")"
done
"$RECORDER" --replay "$WORK/live.trace" --db "$WORK/replayed.db" --include 'ow*' >/dev/null 2>&1
for view in traffic_samples traffic_5min traffic_hourly; do
  check_eq "replaying the live trace gives the same $view" \
    "$(sqlite3 "$DB" "SELECT * FROM $view ORDER BY 1, 2")" \
    "$(sqlite3 "$WORK/replayed.db" "SELECT * FROM $view ORDER BY 1, 2")"
done

# 5. Asleep with its next check up to an hour away, SIGTERM still ends the
# sleep (within 10 s; it takes milliseconds), and the seconds slept through
# up to the stop are recorded as readings.
rm -f "$LOG"
ip netns exec "$NS_A" "$RECORDER" --db "$DB" --include 'ow*' --idle-wake 3600 \
  --flush-interval 3600 --log-level debug >"$LOG" 2>&1 &
PID=$!
wait_for_lines 15 "$sleeping" 1 || { cat "$LOG"; echo "recorder never slept"; exit 1; }
sleep 2
stop_from=$(now_ms)
kill -TERM "$PID"
wait "$PID"
check_eq "asleep, the recorder exits 0 on SIGTERM" 0 $?
PID=""
check_eq "and before its next check" yes "$( (($(now_ms) - stop_from < 10000)) && echo yes || echo no)"
check_eq "the seconds slept through up to the stop are readings, not a gap" 0 \
  "$(count_lines "ow0: gap")"
check_eq "database integrity" ok "$(sqlite3 "$DB" "PRAGMA integrity_check")"
finish

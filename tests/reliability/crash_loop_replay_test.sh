#!/usr/bin/env bash
# Crash loop on replay: a long generated trace (every accounting event) is
# replayed into a database, killed with SIGKILL at a random moment and
# replayed again from its start, until KILLS kills have interrupted a replay,
# then to the end. Readings the
# database already holds count nothing, so the result must equal one clean,
# uninterrupted replay in every view, row by row.
# Usage: crash_loop_replay_test.sh RECORDER [KILLS]   (KILLS: 100, scaled)
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
KILLS=$(scaled "${2:-100}")
command -v sqlite3 >/dev/null || skip "needs sqlite3"
WORK=$(mktemp -d)
PID=""
trap '[[ -n "$PID" ]] && kill -9 "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

awk -v seconds=60000 -f "$(dirname "$0")/make_long_trace.awk" >"$WORK/long.trace"
REPLAY=("$RECORDER" --replay "$WORK/long.trace" --flush-interval 1 --log-level warn)
replay() { # db
  "${REPLAY[@]}" --db "$1"
}
started_ms=$(date +%s%3N)
replay "$WORK/clean.db" 2>"$WORK/clean.log"
check_eq "the clean replay exits 0" 0 $?
clean_ms=$(($(date +%s%3N) - started_ms))
echo "clean replay of $(grep -vc '^#' "$WORK/long.trace") readings: $clean_ms ms"
# Kills land between 10 % and 90 % of the last whole replay's time, so that
# almost all interrupt one however fast or loaded the machine is; a replay of
# readings the database already holds is quicker than a clean one.
kill_window() { # whole_ms
  low_ms=$(($1 / 10 < 10 ? 10 : $1 / 10))
  high_ms=$(($1 * 9 / 10 < low_ms ? low_ms : $1 * 9 / 10))
}
kill_window "$clean_ms"

# Until KILLS kills have interrupted a replay (at most 3 x KILLS tries): a
# kill that finds the replay finished does not count.
interrupted=0 completed=0 progressed=0 tries=0 until=""
started=$SECONDS
while ((interrupted < KILLS && tries < 3 * KILLS)); do
  tries=$((tries + 1))
  # A simple command, so that $! is the recorder itself.
  run_started_ms=$(date +%s%3N)
  "${REPLAY[@]}" --db "$WORK/killed.db" 2>>"$WORK/killed.log" &
  PID=$!
  sleep_ms "$(random_ms "$low_ms" "$high_ms")"
  kill -KILL "$PID" 2>/dev/null
  { wait "$PID"; } 2>/dev/null
  case $? in
  137) interrupted=$((interrupted + 1)) ;;
  0)
    completed=$((completed + 1))
    kill_window $(($(date +%s%3N) - run_started_ms))
    ;;
  *) echo "replay $tries failed with $?:"; tail -3 "$WORK/killed.log" ;;
  esac
  PID=""
  # Whether that run had committed new readings before it died.
  now=$(sqlite3 "$WORK/killed.db" "SELECT until_ms FROM accounted" 2>/dev/null)
  [[ -n $now && $now != "$until" ]] && progressed=$((progressed + 1))
  until=$now
done
replay "$WORK/killed.db" 2>>"$WORK/killed.log"
check_eq "the last replay exits 0" 0 $?
echo "$tries replays in $((SECONDS - started)) s: $interrupted killed mid-replay ($progressed" \
  "runs had committed new readings), $completed had finished before their kill"
check_eq "$KILLS kills interrupted a replay" "$KILLS" "$interrupted"

for view in traffic_samples traffic_5min traffic_hourly; do
  check_eq "$view after $KILLS kills equals the clean replay" \
    "$(sqlite3 "$WORK/clean.db" "SELECT * FROM $view ORDER BY 1, 2" | sha256sum)" \
    "$(sqlite3 "$WORK/killed.db" "SELECT * FROM $view ORDER BY 1, 2" | sha256sum)"
done
check_eq "the saved counter state equals the clean replay's" \
  "$(sqlite3 "$WORK/clean.db" "SELECT * FROM counter_state ORDER BY 1; SELECT * FROM accounted")" \
  "$(sqlite3 "$WORK/killed.db" "SELECT * FROM counter_state ORDER BY 1; SELECT * FROM accounted")"
check_sound_database "$WORK/killed.db"
totals='SELECT group_concat(interface || " " || rx || " " || tx, ", ") FROM
  (SELECT interface, sum(rx_bytes) AS rx, sum(tx_bytes) AS tx FROM traffic_hourly GROUP BY 1)'
check_match "the clean replay recorded every interface" '^eth0 .*, eth1 .*, usb0 .*, wlan0 ' \
  "$(sqlite3 "$WORK/clean.db" "$totals")"
echo "figures: kills survived $interrupted (of $tries replays; $progressed committed new" \
  "readings first); totals $(sqlite3 "$WORK/killed.db" "$totals"), equal to a clean replay"

# A whole replay again adds nothing.
replay "$WORK/killed.db" 2>/dev/null
check_eq "replaying the whole trace once more changes no view" \
  "$(sqlite3 "$WORK/clean.db" "SELECT * FROM traffic_samples ORDER BY 1, 2" | sha256sum)" \
  "$(sqlite3 "$WORK/killed.db" "SELECT * FROM traffic_samples ORDER BY 1, 2" | sha256sum)"
finish

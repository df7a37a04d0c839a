#!/usr/bin/env bash
# Crash loop on replay: a long generated trace (every accounting event) is
# replayed into a database, killed with SIGKILL at a random moment after it
# has re-read what is already recorded, and replayed again from its start,
# until KILLS kills have interrupted a replay (a replay that finishes is
# checked and the next round starts on a new database). Readings the
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
# A small buffer, so that a replay commits every minute or so of the trace
# and most kills land between two commits.
REPLAY=("$RECORDER" --replay "$WORK/long.trace" --max-buffered-rows 400 --log-level warn)
replay() { # db
  "${REPLAY[@]}" --db "$1"
}
started=$SECONDS
t0=$(date +%s%N)
replay "$WORK/clean.db" 2>"$WORK/clean.log"
check_eq "the clean replay exits 0" 0 $?
record_ms=$((($(date +%s%N) - t0) / 1000000))
echo "clean replay of $(grep -vc '^#' "$WORK/long.trace") readings: $record_ms ms"
# How long a replay takes to re-read (and skip) the whole trace once recorded.
t0=$(date +%s%N)
replay "$WORK/clean.db" 2>/dev/null
skip_ms=$((($(date +%s%N) - t0) / 1000000))
first_ms=$(awk '!/^#/ {print $1; exit}' "$WORK/long.trace")
last_ms=$(sqlite3 "$WORK/clean.db" "SELECT until_ms FROM accounted")

views() { # db
  for view in traffic_samples traffic_5min traffic_hourly; do
    sqlite3 "$1" "SELECT * FROM $view ORDER BY 1, 2"
  done | sha256sum
}
clean_views=$(views "$WORK/clean.db")

# Until KILLS kills have interrupted a replay (at most 3 x KILLS tries). Each
# kill comes after the run has re-read what is already recorded, at a random
# moment in what remains, so most kills land while it records new readings.
# A replay that finishes starts a new round on a new database, once its
# views have been checked against the clean replay's.
interrupted=0 completed=0 progressed=0 tries=0 rounds=0 differed=0 until=""
started=$SECONDS
while ((interrupted < KILLS && tries < 3 * KILLS)); do
  tries=$((tries + 1))
  done_permille=$(((${until:-$first_ms} - first_ms) * 1000 / (last_ms - first_ms)))
  remaining_ms=$((record_ms * (1000 - done_permille) / 1000))
  expected_ms=$((skip_ms * done_permille / 1000 + remaining_ms))
  run_started_ms=$(date +%s%3N)
  # A simple command, so that $! is the recorder itself.
  "${REPLAY[@]}" --db "$WORK/killed.db" 2>>"$WORK/killed.log" &
  PID=$!
  sleep_ms "$((skip_ms * done_permille / 1000 + $(random_ms 10 $((10 + remaining_ms * 8 / 10)))))"
  kill -KILL "$PID" 2>/dev/null
  { wait "$PID"; } 2>/dev/null
  status=$?
  PID=""
  if ((status == 0)); then
    # Finished sooner than expected (the machine got less busy): scale both
    # estimates to what this run took.
    took_ms=$(($(date +%s%3N) - run_started_ms))
    if ((took_ms < expected_ms && expected_ms > 0)); then
      record_ms=$((record_ms * took_ms / expected_ms + 1))
      skip_ms=$((skip_ms * took_ms / expected_ms + 1))
    fi
  fi
  if ((status == 137)); then
    interrupted=$((interrupted + 1))
    # Whether that run had committed new readings before it died.
    now=$(sqlite3 "$WORK/killed.db" "SELECT until_ms FROM accounted" 2>/dev/null)
    [[ -n $now && $now != "$until" ]] && progressed=$((progressed + 1))
    until=$now
  elif ((status == 0)); then
    completed=$((completed + 1))
    rounds=$((rounds + 1))
    [[ $(views "$WORK/killed.db") == "$clean_views" ]] || differed=$((differed + 1))
    check_sound_database "$WORK/killed.db"
    rm -f "$WORK/killed.db" "$WORK/killed.db-wal" "$WORK/killed.db-shm"
    until=""
  else
    echo "replay $tries failed with $status:"
    tail -3 "$WORK/killed.log"
  fi
done
replay "$WORK/killed.db" 2>>"$WORK/killed.log"
check_eq "the last replay exits 0" 0 $?
rounds=$((rounds + 1))
echo "$tries replays in $((SECONDS - started)) s: $interrupted killed mid-replay ($progressed" \
  "had committed new readings first), $completed finished; $rounds rounds on new databases"
check_eq "$KILLS kills interrupted a replay" "$KILLS" "$interrupted"
check_eq "every earlier round ended with the clean replay's views" 0 "$differed"

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
echo "figures: kills survived $interrupted (of $tries replays; $progressed had committed new" \
  "readings first) over $rounds rounds; totals $(sqlite3 "$WORK/killed.db" "$totals")," \
  "equal to a clean replay"

# A whole replay again adds nothing.
replay "$WORK/killed.db" 2>/dev/null
check_eq "replaying the whole trace once more changes no view" \
  "$(sqlite3 "$WORK/clean.db" "SELECT * FROM traffic_samples ORDER BY 1, 2" | sha256sum)" \
  "$(sqlite3 "$WORK/killed.db" "SELECT * FROM traffic_samples ORDER BY 1, 2" | sha256sum)"
finish

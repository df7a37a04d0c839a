#!/usr/bin/env bash
# The database file under a running recorder: overwritten with garbage in
# place, replaced by another file, removed; a newer schema; a second recorder
# on the same file. Each gets exit 1 and one clear line, and whatever file is
# at the path afterwards is left exactly as it was put there.
# Usage: database_faults_test.sh RECORDER
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
command -v sqlite3 >/dev/null || skip "needs sqlite3"
WORK=$(mktemp -d)
PID=""
trap '[[ -n "$PID" ]] && kill -9 "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

# Records the loopback counters (no traffic is made) with a flush a second.
start_recorder() { # db log
  "$RECORDER" --db "$1" --include lo --interval 1 --flush-interval 1 >"$2" 2>&1 &
  PID=$!
  wait_for_text "$2" 10 "recording to" || { cat "$2"; exit 1; }
}

for fault in overwrite replace remove; do
  db="$WORK/$fault.db"
  start_recorder "$db" "$WORK/$fault.log"
  sleep 1.2
  head -c 20000 /dev/urandom >"$WORK/garbage"
  sum=$(sha256sum <"$WORK/garbage")
  case $fault in
  overwrite) cat "$WORK/garbage" >"$db" ;;
  replace) mv "$WORK/garbage" "$db" ;;
  remove) rm "$db" ;;
  esac
  for ((i = 0; i < 50; i++)); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$PID" 2>/dev/null
  wait "$PID"
  check_eq "$fault while recording: exit 1 at the next flush" 1 $?
  PID=""
  fatal=$(grep "^octolog-recorder: " "$WORK/$fault.log")
  check_match "$fault while recording: one line saying so" \
    "^octolog-recorder: $db was (overwritten with something that is not SQLite|replaced by another file|removed) while recording; stopped without writing to it" \
    "$fatal"
  check_eq "$fault while recording: no other error line" 0 "$(grep -c " error: " "$WORK/$fault.log")"
  if [[ $fault != remove ]]; then
    check_eq "$fault while recording: the file at the path is left as it was put there" "$sum" \
      "$(sha256sum <"$db")"
    err=$("$RECORDER" --db "$db" --include lo 2>&1 >/dev/null)
    check_eq "$fault: a new start refuses the file with exit 1" 1 $?
    check_match "$fault: in one line" "^octolog-recorder: $db is not an octolog database \(file is not a database\); left untouched$" "$err"
    check_eq "$fault: and leaves it as it was" "$sum" "$(sha256sum <"$db")"
  else
    check_eq "removed while recording: nothing is written at the path" no \
      "$([[ -e $db ]] && echo yes || echo no)"
  fi
done

# A database of a newer schema: refused, untouched.
start_recorder "$WORK/newer.db" "$WORK/newer.log"
kill -TERM "$PID"
wait "$PID"
PID=""
sqlite3 "$WORK/newer.db" "PRAGMA user_version = 99"
sum=$(sha256sum <"$WORK/newer.db")
err=$("$RECORDER" --db "$WORK/newer.db" --include lo 2>&1 >/dev/null)
check_eq "a newer schema: exit 1" 1 $?
check_eq "a newer schema: one line" \
  "octolog-recorder: $WORK/newer.db has schema version 99, newer than this octolog understands (9); use a newer octolog" \
  "$err"
check_eq "a newer schema: the file is unchanged" "$sum" "$(sha256sum <"$WORK/newer.db")"

# A second recorder while the first records: refused; the first goes on.
start_recorder "$WORK/shared.db" "$WORK/first.log"
err=$("$RECORDER" --db "$WORK/shared.db" --include lo 2>&1 >/dev/null)
check_eq "a second recorder: exit 1" 1 $?
check_eq "a second recorder: one line" \
  "octolog-recorder: another octolog-recorder is already recording to $WORK/shared.db" "$err"
err=$("$RECORDER" --replay "$(dirname "$0")/../data/traces/anomalies.trace" --db "$WORK/shared.db" 2>&1 >/dev/null)
check_eq "a replay into it: exit 1 too" 1 $?
sleep 1.5
kill -TERM "$PID"
wait "$PID"
check_eq "the first recorder was undisturbed and exits 0" 0 $?
PID=""
check_eq "one run in the shared database, stopped cleanly" "1 1" \
  "$(sqlite3 "$WORK/shared.db" "SELECT count(*) || ' ' || count(stopped_ms) FROM recorder_run")"
check_eq "no error in its log" 0 "$(grep -c " error: " "$WORK/first.log")"
check_sound_database "$WORK/shared.db"
finish

#!/usr/bin/env bash
# Concurrent readers: while the recorder writes a flush every second from
# namespace traffic, two sqlite3 readers query the views in a loop, a third
# holds read transactions open across flushes, and octolog-report runs in a
# loop. Every read must succeed and see a whole flush or none (samples,
# 5-minute buckets and hours agree in every snapshot; the report's totals
# never go down); the recorder must never fail a write (busy timeout 5 s).
# The sqlite3 readers set a busy timeout too, as any reader should: in WAL
# mode SQLite answers "database is locked" at once, without one, to a reader
# whose look at the log's index races a flush (seen once in 400 reads).
# Usage: concurrent_readers_test.sh RECORDER REPORT [READS]   (READS: 200, scaled)
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
REPORT=$(realpath "$2")
READS=$(scaled "${3:-200}")
need_root_and_netns
command -v sqlite3 >/dev/null || skip "needs sqlite3"

start_scene orcr
make_veth_pair "$NS_A" "$NS_B" cr0 cr1
DB="$WORK/octolog.db"

# One statement is one read transaction: its three sums come from one snapshot.
AGREE="SELECT (SELECT coalesce(sum(rx_bytes), 0) || ':' || coalesce(sum(tx_bytes), 0)
                 FROM traffic_hourly WHERE interface = 'cr0')
          = (SELECT coalesce(sum(rx_bytes), 0) || ':' || coalesce(sum(tx_bytes), 0)
               FROM traffic_5min WHERE interface = 'cr0')
       AND (SELECT coalesce(sum(rx_bytes), 0) || ':' || coalesce(sum(tx_bytes), 0)
              FROM traffic_hourly WHERE interface = 'cr0')
          = (SELECT coalesce(sum(rx_bytes), 0) || ':' || coalesce(sum(tx_bytes), 0)
               FROM traffic_samples WHERE interface = 'cr0')"

# Reads $1 times (at most 120 s), each with or without -readonly; counts
# failures (exit status or any stderr) and disagreements into $2.
reader() { # reads result-file [sqlite3 flags]
  local reads=$1 out=$2 failed=0 disagreed=0 done=0 deadline=$((SECONDS + 120))
  shift 2
  for ((i = 0; i < reads && SECONDS < deadline; i++)); do
    local got
    if ! got=$(sqlite3 -cmd ".timeout 5000" "$@" "$DB" "$AGREE" 2>&1) || [[ $got != 0 && $got != 1 ]]; then
      failed=$((failed + 1))
      echo "read failed: $got" >&2
    elif [[ $got == 0 ]]; then
      disagreed=$((disagreed + 1))
    fi
    done=$((done + 1))
    sleep 0.05
  done
  echo "$done $failed $disagreed" >"$out"
}

# Holds a read transaction for 1.5 s across flushes, $1 times: both reads in
# it must see the same snapshot.
holder() { # rounds result-file
  local same=0 differed=0
  for ((i = 0; i < $1; i++)); do
    local got
    got=$(sqlite3 -cmd ".timeout 5000" "$DB" 2>&1 <<'SQL' | paste -sd' '
BEGIN;
SELECT coalesce(sum(rx_bytes), 0) || ':' || count(*) FROM traffic_samples;
.shell sleep 1.5
SELECT coalesce(sum(rx_bytes), 0) || ':' || count(*) FROM traffic_samples;
COMMIT;
SQL
)
    if [[ $got =~ ^([0-9]+:[0-9]+)\ ([0-9]+:[0-9]+)$ && ${BASH_REMATCH[1]} == "${BASH_REMATCH[2]}" ]]; then
      same=$((same + 1))
    else
      differed=$((differed + 1))
      echo "held read: $got" >&2
    fi
  done
  echo "$same $differed" >"$2"
}

# Runs octolog-report $1 times (at most 120 s), keeping each JSON answer;
# counts failures (exit status or any stderr) into $2.
reporter() { # reports result-file
  local failed=0 done=0 deadline=$((SECONDS + 120))
  mkdir -p "$WORK/reports"
  for ((i = 0; i < $1 && SECONDS < deadline; i++)); do
    if ! "$REPORT" --db "$DB" --json -i cr0 --begin -1d >"$WORK/reports/$i.json" \
      2>"$WORK/reports/$i.err" || [[ -s "$WORK/reports/$i.err" ]]; then
      failed=$((failed + 1))
      cat "$WORK/reports/$i.err" >&2
    fi
    done=$((done + 1))
    sleep 0.1
  done
  echo "$done $failed" >"$2"
}

# "rx tx" of interface cr0 in octolog-report's JSON answer $1.
report_totals() { # json-file
  python3 -c '
import json, sys
total = json.load(open(sys.argv[1]))["interfaces"][0]["total"]
print(total["rx_bytes"], total["tx_bytes"])' "$1"
}

before=$(kernel_bytes "$NS_A" cr0)
ip netns exec "$NS_A" "$RECORDER" --db "$DB" --include 'cr*' --interval 1 --flush-interval 1 \
  >"$WORK/recorder.log" 2>&1 &
PID=$!
wait_for_text "$WORK/recorder.log" 10 "recording to" || { cat "$WORK/recorder.log"; exit 1; }
for ((i = 0; i < 50; i++)); do
  [[ $(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT count(*) FROM counter_state" 2>/dev/null) == 1 ]] && break
  sleep 0.1
done
first_flush=$(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT last_flush_ms FROM recorder_run")

reader "$READS" "$WORK/reader1" &
r1=$!
reader "$READS" "$WORK/reader2" -readonly &
r2=$!
holder 6 "$WORK/holder" &
h=$!
REPORTS=$(scaled 60)
reporter "$REPORTS" "$WORK/reporter" &
rep=$!
# Traffic until the readers are done, at most 60 rounds.
for ((round = 0; round < 60; round++)); do
  send_udp "$NS_A" 198.51.100.2 100 $((300 + 10 * round))
  send_udp "$NS_B" 198.51.100.1 50 700
  kill -0 "$r1" 2>/dev/null || kill -0 "$r2" 2>/dev/null || kill -0 "$h" 2>/dev/null ||
    kill -0 "$rep" 2>/dev/null || break
  sleep 0.3
done
wait "$r1" "$r2" "$h" "$rep"
readers_done_ms=$(date +%s%3N)
# The recorder flushes every second: wait (at most 30 s, however slow the
# machine) for a flush after the readers were done.
for ((i = 0; i < 300; i++)); do
  last_flush=$(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT last_flush_ms FROM recorder_run")
  ((last_flush > readers_done_ms)) && break
  sleep 0.1
done
expected=$(kernel_bytes "$NS_A" cr0 | {
  read -r rx1 tx1
  read -r rx0 tx0 <<<"$before"
  echo "$((rx1 - rx0)) $((tx1 - tx0))"
})
kill -TERM "$PID"
wait "$PID"
check_eq "the recorder exits 0" 0 $?
PID=""

read -r done1 failed1 disagreed1 <"$WORK/reader1"
read -r done2 failed2 disagreed2 <"$WORK/reader2"
read -r same differed <"$WORK/holder"
read -r reports report_failures <"$WORK/reporter"
check_eq "every read succeeded" "0 0" "$failed1 $failed2"
check_eq "every read saw whole flushes (hours = 5-minute buckets = samples)" "0 0" \
  "$disagreed1 $disagreed2"
check_eq "reads inside one held transaction saw one snapshot" "6 0" "$same $differed"
check_eq "every report succeeded" "$REPORTS 0" "$reports $report_failures"
went_down=0 prev_rx=0 prev_tx=0
for ((i = 0; i < reports; i++)); do
  read -r rx tx <<<"$(report_totals "$WORK/reports/$i.json")"
  ((rx < prev_rx || tx < prev_tx)) && went_down=$((went_down + 1))
  prev_rx=$rx prev_tx=$tx
done
check_eq "the report's totals never went down" 0 "$went_down"
check_eq "the recorder never failed a write" 0 "$(grep -c "cannot write" "$WORK/recorder.log")"
# Flushing went on through the reads: the recorder flushed after the readers
# were done, as well as before they began.
flush_seconds=$(((last_flush - first_flush) / 1000))
check_eq "the recorder kept flushing while readers read" 1 \
  "$((last_flush > readers_done_ms && readers_done_ms > first_flush))"
for view in traffic_hourly traffic_5min traffic_samples; do
  check_eq "$view totals equal the kernel's deltas" "$expected" "$(db_totals "$DB" "$view" cr0)"
done
check_sound_database "$DB"
"$REPORT" --db "$DB" --json -i cr0 --begin -1d >"$WORK/final.json"
check_eq "a report after the stop gives the kernel's deltas" "$expected" \
  "$(report_totals "$WORK/final.json")"
echo "figures: $((done1 + done2)) sqlite3 reads, $((failed1 + failed2)) failed," \
  "$((disagreed1 + disagreed2)) disagreed; $same held transactions; $reports reports," \
  "$report_failures failed; flushes over $flush_seconds s"
finish

#!/usr/bin/env bash
# Full disk: the database lives on a small tmpfs that a filler file fills up
# while the recorder records namespace traffic. The recorder must log one
# error line (not one per flush), keep sampling into its bounded buffer
# (--max-buffered-rows 10, so merging starts within the outage), stay
# readable by sqlite3 and octolog-report, write everything once when space
# returns, and lose no byte; a
# stop during an outage exits 1 and the next start loses no byte either.
# Usage: full_disk_test.sh RECORDER REPORT
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
REPORT=$(realpath "$2")
need_root_and_netns
command -v sqlite3 >/dev/null || skip "needs sqlite3"

start_scene orfd
DISK="$WORK/disk"
mkdir "$DISK"
mount -t tmpfs -o size=8m octolog-full-disk-test "$DISK" || skip "cannot mount a tmpfs"
extra_cleanup() { umount "$DISK"; }
make_veth_pair "$NS_A" "$NS_B" fd0 fd1
DB="$DISK/octolog.db"

start_recorder() { # log
  ip netns exec "$NS_A" "$RECORDER" --db "$DB" --include 'fd*' --interval 1 \
    --flush-interval 1 --max-buffered-rows 10 >"$1" 2>&1 &
  PID=$!
  wait_for_text "$1" 10 "recording to" || { cat "$1"; exit 1; }
}

fill_disk() {
  dd if=/dev/zero of="$DISK/filler" bs=4k 2>/dev/null
  check_eq "the disk is full" 0 "$(df --output=avail "$DISK" | tail -1 | tr -d ' ')"
}

# Traffic both ways for $1 rounds of about a second each.
traffic_for() { # rounds
  for ((r = 0; r < $1; r++)); do
    send_udp "$NS_A" 198.51.100.2 200 $((200 + 100 * r))
    send_udp "$NS_B" 198.51.100.1 100 900
    sleep 0.9
  done
}

expected_since() { # "rx0 tx0"
  local rx0 tx0 rx1 tx1
  read -r rx0 tx0 <<<"$1"
  read -r rx1 tx1 < <(kernel_bytes "$NS_A" fd0)
  echo "$((rx1 - rx0)) $((tx1 - tx0))"
}

before=$(kernel_bytes "$NS_A" fd0)
start_recorder "$WORK/run1.log"
traffic_for 3

# 1. An outage of about 15 s, longer than 10 rows of 1-second samples.
fill_disk
# What the database held when it filled up: a flush under way then may still
# have landed, none after it can.
sleep 1.5
recorded_before=$(db_totals "$DB" traffic_hourly fd0)
traffic_for 15
check_eq "readers still read the database during the outage" "0 $recorded_before" \
  "$(sqlite3 "$DB" "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'" \
    2>&1) $(db_totals "$DB" traffic_hourly fd0 2>&1)"
report=$("$REPORT" --db "$DB" --json -i fd0 --begin -1d 2>&1)
check_eq "a report during the outage works and shows what was written before it" \
  "$recorded_before" "$(python3 -c '
import json, sys
total = json.loads(sys.argv[1])["interfaces"][0]["total"]
print(total["rx_bytes"], total["tx_bytes"])' "$report" 2>&1)"
rm "$DISK/filler"
traffic_for 3
expected=$(expected_since "$before")
kill -TERM "$PID"
wait "$PID"
check_eq "the recorder exits 0 after the outage" 0 $?
PID=""
log=$(cat "$WORK/run1.log")
echo "$log" | grep -E "error|warn|works again"
check_eq "one error line for the whole outage" 1 "$(grep -c "error: cannot write" <<<"$log")"
check_match "the error names the database and the cause" \
  "cannot write to $DB: database or disk is full; keeping readings in memory \(up to 10 rows\)" \
  "$log"
check_eq "one warning that samples are merged" 1 "$(grep -c "merging the oldest samples" <<<"$log")"
check_eq "one line when writing works again" 1 "$(grep -c "works again" <<<"$log")"
check_match "traffic was sent" '^[1-9][0-9]{5,} [1-9][0-9]{5,}$' "$expected"
for view in traffic_hourly traffic_5min traffic_samples; do
  check_eq "$view totals equal the kernel's deltas after the outage" "$expected" \
    "$(db_totals "$DB" "$view" fd0)"
done
check_match "merged samples carry flag 4" '^[1-9]' \
  "$(sqlite3 "$DB" "SELECT count(*) FROM traffic_samples WHERE flags & 4")"
check_sound_database "$DB"

# 2. Stopped during an outage: exit 1, one error line; the next start, with
# space again, continues from the last saved counters.
start_recorder "$WORK/run2.log"
traffic_for 2
fill_disk
traffic_for 3
kill -TERM "$PID"
wait "$PID"
check_eq "a stop during an outage exits 1" 1 $?
PID=""
check_match "and says what becomes of the readings" \
  "stopped without writing the readings since the last flush; the next start counts" \
  "$(cat "$WORK/run2.log")"
traffic_for 1
rm "$DISK/filler"
start_recorder "$WORK/run3.log"
traffic_for 2
expected=$(expected_since "$before")
kill -TERM "$PID"
wait "$PID"
check_eq "the next recorder exits 0" 0 $?
PID=""
for view in traffic_hourly traffic_5min traffic_samples; do
  check_eq "$view totals equal the kernel's deltas across a stop in an outage" "$expected" \
    "$(db_totals "$DB" "$view" fd0)"
done
check_sound_database "$DB"
read -r erx etx <<<"$expected"
read -r grx gtx <<<"$(db_totals "$DB" traffic_hourly fd0)"
echo "figures: bytes lost rx $((erx - grx)) tx $((etx - gtx)) of rx $erx tx $etx;" \
  "merged samples $(sqlite3 "$DB" "SELECT count(*) FROM traffic_samples WHERE flags & 4")"
finish

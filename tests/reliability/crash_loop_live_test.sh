#!/usr/bin/env bash
# Crash loop on live counters: the recorder records a veth pair between two
# namespaces while UDP traffic crosses it, and is killed with SIGKILL after a
# random 50-1500 ms and restarted, KILLS times in a row (kills land in start-up,
# between ticks and inside flushes). Afterwards the database must be sound and
# its totals equal the kernel's counter deltas to the byte.
# Usage: crash_loop_live_test.sh RECORDER [KILLS]   (KILLS: 100, scaled)
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
KILLS=$(scaled "${2:-100}")
need_root_and_netns
command -v sqlite3 >/dev/null || skip "needs sqlite3"

start_scene orl
TRAFFIC="" TRAFFIC_BACK=""
extra_cleanup() {
  touch "$WORK/stop"
  if [[ -n "$TRAFFIC" ]]; then
    wait "$TRAFFIC" "$TRAFFIC_BACK" 2>/dev/null
  fi
}
make_veth_pair "$NS_A" "$NS_B" rl0 rl1

start_recorder() { # log
  ip netns exec "$NS_A" "$RECORDER" --db "$WORK/octolog.db" --include 'rl*' \
    --interval 1 --flush-interval 1 >"$1" 2>&1 &
  PID=$!
}

# Bursts of datagrams of varying size from namespace $1 to address $2; stops
# at the stop file, after 3000 bursts or after 300 s, whichever comes first.
traffic() { # ns address
  ip netns exec "$1" bash -c '
    exec 3>/dev/udp/$2/9 || exit 1
    deadline=$((SECONDS + 300))
    for ((i = 0; i < 3000 && SECONDS < deadline; i++)); do
      [[ -e "$1/stop" ]] && break
      payload=$(printf "%*s" $((100 + i % 1300)) "")
      for ((j = 0; j < 40; j++)); do printf "%s" "$payload" >&3 2>/dev/null; done
      sleep 0.02
    done' traffic "$WORK" "$2"
}

before=$(kernel_bytes "$NS_A" rl0)
start_recorder "$WORK/run0.log"
wait_for_text "$WORK/run0.log" 10 "recording to" || { cat "$WORK/run0.log"; exit 1; }
# The first baseline is written at once; the traffic starts after it.
for ((i = 0; i < 50; i++)); do
  [[ $(sqlite3 "$WORK/octolog.db" "SELECT count(*) FROM counter_state" 2>/dev/null) == 1 ]] && break
  sleep 0.1
done
traffic "$NS_A" 198.51.100.2 &
TRAFFIC=$!
traffic "$NS_B" 198.51.100.1 &
TRAFFIC_BACK=$!

survived=0
started=$SECONDS
for ((k = 1; k <= KILLS; k++)); do
  sleep_ms "$(random_ms 50 1500)"
  kill -KILL "$PID"
  wait "$PID" 2>/dev/null
  status=$?
  if ((status == 137)); then
    survived=$((survived + 1))
  else
    echo "run $((k - 1)) ended with $status before its kill:"
    cat "$WORK/run$((k - 1)).log"
  fi
  start_recorder "$WORK/run$k.log"
done
echo "$KILLS kills in $((SECONDS - started)) s"

touch "$WORK/stop"
wait "$TRAFFIC" "$TRAFFIC_BACK"
TRAFFIC=""
wait_for_text "$WORK/run$KILLS.log" 10 "recording to" || { cat "$WORK/run$KILLS.log"; exit 1; }
sleep 1.5
expected=$(kernel_bytes "$NS_A" rl0 | {
  read -r rx1 tx1
  read -r rx0 tx0 <<<"$before"
  echo "$((rx1 - rx0)) $((tx1 - tx0))"
})
kill -TERM "$PID"
wait "$PID"
check_eq "the last recorder exits 0 on SIGTERM" 0 $?
PID=""

check_eq "every recorder died by the SIGKILL" "$KILLS" "$survived"
check_match "traffic crossed the link" '^[1-9][0-9]{6,} [1-9][0-9]{6,}$' "$expected"
DB="$WORK/octolog.db"
for view in traffic_hourly traffic_5min traffic_samples; do
  check_eq "$view totals equal the kernel's deltas after $KILLS kills" "$expected" \
    "$(db_totals "$DB" "$view" rl0)"
done
check_sound_database "$DB"
check_eq "one run stopped cleanly" 1 "$(sqlite3 "$DB" "SELECT count(stopped_ms) FROM recorder_run")"
read -r erx etx <<<"$expected"
read -r grx gtx <<<"$(db_totals "$DB" traffic_hourly rl0)"
echo "figures: kills survived $survived; bytes lost rx $((erx - grx)) tx $((etx - gtx))" \
  "of rx $erx tx $etx; recorder runs $(sqlite3 "$DB" "SELECT count(*) FROM recorder_run")"
finish

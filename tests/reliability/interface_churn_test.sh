#!/usr/bin/env bash
# Interface churn: 500 veth pairs are created and destroyed in waves of 50
# inside the recorder's namespace while it records a steady link. Selection
# takes one end of each pair (cA*) and the steady link (kp*); samples are kept
# for 7.2 s. The recorder's memory must stay flat (RssAnon after the last wave
# within 1 MiB of that after the second), and the database must hold only
# what selection and retention say.
# Usage: interface_churn_test.sh RECORDER [PAIRS]   (PAIRS: 500, scaled)
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
PAIRS=$(scaled "${2:-500}")
need_root_and_netns
command -v sqlite3 >/dev/null || skip "needs sqlite3"

start_scene orch
make_veth_pair "$NS_A" "$NS_B" kp0 kp1
DB="$WORK/octolog.db"
KEEP_MS=7200

before=$(kernel_bytes "$NS_A" kp0)
ip netns exec "$NS_A" "$RECORDER" --db "$DB" --include 'cA*' --include 'kp*' --interval 1 \
  --flush-interval 1 --keep-samples 0.002 >"$WORK/recorder.log" 2>&1 &
PID=$!
wait_for_text "$WORK/recorder.log" 10 "recording to" || { cat "$WORK/recorder.log"; exit 1; }

wave=50
waves=$(((PAIRS + wave - 1) / wave))
ticks_before=$(cpu_ticks "$PID")
started=$SECONDS
made=0
for ((w = 0; w < waves; w++)); do
  : >"$WORK/add" && : >"$WORK/del"
  for ((i = w * wave; i < (w + 1) * wave && i < PAIRS; i++)); do
    echo "link add cA$i type veth peer name cB$i" >>"$WORK/add"
    echo "link del cA$i" >>"$WORK/del"
    made=$((made + 1))
  done
  ip -n "$NS_A" -batch "$WORK/add"
  send_udp "$NS_A" 198.51.100.2 100 $((500 + w))
  sleep 2.2 # at least two readings see each wave
  ip -n "$NS_A" -batch "$WORK/del"
  sleep 1.2
  if ((w == 1)); then
    read -r rss_early anon_early <<<"$(memory_kib "$PID")"
  fi
done
read -r rss_late anon_late <<<"$(memory_kib "$PID")"
ticks=$(($(cpu_ticks "$PID") - ticks_before))
wall=$((SECONDS - started))
expected=$(kernel_bytes "$NS_A" kp0 | {
  read -r rx1 tx1
  read -r rx0 tx0 <<<"$before"
  echo "$((rx1 - rx0)) $((tx1 - tx0))"
})
kill -TERM "$PID"
wait "$PID"
check_eq "the recorder exits 0" 0 $?
PID=""

hz=$(getconf CLK_TCK)
cpu_ms=$((ticks * 1000 / hz))
echo "figures: $made pairs in $waves waves over $wall s; recorder CPU $cpu_ms ms" \
  "($((cpu_ms / (wall > 0 ? wall : 1))) ms per s); VmRSS $rss_early -> $rss_late KiB," \
  "RssAnon $anon_early -> $anon_late KiB (after wave 2 -> after the last);" \
  "failed counter reads $(grep -c "cannot read counters" "$WORK/recorder.log")"
check_eq "every pair was made" "$PAIRS" "$made"
growth=$((anon_late - anon_early))
if [[ -n ${OCTOLOG_SANITIZED:-} ]]; then
  echo "memory not judged in a sanitizer build (grew $growth KiB)"
else
  check_match "anonymous memory stays flat (grew $growth KiB)" \
    '^(-?[0-9]{1,3}|10[01][0-9]|102[0-4])$' "$growth"
fi
check_match "CPU stays bounded: under half a core ($cpu_ms ms in $wall s)" '^yes$' \
  "$( ((cpu_ms * 2 < wall * 1000)) && echo yes || echo no)"
check_eq "the database names only selected interfaces" 0 \
  "$(sqlite3 "$DB" "SELECT count(*) FROM interface WHERE name NOT GLOB 'cA*' AND name NOT GLOB 'kp*'")"
check_eq "every selected end of a pair was named once" "$PAIRS" \
  "$(sqlite3 "$DB" "SELECT count(DISTINCT name) FROM interface WHERE name GLOB 'cA*'")"
check_eq "only the steady link keeps counter state" kp0 \
  "$(sqlite3 "$DB" "SELECT group_concat(i.name) FROM counter_state c JOIN interface i ON i.id = c.interface_id")"
check_eq "no sample outlived its retention" 0 "$(sqlite3 "$DB" "SELECT count(*) FROM traffic_samples,
  recorder_run WHERE end_ms <= last_flush_ms - $KEEP_MS")"
check_match "retention deleted older samples" "^[0-9]+ [0-9]+$" "$(db_totals "$DB" traffic_samples kp0)"
check_eq "hours keep every byte of the steady link" "$expected" "$(db_totals "$DB" traffic_hourly kp0)"
check_eq "5-minute buckets too" "$expected" "$(db_totals "$DB" traffic_5min kp0)"
samples=$(db_totals "$DB" traffic_samples kp0)
check_eq "samples hold less: the expired ones are gone" yes \
  "$([[ ${samples%% *} -lt ${expected%% *} ]] && echo yes || echo no)"
check_sound_database "$DB"
finish

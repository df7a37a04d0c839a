#!/usr/bin/env bash
# octolog against vnStat, side by side on this machine, in one run:
#
#  live     vnstatd (its defaults: 20 s updates) and octolog-recorder
#           (--interval 1, and a second one with --idle-wake 0 that never
#           sleeps) record the same 4 veth interfaces in a network
#           namespace (IPv6 off) while bounded bursts of UDP cross them; per
#           daemon from /proc: CPU seconds per hour (schedstat), peak and
#           anonymous RSS, bytes written to disk per hour (io write_bytes),
#           database size, and the recorded totals against the kernel's;
#           beside them octolog_wakeup_floor, which only wakes on every whole
#           second: what waking as often as the recorder costs before any
#           work, against vnstatd's whole hour.
#  history  one synthetic year of 8 interfaces (octolog_make_history): for
#           octolog replayed from a trace (readings per second), for vnStat
#           inserted into its schema; database sizes, and hyperfine -N on the
#           equivalent queries, in rounds that alternate the order (A B, B A).
#
# Writes results.md (the table, with ratios octolog/vnStat and the budgets of
# issue 4) and the raw hyperfine JSON into OUT. Needs root; installs vnstat,
# hyperfine and sqlite3 from Debian when missing; everything else lives in a
# temp dir; vnstatd runs in the foreground with its own config and is stopped
# by PID.
#
# Usage: tests/bench/compare_vnstat.sh [--build DIR] [--out DIR]
#          [--live-seconds N] [--rounds N] [--runs N] [--skip-live] [--skip-history]
#   --build DIR        the build tree (default: build)
#   --out DIR          where results go (default: bench-results)
#   --live-seconds N   length of the live run (default 600)
#   --rounds N         hyperfine rounds per query pair (default 3), --runs N
#                      runs per command per round (default 10)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BUILD=build
OUT=bench-results
LIVE_SECONDS=600
ROUNDS=3
RUNS=10
DO_LIVE=1
DO_HISTORY=1
while (($#)); do
  case $1 in
  --build) BUILD=$2; shift 2 ;;
  --out) OUT=$2; shift 2 ;;
  --live-seconds) LIVE_SECONDS=$2; shift 2 ;;
  --rounds) ROUNDS=$2; shift 2 ;;
  --runs) RUNS=$2; shift 2 ;;
  --skip-live) DO_LIVE=0; shift ;;
  --skip-history) DO_HISTORY=0; shift ;;
  *) echo "compare_vnstat.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

[[ $(id -u) -eq 0 ]] || { echo "compare_vnstat.sh: needs root (namespaces, apt-get)" >&2; exit 2; }
RECORDER=$(realpath "$BUILD/recorder/octolog-recorder")
REPORT=$(realpath "$BUILD/report/octolog-report")
MAKE_HISTORY=$(realpath "$BUILD/tests/bench/octolog_make_history")
FLOOR=$(realpath "$BUILD/tests/bench/octolog_wakeup_floor")
for tool in "$RECORDER" "$REPORT" "$MAKE_HISTORY" "$FLOOR"; do
  [[ -x $tool ]] || { echo "compare_vnstat.sh: $tool missing; build first" >&2; exit 2; }
done

missing=()
command -v vnstatd >/dev/null || missing+=(vnstat)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$OUT"
OUT=$(realpath "$OUT")
WORK=$(mktemp -d)
TAG="ovn$$"
VNSTATD_PID=""
RECORDER_PID=""
TICKING_PID=""
FLOOR_PID=""
cleanup() {
  [[ -n $RECORDER_PID ]] && kill -9 "$RECORDER_PID" 2>/dev/null
  [[ -n $TICKING_PID ]] && kill -9 "$TICKING_PID" 2>/dev/null
  [[ -n $FLOOR_PID ]] && kill -9 "$FLOOR_PID" 2>/dev/null
  [[ -n $VNSTATD_PID ]] && kill -9 "$VNSTATD_PID" 2>/dev/null
  ip netns del "${TAG}a" 2>/dev/null || true
  ip netns del "${TAG}b" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
export TZ=UTC

ROWS="$WORK/rows" # figure|octolog|vnstat|budget (budget: "<= R", ">= N", "exact")
: >"$ROWS"
row() { echo "$1|$2|$3|$4" >>"$ROWS"; }

# Writes a vnStat config of its defaults with the database in directory $1.
vnstat_config() { # dir file
  mkdir -p "$1"
  printf 'DatabaseDir "%s"\nUseLogging 0\nPidFile "%s/vnstatd.pid"\n' "$1" "$1" >"$2"
}

# CPU nanoseconds, peak RSS KiB, anonymous RSS KiB, write_bytes and wake-ups
# (voluntary context switches) of process $1, all single-threaded.
proc_figures() {
  local pid=$1
  echo "$(awk '{print $1}' "/proc/$pid/schedstat")" \
    "$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")" \
    "$(awk '/^RssAnon/ {print $2}' "/proc/$pid/status")" \
    "$(awk '/^write_bytes/ {print $2}' "/proc/$pid/io")" \
    "$(awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$pid/status")"
}

sum_kernel_bytes() { # namespace: rx+tx of oc0..oc3
  ip netns exec "$1" awk '$1 ~ /^oc[0-3]:$/ {s += $2 + $10} END {printf "%d\n", s}' /proc/net/dev
}

live_run() {
  echo "== live run: $LIVE_SECONDS s, 4 veth interfaces"
  local a="${TAG}a" b="${TAG}b" i
  make_four_veth_pairs "$a" "$b"

  vnstat_config "$WORK/vnstat-live" "$WORK/vnstat-live.conf"
  ip netns exec "$a" vnstatd -n --alwaysadd --config "$WORK/vnstat-live.conf" \
    >"$WORK/vnstatd.log" 2>&1 &
  VNSTATD_PID=$!
  ip netns exec "$a" "$RECORDER" --db "$WORK/octolog-live.db" --interval 1 \
    --include 'oc*' >"$WORK/recorder.log" 2>&1 &
  RECORDER_PID=$!
  # The same recorder kept from sleeping: what reading every second costs,
  # which is what a link with a packet every second or two costs.
  ip netns exec "$a" "$RECORDER" --db "$WORK/octolog-ticking.db" --interval 1 --idle-wake 0 \
    --include 'oc*' >"$WORK/ticking.log" 2>&1 &
  TICKING_PID=$!
  "$FLOOR" &
  FLOOR_PID=$!
  local deadline=$((SECONDS + 30))
  until grep -q "recording to" "$WORK/recorder.log" && grep -q "recording to" "$WORK/ticking.log" &&
    [[ -s $WORK/vnstat-live/vnstat.db ]]; do
    ((SECONDS < deadline)) || { cat "$WORK/recorder.log" "$WORK/ticking.log" "$WORK/vnstatd.log"; exit 1; }
    sleep 0.2
  done
  sleep 25 # both have their baseline: vnstatd reads every 20 s

  local k0 v0 o0
  k0=$(sum_kernel_bytes "$a")
  read -r -a v0 <<<"$(proc_figures "$VNSTATD_PID")"
  read -r -a o0 <<<"$(proc_figures "$RECORDER_PID")"
  read -r -a t0 <<<"$(proc_figures "$TICKING_PID")"
  read -r -a f0 <<<"$(proc_figures "$FLOOR_PID")"
  local start=$SECONDS cycle=0
  # Every 20 s a burst on each pair (200-800 datagrams of 1200 bytes), idle
  # in between: bounded in count and time.
  while ((SECONDS - start < LIVE_SECONDS - 30)); do
    for i in 0 1 2 3; do
      ip netns exec "$a" bash -c '
        exec 3>/dev/udp/198.51.100.'"$((4 * i + 2))"'/9 || exit 1
        payload=$(printf "%*s" 1200 "")
        for ((n = 0; n < '"$((200 + (cycle * 37 + i * 101) % 600))"'; n++)); do
          printf "%s" "$payload" >&3 2>/dev/null; done' || true
    done
    cycle=$((cycle + 1))
    sleep $((20 - (SECONDS - start) % 20))
  done
  sleep $((start + LIVE_SECONDS - SECONDS > 0 ? start + LIVE_SECONDS - SECONDS : 0))
  local elapsed=$((SECONDS - start)) k1 v1 o1 t1 f1
  k1=$(sum_kernel_bytes "$a")
  read -r -a v1 <<<"$(proc_figures "$VNSTATD_PID")"
  read -r -a o1 <<<"$(proc_figures "$RECORDER_PID")"
  read -r -a t1 <<<"$(proc_figures "$TICKING_PID")"
  read -r -a f1 <<<"$(proc_figures "$FLOOR_PID")"
  kill -TERM "$RECORDER_PID" "$TICKING_PID" "$VNSTATD_PID" "$FLOOR_PID"
  wait "$RECORDER_PID" || true
  wait "$TICKING_PID" || true
  wait "$VNSTATD_PID" || true
  wait "$FLOOR_PID" 2>/dev/null || true
  RECORDER_PID=""
  TICKING_PID=""
  VNSTATD_PID=""
  FLOOR_PID=""

  local per_hour="3600 / $elapsed"
  row "live: CPU seconds per hour" \
    "$(awk "BEGIN {printf \"%.3f\", (${o1[0]} - ${o0[0]}) / 1e9 * $per_hour}")" \
    "$(awk "BEGIN {printf \"%.3f\", (${v1[0]} - ${v0[0]}) / 1e9 * $per_hour}")" "<= 1.0"
  local t_wakes=$((t1[4] - t0[4]))
  row "live: CPU seconds per hour reading every second (--idle-wake 0; wake-ups: $t_wakes)" \
    "$(awk "BEGIN {printf \"%.3f\", (${t1[0]} - ${t0[0]}) / 1e9 * $per_hour}")" \
    "$(awk "BEGIN {printf \"%.3f\", (${v1[0]} - ${v0[0]}) / 1e9 * $per_hour}")" "info"
  # What the budget leaves room for: the floor against vnstatd's whole hour
  # (a ratio of 1 or more puts the budget out of reach at 1 s), and each
  # daemon's CPU per wake-up.
  row "live: CPU seconds per hour of only waking every second (octolog_wakeup_floor)" \
    "$(awk "BEGIN {printf \"%.3f\", (${f1[0]} - ${f0[0]}) / 1e9 * $per_hour}")" \
    "$(awk "BEGIN {printf \"%.3f\", (${v1[0]} - ${v0[0]}) / 1e9 * $per_hour}")" "info"
  local o_wakes=$((o1[4] - o0[4])) v_wakes=$((v1[4] - v0[4]))
  row "live: CPU µs per wake-up (wake-ups: $o_wakes / $v_wakes)" \
    "$(awk "BEGIN {printf \"%.1f\", ($o_wakes > 0 ? (${o1[0]} - ${o0[0]}) / 1e3 / $o_wakes : 0)}")" \
    "$(awk "BEGIN {printf \"%.1f\", ($v_wakes > 0 ? (${v1[0]} - ${v0[0]}) / 1e3 / $v_wakes : 0)}")" "info"
  row "live: peak RSS (KiB)" "${o1[1]}" "${v1[1]}" "<= 1.2"
  row "live: anonymous RSS (KiB)" "${o1[2]}" "${v1[2]}" "<= 2048 KiB"
  row "live: bytes written per hour" \
    "$(awk "BEGIN {printf \"%d\", (${o1[3]} - ${o0[3]}) * $per_hour}")" \
    "$(awk "BEGIN {printf \"%d\", (${v1[3]} - ${v0[3]}) * $per_hour}")" "<= 0.5"
  local osize vsize
  osize=$(($(stat -c %s "$WORK/octolog-live.db") + $(stat -c %s "$WORK/octolog-live.db-wal" 2>/dev/null || echo 0)))
  vsize=$(stat -c %s "$WORK/vnstat-live/vnstat.db")
  row "live: database size (bytes)" "$osize" "$vsize" "info"
  # Totals over the traffic period: the daemons count from their first
  # reading, before it, and the kernel's delta is taken over the traffic.
  local kernel=$((k1 - k0)) orec trec vrec
  orec=$(sqlite3 "$WORK/octolog-live.db" \
    "SELECT sum(rx_bytes + tx_bytes) FROM traffic_samples WHERE interface LIKE 'oc%'")
  trec=$(sqlite3 "$WORK/octolog-ticking.db" \
    "SELECT sum(rx_bytes + tx_bytes) FROM traffic_samples WHERE interface LIKE 'oc%'")
  vrec=$(sqlite3 "$WORK/vnstat-live/vnstat.db" \
    "SELECT sum(rxtotal + txtotal) FROM interface WHERE name LIKE 'oc%'")
  row "live: recorded minus kernel (bytes; kernel moved $kernel)" \
    "$((orec - kernel))" "$((vrec - kernel))" "exact"
  row "live: --idle-wake 0 recorded minus kernel (bytes)" "$((trec - kernel))" "-" "exact"
  # Sleeping changes when the recorder reads, never what it stores: the
  # per-second samples of both recorders must be the same rows.
  local same
  same=$(sqlite3 "$WORK/octolog-live.db" "ATTACH '$WORK/octolog-ticking.db' AS t;
    SELECT count(*) FROM (
      SELECT * FROM (SELECT * FROM main.traffic_samples EXCEPT SELECT * FROM t.traffic_samples)
      UNION ALL
      SELECT * FROM (SELECT * FROM t.traffic_samples EXCEPT SELECT * FROM main.traffic_samples))")
  row "live: samples that differ between sleeping and reading every second" "$same" "-" "info"
  # A tick read late enough to fall in the next second makes a gap of two.
  row "live: gaps logged (sleeping / reading every second)" \
    "$(grep -c ': gap' "$WORK/recorder.log" || true)" "$(grep -c ': gap' "$WORK/ticking.log" || true)" "info"
  echo "   (the live run's octolog log and vnStat's interfaces are in $OUT)"
  cp "$WORK/recorder.log" "$OUT/live-recorder.log"
  cp "$WORK/ticking.log" "$OUT/live-recorder-ticking.log"
  sqlite3 "$WORK/vnstat-live/vnstat.db" "SELECT name, rxtotal, txtotal FROM interface" \
    >"$OUT/live-vnstat-interfaces.txt"
}

# Median of the "median" fields of hyperfine JSON files, in ms, for command $1.
median_of() { # command files...
  local command=$1
  shift
  for file in "$@"; do
    sqlite3 :memory: "SELECT json_extract(value, '\$.median') * 1000 FROM json_each(readfile('$file'), '\$.results') WHERE json_extract(value, '\$.command') = '$command'"
  done | sort -g | awk '{v[NR] = $1} END {printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

history_run() {
  echo "== history run: a year of 8 interfaces"
  local end=$(($(date +%s) / 300 * 300))
  "$MAKE_HISTORY" --trace "$WORK/year.trace" --vnstat-sql "$WORK/year.sql" --end "$end" \
    >"$WORK/year.totals"
  vnstat_config "$WORK/vnstat-year" "$WORK/vnstat-year.conf"
  vnstatd --config "$WORK/vnstat-year.conf" --initdb >/dev/null
  sqlite3 "$WORK/vnstat-year/vnstat.db" <"$WORK/year.sql"
  # Readings per second over the whole run of the executable (start-up and
  # the last flush included); the coarse part of the trace is one gap after
  # another, which the recorder logs at level info.
  local db="$WORK/octolog-year.db" rates=() r readings t0 t1
  readings=$(grep -vc '^#' "$WORK/year.trace")
  for r in 1 2 3; do
    rm -f "$db" "$db-wal" "$db-shm"
    t0=$(date +%s%N)
    "$RECORDER" --replay "$WORK/year.trace" --db "$db" --include '*' --log-level warn
    t1=$(date +%s%N)
    rates+=("$((readings * 1000000000 / (t1 - t0)))")
  done
  row "history: replay, readings per second (median of 3)" \
    "$(printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p)" "-" ">= 1000000"
  local osize vsize
  osize=$(($(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0)))
  vsize=$(stat -c %s "$WORK/vnstat-year/vnstat.db")
  row "history: database size (bytes)" "$osize" "$vsize" "<= 1.0"
  # Both hold the generator's totals, to the byte.
  local want got_o got_v
  want=$(awk '{printf "%s %s %s\n", $1, $2, $3}' "$WORK/year.totals")
  got_o=$(sqlite3 -separator ' ' "$db" \
    "SELECT interface, sum(rx_bytes), sum(tx_bytes) FROM traffic_hourly GROUP BY 1 ORDER BY 1")
  got_v=$(sqlite3 -separator ' ' "$WORK/vnstat-year/vnstat.db" \
    "SELECT name, rxtotal, txtotal FROM interface ORDER BY name")
  row "history: totals equal the generator's" "$([[ $got_o == "$want" ]] && echo yes || echo NO)" \
    "$([[ $got_v == "$want" ]] && echo yes || echo NO)" "exact"

  local vn="vnstat --config $WORK/vnstat-year.conf" oc="$REPORT --db $db"
  # vnStat's summary and --json show every interface, its other views one:
  # without -i, the one that moved the most. Both are asked for that one
  # (the same rows on both sides); octolog's views of all 8 interfaces are
  # timed too, as information.
  local one
  one=$(sqlite3 "$WORK/vnstat-year/vnstat.db" \
    "SELECT name FROM interface ORDER BY rxtotal + txtotal DESC, name LIMIT 1")
  local names=("summary" "--five / -5" "--hour / -h" "--day / -d" "--month / -m" "--top / -t"
    "--json, one interface" "--json, all interfaces"
    "--day, all 8 / -d, one" "--month, all 8 / -m, one" "--top, all 8 / -t, one"
    "--month, a sum of two interfaces")
  local vargs=("" "-i $one -5" "-i $one -h" "-i $one -d" "-i $one -m" "-i $one -t"
    "-i eth0 --json" "--json" "-d" "-m" "-t" "-i eth6+eth7 -m")
  local oargs=("" "-i $one --five" "-i $one --hour" "-i $one --day" "-i $one --month"
    "-i $one --top 10" "-i eth0 --json" "--json" "--day" "--month" "--top 10"
    "-i eth6+eth7 --month")
  local budgets=("<= 1.0" "<= 0.1" "info" "<= 1.0" "<= 1.0" "<= 1.0" "info" "<= 0.1"
    "info" "info" "info" "info")
  local q
  for q in "${!names[@]}"; do
    local a="$oc ${oargs[$q]}" b="$vn ${vargs[$q]}" files=()
    a=${a% } b=${b% }
    for ((r = 1; r <= ROUNDS; r++)); do
      local file="$OUT/hyperfine-q$q-round$r.json"
      if ((r % 2)); then
        hyperfine -N -w 2 -r "$RUNS" --export-json "$file" "$a" "$b" >/dev/null
      else
        hyperfine -N -w 2 -r "$RUNS" --export-json "$file" "$b" "$a" >/dev/null
      fi
      files+=("$file")
    done
    row "query ms: ${names[$q]} (\`${oargs[$q]:-(none)}\` / \`${vargs[$q]:-(none)}\`)" \
      "$(median_of "$a" "${files[@]}")" "$(median_of "$b" "${files[@]}")" "${budgets[$q]}"
  done
}

((DO_LIVE)) && live_run
((DO_HISTORY)) && history_run

{
  echo "octolog $("$RECORDER" --version 2>&1 | head -1 | awk '{print $NF}') vs $(vnstat --version | head -1 | awk '{print $1, $2}'),"
  echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)),"
  echo "Linux $(uname -r); live run $LIVE_SECONDS s, queries: medians of $ROUNDS hyperfine -N rounds of $RUNS runs (order alternating), TZ=UTC."
  echo
  echo "| figure | octolog | vnStat | octolog/vnStat | budget | met |"
  echo "|---|---:|---:|---:|---|---|"
  while IFS='|' read -r figure o v budget; do
    ratio="-"
    if [[ $o =~ ^-?[0-9.]+$ && $v =~ ^-?[0-9.]+$ ]] && awk "BEGIN {exit !($v != 0)}"; then
      ratio=$(awk "BEGIN {printf \"%.2f\", $o / $v}")
    fi
    met="-"
    case $budget in
    "<= "*KiB) limit=${budget#<= } && met=$(awk "BEGIN {print ($o <= ${limit% KiB}) ? \"yes\" : \"no\"}") ;;
    "<= "*) [[ $ratio != - ]] && met=$(awk "BEGIN {print ($ratio <= ${budget#<= }) ? \"yes\" : \"no\"}") ;;
    ">= "*) met=$(awk "BEGIN {print ($o >= ${budget#>= }) ? \"yes\" : \"no\"}") ;;
    exact) met=$([[ $o == 0 || $o == yes ]] && echo yes || echo no) ;;
    esac
    echo "| $figure | $o | $v | $ratio | $budget | $met |"
  done <"$ROWS"
} >"$OUT/results.md"
cat "$OUT/results.md"

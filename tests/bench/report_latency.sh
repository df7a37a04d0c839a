#!/usr/bin/env bash
# How long octolog-report takes on a replayed database: DAYS of 1-second
# readings of two interfaces (the last 48 h kept as samples), then each view
# run RUNS times; prints the mean wall time per view.
# Usage: tests/bench/report_latency.sh RECORDER REPORT [DAYS=4] [RUNS=5]
set -euo pipefail
RECORDER=$(realpath "$1")
REPORT=$(realpath "$2")
DAYS=${3:-4}
RUNS=${4:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

start=1794873600 # 2026-11-17T00:00:00Z
awk -v start="$start" -v days="$DAYS" 'BEGIN {
  print "# octolog-trace v1"
  x = 12345; e0r = e0t = w0r = w0t = 0
  for (t = start; t <= start + days * 86400; t++) {
    x = (x * 1103515245 + 12345) % 2147483648
    f = ((int(t / 3600) % 24) >= 9 && (int(t / 3600) % 24) <= 18) ? 5 : 1
    e0r += f * (20000 + x % 20000); e0t += f * (2000 + x % 3000)
    w0r += 3000 + x % 1000; w0t += 300
    printf "%d000 eth0 %d %d boot=b1\n%d000 wlan0 %d %d boot=b1\n", t, e0r, e0t, t, w0r, w0t
  }
}' >"$WORK/trace"
s=$(date +%s%N)
"$RECORDER" --replay "$WORK/trace" --db "$WORK/db" --include '*' --log-level warn
e=$(date +%s%N)
echo "replayed $DAYS days ($(wc -l <"$WORK/trace") readings) in $(((e - s) / 1000000)) ms;" \
  "database $(du -k "$WORK/db" | cut -f1) KiB"

now=$(date -u -d "@$((start + DAYS * 86400 - 6 * 3600))" +%Y-%m-%dT%H:%M:%SZ)
for view in "" "--five" "--hour" "--day" "--month" "--year" "--top 10" \
  "--begin -30h --end -1h" "--day --json" "-i eth0+wlan0 --hour" "-i eth0+wlan0 --day"; do
  s=$(date +%s%N)
  for ((i = 0; i < RUNS; i++)); do
    # shellcheck disable=SC2086
    TZ=America/New_York "$REPORT" --db "$WORK/db" --now "$now" $view >/dev/null
  done
  e=$(date +%s%N)
  printf "%6d ms  octolog-report %s\n" $(((e - s) / RUNS / 1000000)) "${view:-(summary)}"
done

#!/usr/bin/env bash
# The 95th percentile over whole UTC months and days comes from each one's
# busiest 5-minute rates (bucket_month_top, bucket_day_top), and from a
# month's days or a day's hours where those do not settle it. Here 40 days
# recorded by the real recorder (May and 9 days of June), five of them with
# 130 busy parts: more than the 48 a day keeps, and together more than the
# 5 % above the percentile of a month or of all 40 days, so May must be read
# day by day and the busy days hour by hour. Every report read through the
# months must equal the same report read through the days alone (the month
# tops deleted) and through the hours alone (all tops deleted).
# Usage: report_days_test.sh RECORDER REPORT
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
REPORT=$(realpath "$2")
command -v sqlite3 >/dev/null || skip "needs sqlite3"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

START=1777593600 # 2026-05-01T00:00:00Z
awk -v start="$START" 'BEGIN {
  print "# octolog-trace v1"
  srand(4); rx = 0; tx = 0
  for (i = 0; i <= 40 * 288; i++) {
    # %.0f, as mawk stops %d at 2^31
    printf "%.0f eth0 %.0f %.0f ifindex=2 boot=A boot_ms=%.0f\n", (start + i * 300) * 1000, rx,
      tx, (1000 + i * 300) * 1000
    day = int(i / 288); part = i % 288
    rate = (day % 8 == 3 && part >= 100 && part < 230) ? 1000000 + int(rand() * 1000000) \
                                                       : 1000 + int(rand() * 1000)
    rx += rate * 300; tx += int(rate / 10) * 300
  }
}' >"$WORK/days.trace"
"$RECORDER" --replay "$WORK/days.trace" --db "$WORK/months.db" --log-level warn
check_eq "replay exits 0" 0 $?
# May has its top; June goes on at the end of the trace and has none.
check_eq "40 days and May, each with its busiest parts" "40 40 1" \
  "$(sqlite3 -separator ' ' "$WORK/months.db" \
      "SELECT (SELECT count(*) FROM bucket_day), (SELECT count(*) FROM bucket_day_top),
              (SELECT count(*) FROM bucket_month_top)")"
cp "$WORK/months.db" "$WORK/days.db"
sqlite3 "$WORK/days.db" "DELETE FROM bucket_month_top"
cp "$WORK/days.db" "$WORK/hours.db"
sqlite3 "$WORK/hours.db" "DELETE FROM bucket_day_top"

NOW=2026-06-10T00:00:00Z
check_match "reports through the months" '"name": "eth0"' \
  "$("$REPORT" --db "$WORK/months.db" --now "$NOW" --json --month)"
for args in "" "--month" "--day --limit 45" "--top 10" "--year" "--begin 2026-05-01 --end 2026-06-01" \
  "--begin 2026-05-02 --end 2026-06-09" "--begin 2026-05-02T07:00 --end 2026-06-03T13:00"; do
  for zone in UTC Europe/Berlin; do
    # shellcheck disable=SC2086 # the views' arguments split into words
    hours=$(TZ=$zone "$REPORT" --db "$WORK/hours.db" --now "$NOW" --json $args)
    check_eq "$zone ${args:-summary}: the same figures through days as through hours" \
      "$hours" "$(TZ=$zone "$REPORT" --db "$WORK/days.db" --now "$NOW" --json $args)"
    check_eq "$zone ${args:-summary}: the same figures through months as through hours" \
      "$hours" "$(TZ=$zone "$REPORT" --db "$WORK/months.db" --now "$NOW" --json $args)"
  done
done
# The busy days set the percentile of the whole: 650 busy parts of 11,520
# (the 577 busiest are above it).
check_match "the percentile over the 40 days is one of the busy parts" '"rx_p95": 1[0-9]{6}' \
  "$("$REPORT" --db "$WORK/months.db" --now "$NOW" --json --begin 2026-05-01 --end 2026-06-10 |
     tr -d '\n' | sed 's/.*"total"//')"
finish

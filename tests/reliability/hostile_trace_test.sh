#!/usr/bin/env bash
# Hostile names and values through traces: names with quotes, '%', SQL,
# UTF-8, control bytes and 300 bytes; counters at 2^64-1 (stored, restored
# after a restart, reset from); a 32-bit counter at its top; and many kinds
# of garbage line, each refused with exit 1 and one printable line naming
# it, the database's views unchanged. Never an SQL error, never a crash.
# Usage: hostile_trace_test.sh RECORDER
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
command -v sqlite3 >/dev/null || skip "needs sqlite3"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/octolog.db"
T=1780000200000
long=$(printf 'n%.0s' {1..300})
names=('q%22uo%27te' '100%25' "x%27)%3BDROP%20TABLE%20sample%3B--" '%C3%BCn%C3%AFc%C3%B8d%C3%A9'
  'abcdefghijklmno' 'tab%09and%0Dcr' '%1B%5B31mred' 'a*b?%5Bc%5D' "$long")

{
  echo "# octolog-trace v1"
  for step in 0 1 2 3; do
    t=$((T + step * 1000))
    for name in "${names[@]}"; do
      echo "$t $name $((1000 * step)) $((10 * step))"
    done
    # 2^64-1 reached, then a reset; a 32-bit counter wraps at its top.
    case $step in
    0) echo "$t top 18446744073709551000 18446744073709551000 ifindex=7" ;;
    1) echo "$t top 18446744073709551615 18446744073709551615 ifindex=7" ;;
    *) echo "$t top $((5 * step)) $((7 * step)) ifindex=7" ;;
    esac
    echo "$t w32 $(((4294967295 - 100 + 60 * step) % 4294967296)) 0 width=32"
  done
} >"$WORK/hostile.trace"
# The same readings in two halves: a restart with 2^64-1 in the saved state.
awk '/^#/ || $1 < '$((T + 2000)) "$WORK/hostile.trace" >"$WORK/first.trace"
awk '!/^#/ && $1 >= '$((T + 2000)) "$WORK/hostile.trace" >"$WORK/second.trace"

"$RECORDER" --replay "$WORK/hostile.trace" --db "$DB" >"$WORK/replay.log" 2>&1
check_eq "the hostile trace replays with exit 0" 0 $?
check_eq "no error in its log" 0 "$(grep -c "error" "$WORK/replay.log")"
check_eq "every name is stored byte for byte" \
  "$(for n in "${names[@]}" top w32; do printf '%s' "$n" | sed 's/%\([0-9A-F][0-9A-F]\)/\\x\1/g' |
    xargs -0 printf '%b\n'; done | sort | sha256sum)" \
  "$(sqlite3 "$DB" "SELECT name FROM interface" | sort | sha256sum)"
check_eq "each hostile name has its 3000 and 30 bytes" "9 3000 30" \
  "$(sqlite3 "$DB" "SELECT count(*) || ' ' || min(rx) || ' ' || max(tx) FROM (SELECT interface, sum(rx_bytes) AS rx,
    sum(tx_bytes) AS tx FROM traffic_hourly WHERE interface NOT IN ('top', 'w32') GROUP BY 1)")"
# 615 up to 2^64-1, then reset: 10 and 14 counted from zero, 5 and 7 more.
check_eq "2^64-1 counted to the byte, then the reset" "630 636" "$(db_totals "$DB" traffic_hourly top)"
check_eq "the 32-bit counter wraps at its top" "180 0" "$(db_totals "$DB" traffic_hourly w32)"
"$RECORDER" --replay "$WORK/first.trace" --db "$WORK/halves.db" >/dev/null 2>&1 &&
  "$RECORDER" --replay "$WORK/second.trace" --db "$WORK/halves.db" >/dev/null 2>&1
check_eq "two halves (2^64-1 saved and restored) replay with exit 0" 0 $?
check_eq "and give the same samples" \
  "$(sqlite3 "$DB" "SELECT * FROM traffic_samples ORDER BY 1, 2" | sha256sum)" \
  "$(sqlite3 "$WORK/halves.db" "SELECT * FROM traffic_samples ORDER BY 1, 2" | sha256sum)"
"$RECORDER" --replay "$WORK/first.trace" --db "$WORK/first.db" >/dev/null 2>&1
check_eq "the saved state holds 2^64-1 as the signed integer with the same bits" "-1|-1" \
  "$(sqlite3 "$WORK/first.db" "SELECT rx_bytes, tx_bytes FROM counter_state c
    JOIN interface i ON i.id = c.interface_id WHERE i.name = 'top'")"
check_sound_database "$DB"

# An impossible jump: 0 to 2^64-1 in a second is dropped with one warning.
printf '# octolog-trace v1\n%s j 0 0\n%s j 18446744073709551615 18446744073709551615\n' \
  "$T" "$((T + 1000))" >"$WORK/jump.trace"
"$RECORDER" --replay "$WORK/jump.trace" --db "$WORK/jump.db" >"$WORK/jump.log" 2>&1
check_eq "a jump to 2^64-1 replays with exit 0" 0 $?
check_match "and is dropped with a warning" "j: impossible jump: dropped rx 18446744073709551615 B" \
  "$(cat "$WORK/jump.log")"
check_eq "nothing of it is stored" "0 0" "$(db_totals "$WORK/jump.db" traffic_hourly j)"

# Garbage lines, each in an otherwise good trace replayed into the database.
garbage=(
  "$T eth0" "$T eth0 1" "x eth0 1 2" "-$T eth0 1 2 ifindex=" "$T eth0 -1 2" "$T eth0 1 -2"
  "$T eth0 18446744073709551616 0" "$T eth0 1 2 width=16" "$T eth0 1 2 width=32x"
  "$T eth0 4294967296 0 width=32" "$T eth0 1 2 colour=red" "$T eth0 1 2 ifindex"
  "$T eth0 1 2 boot=" "$T eth0 1 2 boot_ms=-5" "$T eth0 1 2 speed=fast" "$T eth%zz 1 2"
  "$T eth%0 1 2" "$T a%00b 1 2" "$T % 1 2" "99999999999999999999 eth0 1 2"
  "$T eth0 0x10 2" "$T eth0 1e3 2" "$T eth0 1 2 rx_packets=1.5" $'\x01\x02\x03 \x1b[2J'
  "$T eth0 1 2 =" "$T eth0 1 2 ==" "$((T - 5000)) eth0 1 2"
)
views() { sqlite3 "$DB" "SELECT * FROM traffic_samples; SELECT * FROM traffic_5min;
  SELECT * FROM traffic_hourly; SELECT * FROM counter_state" | sha256sum; }
before=$(views)
tried=0
for line in "${garbage[@]}"; do
  printf '# octolog-trace v1\n%s good 1 1\n%s\n%s good 2 2\n' "$((T + 9000))" "$line" \
    "$((T + 10000))" >"$WORK/garbage.trace"
  err=$("$RECORDER" --replay "$WORK/garbage.trace" --db "$DB" 2>&1 >/dev/null)
  status=$?
  tried=$((tried + 1))
  check_eq "exit 1 for garbage line '$(printf '%q' "$line")'" 1 "$status"
  check_match "one printable line naming line 3" '^octolog-recorder: [^:]*garbage.trace:3: [ -~]+$' "$err"
done
check_eq "the views are unchanged by $tried garbage traces" "$before" "$(views)"
check_sound_database "$DB"
echo "figures: ${#names[@]} hostile names recorded; $tried garbage lines refused"
finish

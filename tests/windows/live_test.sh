#!/usr/bin/env bash
# Records the host's interfaces live through IP Helper (GetIfTable2) under
# Wine, which builds its interface table from the Linux kernel's, and checks:
# every host interface is in the database with its coverage; the stored totals
# are exactly the counter deltas the recorder read; those 64-bit counters lie
# between what the kernel reported just before and just after (past 4 GiB on
# the loopback, pushed there first when python3 is available); a second
# recorder is refused the database; Ctrl-C (SIGINT, which Wine delivers as
# CTRL_C_EVENT) stops the recorder cleanly.
# Usage: live_test.sh RECORDER (a command that runs octolog-recorder.exe under Wine)
source "$(dirname "$0")/../e2e/lib.sh"
RECORDER=$1
command -v sqlite3 >/dev/null || skip "needs sqlite3"
[[ -r /proc/net/dev ]] || skip "needs /proc/net/dev to compare with"
WORK=$(mktemp -d)
pid=""
trap '[[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null; rm -rf "$WORK"' EXIT

k_four_gib=4294967296

# "name rx_bytes tx_bytes" per interface, from the kernel.
host_counters() { sed 's/:/ /' /proc/net/dev | awk 'NR > 2 {print $1, $2, $10}' | sort; }
host_value() { # counters-text name column(2: rx, 3: tx)
  awk -v n="$2" -v c="$3" '$1 == n {print $c}' <<<"$1"
}
trace_snapshots() { awk '!/^#/ {print $1}' "$WORK/live.trace" 2>/dev/null | uniq | wc -l; }
wait_for_snapshots() { # count seconds
  local deadline=$((SECONDS + $2))
  while (($(trace_snapshots) < $1)); do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}
# Sends $1 UDP datagrams of $2 bytes to the discard port on the loopback (no
# listener: the kernel counts them on lo in both directions, then drops them).
loopback_udp() { # count size
  python3 - "$1" "$2" <<'EOF'
import socket, sys
count, size = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
payload = bytes(size)
for _ in range(count):
    s.sendto(payload, ("127.0.0.1", 9))
EOF
}

# A counter above 2^32 shows that the 64-bit values arrive whole: the
# loopback is pushed past 4 GiB once per machine boot (about 66,000 datagrams
# of 65,000 bytes, a few seconds), then stays there.
pushed=""
if command -v python3 >/dev/null && [[ -n $(host_value "$(host_counters)" lo 2) ]]; then
  while (($(host_value "$(host_counters)" lo 2) < k_four_gib + (1 << 28))); do
    loopback_udp 10000 65000 || break
    pushed=yes
  done
fi
lo_rx=$(host_value "$(host_counters)" lo 2)
if ((${lo_rx:-0} < k_four_gib)); then
  echo "note: lo has moved less than 4 GiB and python3 is missing: the values checked stay below 2^32"
fi

before=$(host_counters)
"$RECORDER" --include '*' --db "$WORK/live.db" --trace-out "$WORK/live.trace" \
  --flush-interval 1 >"$WORK/live.log" 2>&1 &
pid=$!
wait_for_snapshots 2 60
check_eq "recorder is reading (2 snapshots)" 0 $?
if command -v python3 >/dev/null; then
  loopback_udp 1000 1000 # a megabyte the recorder must see on lo
fi
wait_for_snapshots 4 30
check_eq "recorder is reading (4 snapshots)" 0 $?

err=$("$RECORDER" --include '*' --db "$WORK/live.db" 2>&1 >/dev/null)
check_eq "a second recorder on the same database exits 1" 1 $?
check_eq "a second recorder says why" \
  "octolog-recorder: another octolog-recorder is already recording to $WORK/live.db" \
  "$(tr -d '\r' <<<"$err")"

kill -INT "$pid"
for ((i = 0; i < 100; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$pid" 2>/dev/null; then
  echo "still running 20 s after SIGINT: killed"
  kill -KILL "$pid"
fi
wait "$pid"
check_eq "Ctrl-C (SIGINT) stops the recorder with exit 0" 0 $?
pid=""
after=$(host_counters)
log=$(tr -d '\r' <"$WORK/live.log")
check_match "it logged its start" "recording to $WORK/live.db every 1 s via iphelper" "$log"
check_match "it logged a clean stop" "info: stopped$" "$log"

q() { sqlite3 "$WORK/live.db" "$1"; }
names=$(awk '{print $1}' <<<"$before" | paste -sd' ')
check_eq "every host interface was recorded" "$names" \
  "$(q "SELECT name FROM interface ORDER BY name" | paste -sd' ')"
check_eq "the run is closed and names its source" "iphelper|1" \
  "$(q "SELECT source, stopped_ms IS NOT NULL FROM recorder_run")"
if grep -q '^lo ' <<<"$before"; then
  check_eq "lo is of kind loopback" loopback "$(q "SELECT kind FROM interface WHERE name = 'lo'")"
fi

first_ms=$(awk '!/^#/ {print $1; exit}' "$WORK/live.trace")
last_ms=$(awk '!/^#/ {t = $1} END {print t}' "$WORK/live.trace")
echo "interface: kernel before <= first reading .. last reading <= kernel after (rx; tx)"
for name in $names; do
  read -r _ rx0 tx0 < <(awk -v n="$name" '!/^#/ && $2 == n {print; exit}' "$WORK/live.trace" |
    awk '{print $2, $3, $4}')
  read -r _ rx1 tx1 < <(awk -v n="$name" '!/^#/ && $2 == n {l = $0} END {print l}' "$WORK/live.trace" |
    awk '{print $2, $3, $4}')
  hrx0=$(host_value "$before" "$name" 2) htx0=$(host_value "$before" "$name" 3)
  hrx1=$(host_value "$after" "$name" 2) htx1=$(host_value "$after" "$name" 3)
  echo "  $name: $hrx0 <= $rx0 .. $rx1 <= $hrx1; $htx0 <= $tx0 .. $tx1 <= $htx1"
  ok=0
  ((hrx0 <= rx0 && rx0 <= rx1 && rx1 <= hrx1 && htx0 <= tx0 && tx0 <= tx1 && tx1 <= htx1)) && ok=1
  check_eq "$name: IP Helper's counters lie within the kernel's" 1 "$ok"
  check_eq "$name: stored totals are the counter deltas read" "$((rx1 - rx0))|$((tx1 - tx0))" \
    "$(q "SELECT coalesce(sum(rx_bytes), 0), coalesce(sum(tx_bytes), 0) FROM traffic_hourly
          WHERE interface = '$name'")"
  check_eq "$name: covered from the first reading to the last" "$((last_ms - first_ms))" \
    "$(q "SELECT sum(covered_ms) FROM traffic_5min WHERE interface = '$name'")"
  if [[ $name == lo ]] && command -v python3 >/dev/null; then
    check_eq "lo: the megabyte sent during the run was counted" 1 "$((rx1 - rx0 >= 1000000))"
  fi
  if ((rx1 >= k_four_gib)); then
    check_eq "$name: a 64-bit value above 2^32 read whole ($rx1)" 1 1
  fi
done
[[ -n $pushed ]] && echo "(lo was pushed past 4 GiB with loopback datagrams before the run)"
finish

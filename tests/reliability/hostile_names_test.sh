#!/usr/bin/env bash
# Hostile interface names on the real kernel: veth ends in a namespace named
# with quotes, SQL, UTF-8, glob characters, a backslash and the full 15 bytes
# (what the kernel allows: no '/', ':' or white space, and no literal '%',
# which it takes as a "%d" pattern). The recorder records them live, with
# traffic on two; names are stored byte for byte, totals equal the kernel's
# deltas, and the live trace replays to the same database.
# Usage: hostile_names_test.sh RECORDER
source "$(dirname "$0")/lib.sh"
RECORDER=$(realpath "$1")
need_root_and_netns
command -v sqlite3 >/dev/null || skip "needs sqlite3"

start_scene orhn
ip netns add "$NS_A"
ip netns add "$NS_B"
for ns in "$NS_A" "$NS_B"; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done

SQL_NAME="x');DROP--"
UTF8_NAME="ünïcødé"
names=("q\"o'te" "$SQL_NAME" "$UTF8_NAME" 'abcdefghijklmno' 'a*b?[c]' 'back\slash' 'ÿ€')
i=0
for name in "${names[@]}"; do
  ip link add "$name" netns "$NS_A" type veth peer name "peer$i" netns "$NS_B"
  check_eq "the kernel takes the name '$name' (${#name} characters)" "$name" \
    "$(ip -n "$NS_A" -o link show dev "$name" | awk -F': ' '{print $2}' | sed 's/@.*//')"
  i=$((i + 1))
done
check_match "the kernel refuses 16 bytes" "." \
  "$(ip -n "$NS_A" link add abcdefghijklmnop type dummy 2>&1)"
check_match "the kernel refuses a literal '%'" "." \
  "$(ip -n "$NS_A" link add "50%" type dummy 2>&1)"

# Traffic on the SQL name (198.51.100.0/24) and the UTF-8 name (203.0.113.0/24).
address() { # name peer a b
  ip -n "$NS_A" addr add "$3/24" dev "$1"
  ip -n "$NS_B" addr add "$4/24" dev "$2"
  ip -n "$NS_A" link set "$1" up
  ip -n "$NS_B" link set "$2" up
  local mac_a mac_b
  mac_a=$(ip -n "$NS_A" -br link show dev "$1" | awk '{print $3}')
  mac_b=$(ip -n "$NS_B" -br link show dev "$2" | awk '{print $3}')
  ip -n "$NS_A" neigh add "$4" lladdr "$mac_b" dev "$1" nud permanent
  ip -n "$NS_B" neigh add "$3" lladdr "$mac_a" dev "$2" nud permanent
}
address "$SQL_NAME" peer1 198.51.100.1 198.51.100.2
address "$UTF8_NAME" peer2 203.0.113.1 203.0.113.2

bytes_of() { # name
  ip netns exec "$NS_A" awk -v want="$1:" '$1 == want {print $2, $10}' /proc/net/dev
}
declare -A before
for name in "${names[@]}"; do
  before[$name]=$(bytes_of "$name")
done

ip netns exec "$NS_A" "$RECORDER" --db "$WORK/octolog.db" --exclude lo --interval 1 \
  --flush-interval 1 --trace-out "$WORK/live.trace" >"$WORK/recorder.log" 2>&1 &
PID=$!
wait_for_text "$WORK/recorder.log" 10 "recording to" || { cat "$WORK/recorder.log"; exit 1; }
for round in 1 2 3; do
  send_udp "$NS_A" 198.51.100.2 300 $((400 * round))
  send_udp "$NS_B" 203.0.113.1 200 900
  sleep 0.8
done
sleep 0.5
declare -A expected
for name in "${names[@]}"; do
  read -r rx0 tx0 <<<"${before[$name]}"
  read -r rx1 tx1 <<<"$(bytes_of "$name")"
  expected[$name]="$((rx1 - rx0)) $((tx1 - tx0))"
done
kill -TERM "$PID"
wait "$PID"
check_eq "the recorder exits 0" 0 $?
PID=""
check_eq "no error or warning" 0 "$(grep -cE "error|warn" "$WORK/recorder.log")"

check_eq "every name stored byte for byte, nothing else" \
  "$(printf '%s\n' "${names[@]}" | sort)" "$(sqlite3 "$WORK/octolog.db" "SELECT name FROM interface" | sort)"
for name in "${names[@]}"; do
  got=$(sqlite3 -separator ' ' "$WORK/octolog.db" "SELECT coalesce(sum(rx_bytes), 0),
    coalesce(sum(tx_bytes), 0) FROM traffic_hourly WHERE interface = CAST(x'$(printf '%s' "$name" |
    od -An -tx1 | tr -d ' \n')' AS TEXT)")
  check_eq "totals of '$name' equal the kernel's deltas" "${expected[$name]}" "$got"
done
check_match "traffic crossed the SQL-named link" '^[1-9][0-9]{3,} [1-9][0-9]{5,}$' \
  "${expected[$SQL_NAME]}"
check_match "traffic crossed the UTF-8-named link" '^[1-9][0-9]{5,} [1-9][0-9]{3,}$' \
  "${expected[$UTF8_NAME]}"
check_sound_database "$WORK/octolog.db"
"$RECORDER" --replay "$WORK/live.trace" --db "$WORK/replayed.db" --exclude lo >/dev/null 2>&1
check_eq "the live trace replays with exit 0" 0 $?
for view in traffic_samples traffic_5min traffic_hourly; do
  check_eq "replaying the live trace gives the same $view" \
    "$(sqlite3 "$WORK/octolog.db" "SELECT * FROM $view ORDER BY 1, 2" | sha256sum)" \
    "$(sqlite3 "$WORK/replayed.db" "SELECT * FROM $view ORDER BY 1, 2" | sha256sum)"
done
echo "figures: ${#names[@]} hostile kernel names recorded; 2 names refused by the kernel"
finish

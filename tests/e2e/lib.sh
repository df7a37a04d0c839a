# Shared helpers for the end-to-end tests: assertions with a tally, and the
# network-namespace test hosts. Sourced, never run.

set -u
E2E_PASSED=0
E2E_FAILED=0
E2E_SKIP=77 # ctest's SKIP_RETURN_CODE for these tests

check_eq() { # name expected actual
  if [[ "$2" == "$3" ]]; then
    E2E_PASSED=$((E2E_PASSED + 1))
    echo "ok   $1"
  else
    E2E_FAILED=$((E2E_FAILED + 1))
    echo "FAIL $1: expected '$2', got '$3'"
  fi
}

check_match() { # name extended-regex actual
  if [[ "$3" =~ $2 ]]; then
    E2E_PASSED=$((E2E_PASSED + 1))
    echo "ok   $1"
  else
    E2E_FAILED=$((E2E_FAILED + 1))
    echo "FAIL $1: '$3' does not match /$2/"
  fi
}

finish() {
  echo "$E2E_PASSED passed, $E2E_FAILED failed"
  [[ $E2E_FAILED -eq 0 ]]
}

skip() {
  echo "SKIPPED: $*"
  exit "$E2E_SKIP"
}

need_root_and_netns() {
  [[ $(id -u) -eq 0 ]] || skip "needs root to create network namespaces"
  command -v ip >/dev/null || skip "needs ip (iproute2)"
  local probe="octolog-probe-$$"
  ip netns add "$probe" 2>/dev/null || skip "cannot create network namespaces here"
  local entered=0
  ip netns exec "$probe" true 2>/dev/null && entered=1
  ip netns del "$probe"
  ((entered)) || skip "cannot enter network namespaces here (ip netns exec failed)"
}

# The test's scene: NS_A and NS_B, two namespace names made from TAG and this
# shell's PID (not yet created: make_veth_pair does that), an empty WORK
# directory and PID, the recorder's process id once the test sets it. On exit
# the recorder is killed, the test's own extra_cleanup runs when it defines
# one, and the namespaces and WORK go.
start_scene() { # tag
  NS_A="$1$$a" NS_B="$1$$b"
  WORK=$(mktemp -d)
  PID=""
  trap end_scene EXIT
}

end_scene() {
  [[ -n "$PID" ]] && kill -9 "$PID" 2>/dev/null
  if declare -F extra_cleanup >/dev/null; then
    extra_cleanup
  fi
  ip netns del "$NS_A" 2>/dev/null
  ip netns del "$NS_B" 2>/dev/null
  rm -rf "$WORK"
}

# Two test hosts joined by a veth pair: namespace $1 holds $3 (198.51.100.1),
# namespace $2 holds $4 (198.51.100.2). IPv6 is off and the neighbours are
# static, so the link carries nothing but the test's own traffic.
make_veth_pair() { # ns_a ns_b if_a if_b
  local a=$1 b=$2 ia=$3 ib=$4
  ip netns add "$a"
  ip netns add "$b"
  ip link add "$ia" netns "$a" type veth peer name "$ib" netns "$b"
  for ns in "$a" "$b"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
  done
  ip -n "$a" addr add 198.51.100.1/24 dev "$ia"
  ip -n "$b" addr add 198.51.100.2/24 dev "$ib"
  local mac_a mac_b
  mac_a=$(ip -n "$a" -br link show "$ia" | awk '{print $3}')
  mac_b=$(ip -n "$b" -br link show "$ib" | awk '{print $3}')
  ip -n "$a" neigh add 198.51.100.2 lladdr "$mac_b" dev "$ia" nud permanent
  ip -n "$b" neigh add 198.51.100.1 lladdr "$mac_a" dev "$ib" nud permanent
  ip -n "$a" link set "$ia" up
  ip -n "$b" link set "$ib" up
  ip -n "$a" link set lo up
  ip -n "$b" link set lo up
}

# "rx tx" byte counters of interface $2 in namespace $1, from the kernel.
kernel_bytes() { # ns if
  ip netns exec "$1" awk -v want="$2:" '$1 == want {print $2, $10}' /proc/net/dev
}

# Sends $3 UDP datagrams of $4 bytes from namespace $1 to $2, port 9 (discard;
# nothing listens, so the peer answers with rate-limited ICMP: more traffic,
# all of it counted by both the kernel and the recorder).
send_udp() { # ns dest count size
  ip netns exec "$1" bash -c '
    exec 3>/dev/udp/'"$2"'/9 || exit 1
    payload=$(printf "%*s" '"$4"' "")
    for ((i = 0; i < '"$3"'; i++)); do printf "%s" "$payload" >&3 2>/dev/null; done
    exit 0'
}

# Waits up to $2 seconds for file $1 to contain $3.
wait_for_text() { # file seconds text
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    grep -q -- "$3" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

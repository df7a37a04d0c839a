# Shared by the benchmark scripts. Sourced, never run.

# Two namespaces $1 and $2 (created here) joined by 4 veth pairs, oc0..oc3
# in $1 (198.51.100.4i+1/30) and od0..od3 in $2 (198.51.100.4i+2/30). IPv6 is
# off and the neighbours are static, so the links carry only the script's
# own traffic.
make_four_veth_pairs() { # ns_a ns_b
  local a=$1 b=$2 ns i
  ip netns add "$a"
  ip netns add "$b"
  for ns in "$a" "$b"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
    ip -n "$ns" link set lo up
  done
  for i in 0 1 2 3; do
    ip link add "oc$i" netns "$a" type veth peer name "od$i" netns "$b"
    ip -n "$a" addr add "198.51.100.$((4 * i + 1))/30" dev "oc$i"
    ip -n "$b" addr add "198.51.100.$((4 * i + 2))/30" dev "od$i"
    ip -n "$a" link set "oc$i" up
    ip -n "$b" link set "od$i" up
    ip -n "$a" neigh add "198.51.100.$((4 * i + 2))" dev "oc$i" nud permanent \
      lladdr "$(ip -n "$b" -br link show "od$i" | awk '{print $3}')"
    ip -n "$b" neigh add "198.51.100.$((4 * i + 1))" dev "od$i" nud permanent \
      lladdr "$(ip -n "$a" -br link show "oc$i" | awk '{print $3}')"
  done
}

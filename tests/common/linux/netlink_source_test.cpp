#include "octolog/counter_source.hpp"

#include "allocation_counter.hpp"
#include "linux/netlink_source.hpp"
#include "linux/procfs_source.hpp"
#include "linux_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using octolog::InterfaceCounters;
using octolog::NetlinkSource;
using octolog::ProcfsSource;
using octolog::SourceOptions;
using octolog::testing::find_interface;
using octolog::testing::loopback_bytes_per_datagram;
using octolog::testing::run_in_new_network_namespace;
using octolog::testing::send_loopback_datagrams;

constexpr std::size_t k_datagrams = 100;
constexpr std::size_t k_payload_bytes = 1000;

// Runs `body` in a new network namespace; skips when one cannot be made.
#define OCTOLOG_RUN_IN_NEW_NETWORK_NAMESPACE(body)                                                 \
  do {                                                                                             \
    const auto run = run_in_new_network_namespace(body);                                           \
    if (!run.ran) {                                                                                \
      GTEST_SKIP() << "cannot create a network namespace: " << run.failure;                        \
    }                                                                                              \
    EXPECT_EQ(run.failure, "");                                                                    \
  } while (false)

// Reads `source` into `out`, describing a failure.
std::string read_into(octolog::CounterSource& source, std::vector<InterfaceCounters>& out) {
  std::string error;
  return source.read(out, error) ? std::string() : "read failed: " + error;
}

std::string names_of(const std::vector<InterfaceCounters>& interfaces) {
  std::string names;
  for (const InterfaceCounters& entry : interfaces) {
    names += entry.name + "(" + std::to_string(entry.ifindex) + "," + entry.kind + ") ";
  }
  return names;
}

std::string run_command(const std::string& command) {
  // NOLINTNEXTLINE(cert-env33-c): fixed commands, run only in a test namespace
  const int status = std::system((command + " >/dev/null 2>&1").c_str());
  return status == 0 ? std::string()
                     : "'" + command + "' failed with status " + std::to_string(status);
}

} // namespace

TEST(NetlinkSource, ReportsLoopbackWithIfindexOne) {
  NetlinkSource source{SourceOptions{}};
  std::vector<InterfaceCounters> out;
  for (int i = 0; i < 2; ++i) {
    std::string error;
    ASSERT_TRUE(source.read(out, error)) << error;
    const InterfaceCounters* lo = find_interface(out, "lo");
    ASSERT_NE(lo, nullptr) << names_of(out);
    EXPECT_EQ(lo->ifindex, 1);
    EXPECT_EQ(lo->kind, "loopback");
    EXPECT_EQ(lo->width, 64);
  }
  EXPECT_EQ(source.name(), "netlink");
  EXPECT_EQ(source.boot_id().size(), 36U);
}

TEST(NetlinkSource, AgreesWithProcNetDevReadBeforeAndAfter) {
  NetlinkSource netlink{SourceOptions{}};
  ProcfsSource procfs{SourceOptions{}};
  std::vector<InterfaceCounters> before;
  std::vector<InterfaceCounters> during;
  std::vector<InterfaceCounters> after;
  ASSERT_EQ(read_into(procfs, before), "");
  ASSERT_EQ(read_into(netlink, during), "");
  ASSERT_EQ(read_into(procfs, after), "");
  std::size_t compared = 0;
  for (const InterfaceCounters& entry : during) {
    const InterfaceCounters* low = find_interface(before, entry.name);
    const InterfaceCounters* high = find_interface(after, entry.name);
    if (low == nullptr || high == nullptr) {
      continue; // appeared or vanished meanwhile
    }
    ++compared;
    EXPECT_EQ(entry.ifindex, low->ifindex) << entry.name;
    EXPECT_LE(low->rx_bytes, entry.rx_bytes) << entry.name;
    EXPECT_LE(entry.rx_bytes, high->rx_bytes) << entry.name;
    EXPECT_LE(low->tx_bytes, entry.tx_bytes) << entry.name;
    EXPECT_LE(entry.tx_bytes, high->tx_bytes) << entry.name;
    EXPECT_LE(low->rx_packets, entry.rx_packets) << entry.name;
    EXPECT_LE(entry.rx_packets, high->rx_packets) << entry.name;
    EXPECT_LE(low->tx_packets, entry.tx_packets) << entry.name;
    EXPECT_LE(entry.tx_packets, high->tx_packets) << entry.name;
  }
  EXPECT_GE(compared, 1U) << names_of(during);
}

// lo in the machine's namespace may carry other traffic during the test, so
// the delta is only bounded below here; NetlinkSourceInNamespace checks it
// exactly on a private lo.
TEST(NetlinkSource, CountsLoopbackTrafficItGenerates) {
  NetlinkSource source{SourceOptions{}};
  std::vector<InterfaceCounters> before;
  std::vector<InterfaceCounters> after;
  ASSERT_EQ(read_into(source, before), "");
  ASSERT_EQ(send_loopback_datagrams(k_datagrams, k_payload_bytes), "");
  ASSERT_EQ(read_into(source, after), "");
  const InterfaceCounters* lo_before = find_interface(before, "lo");
  const InterfaceCounters* lo_after = find_interface(after, "lo");
  ASSERT_NE(lo_before, nullptr);
  ASSERT_NE(lo_after, nullptr);
  const std::uint64_t expected_bytes = k_datagrams * loopback_bytes_per_datagram(k_payload_bytes);
  EXPECT_GE(lo_after->rx_bytes - lo_before->rx_bytes, expected_bytes);
  EXPECT_GE(lo_after->tx_bytes - lo_before->tx_bytes, expected_bytes);
  EXPECT_GE(lo_after->rx_packets - lo_before->rx_packets, k_datagrams);
  EXPECT_GE(lo_after->tx_packets - lo_before->tx_packets, k_datagrams);
}

TEST(NetlinkSource, GrowsATooSmallReceiveBuffer) {
  NetlinkSource small{SourceOptions{}, 64};
  NetlinkSource normal{SourceOptions{}};
  std::vector<InterfaceCounters> from_small;
  std::vector<InterfaceCounters> from_normal;
  ASSERT_EQ(read_into(small, from_small), "");
  ASSERT_EQ(read_into(normal, from_normal), "");
  ASSERT_EQ(from_small.size(), from_normal.size());
  for (std::size_t i = 0; i < from_small.size(); ++i) {
    EXPECT_EQ(from_small[i].name, from_normal[i].name);
    EXPECT_EQ(from_small[i].ifindex, from_normal[i].ifindex);
    EXPECT_EQ(from_small[i].kind, from_normal[i].kind);
  }
}

TEST(NetlinkSourceInNamespace, CountsLoopbackTrafficExactly) {
  OCTOLOG_RUN_IN_NEW_NETWORK_NAMESPACE([]() -> std::string {
    NetlinkSource source{SourceOptions{}};
    std::vector<InterfaceCounters> before;
    std::vector<InterfaceCounters> after;
    std::string failure = read_into(source, before);
    if (failure.empty()) {
      failure = send_loopback_datagrams(k_datagrams, k_payload_bytes);
    }
    if (failure.empty()) {
      failure = read_into(source, after);
    }
    if (!failure.empty()) {
      return failure;
    }
    if (before.size() != 1 || after.size() != 1 || before[0].name != "lo" ||
        after[0].name != "lo") {
      return "expected only lo, got " + names_of(before) + "then " + names_of(after);
    }
    const std::uint64_t bytes = k_datagrams * loopback_bytes_per_datagram(k_payload_bytes);
    const InterfaceCounters& a = before[0];
    const InterfaceCounters& b = after[0];
    if (b.rx_bytes - a.rx_bytes != bytes || b.tx_bytes - a.tx_bytes != bytes ||
        b.rx_packets - a.rx_packets != k_datagrams || b.tx_packets - a.tx_packets != k_datagrams) {
      return "lo delta rx " + std::to_string(b.rx_bytes - a.rx_bytes) + " B/" +
             std::to_string(b.rx_packets - a.rx_packets) + " p, tx " +
             std::to_string(b.tx_bytes - a.tx_bytes) + " B/" +
             std::to_string(b.tx_packets - a.tx_packets) + " p; expected " + std::to_string(bytes) +
             " B/" + std::to_string(k_datagrams) + " p each way";
    }
    return {};
  });
}

TEST(NetlinkSourceInNamespace, DumpsLinksOnlyWhenLinksChange) {
  OCTOLOG_RUN_IN_NEW_NETWORK_NAMESPACE([]() -> std::string {
    NetlinkSource source{SourceOptions{}};
    std::vector<InterfaceCounters> out;
    std::string failure;
    auto step = [&](const std::string& command, std::uint64_t refreshes,
                    const std::string& expected_names) {
      if (!failure.empty()) {
        return;
      }
      if (!command.empty()) {
        failure = run_command(command);
        if (!failure.empty()) {
          return;
        }
      }
      failure = read_into(source, out);
      if (!failure.empty()) {
        return;
      }
      std::sort(out.begin(), out.end(),
                [](const auto& a, const auto& b) { return a.ifindex < b.ifindex; });
      const std::string names = names_of(out);
      if (names != expected_names || source.link_refreshes() != refreshes) {
        failure = "after '" + command + "': " + names + "with " +
                  std::to_string(source.link_refreshes()) + " link dumps; expected " +
                  expected_names + "with " + std::to_string(refreshes);
      }
    };
    step("", 1, "lo(1,loopback) ");
    step("", 1, "lo(1,loopback) ");
    step("ip link add ob0a type veth peer name ob0b", 2,
         "lo(1,loopback) ob0b(2,veth) ob0a(3,veth) ");
    step("", 2, "lo(1,loopback) ob0b(2,veth) ob0a(3,veth) ");
    // A rename keeps the ifindex: only the link notification reveals it.
    step("ip link set dev ob0a name obrenamed", 3,
         "lo(1,loopback) ob0b(2,veth) obrenamed(3,veth) ");
    step("", 3, "lo(1,loopback) ob0b(2,veth) obrenamed(3,veth) ");
    step("ip link del obrenamed", 4, "lo(1,loopback) ");
    step("", 4, "lo(1,loopback) ");
    return failure;
  });
}

TEST(NetlinkSourceInNamespace, ReadsWithoutAllocatingInSteadyState) {
  OCTOLOG_RUN_IN_NEW_NETWORK_NAMESPACE([]() -> std::string {
    std::string failure = run_command("ip link add ob0a type veth peer name ob0b");
    if (!failure.empty()) {
      return failure;
    }
    NetlinkSource source{SourceOptions{}};
    std::vector<InterfaceCounters> out;
    std::string error;
    if (!source.read(out, error) || !source.read(out, error)) {
      return "read failed: " + error;
    }
    const std::uint64_t allocations = octolog::testing::allocation_count();
    for (int i = 0; i < 10; ++i) {
      if (!source.read(out, error)) {
        return "read failed: " + error;
      }
    }
    const std::uint64_t during = octolog::testing::allocation_count() - allocations;
    if (during != 0 || out.size() != 3) {
      return std::to_string(during) + " allocations in 10 reads of " + names_of(out);
    }
    return {};
  });
}

#include "octolog/error.hpp"

#include "linux/boot_id.hpp"
#include "linux/procfs_source.hpp"
#include "linux/sys_class_net.hpp"
#include "linux_test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

using octolog::InterfaceCounters;
using octolog::ProcfsSource;
using octolog::SourceOptions;
using octolog::testing::fixture_tree;
using octolog::testing::ProcfsTree;
using octolog::testing::tree_options;
using octolog::testing::write_file;

InterfaceCounters counters(std::string name, std::int64_t ifindex, std::uint64_t rx_bytes,
                           std::uint64_t rx_packets, std::uint64_t tx_bytes,
                           std::uint64_t tx_packets, std::uint64_t link_speed_bps) {
  InterfaceCounters result;
  result.name = std::move(name);
  result.ifindex = ifindex;
  result.rx_bytes = rx_bytes;
  result.rx_packets = rx_packets;
  result.tx_bytes = tx_bytes;
  result.tx_packets = tx_packets;
  result.link_speed_bps = link_speed_bps;
  return result;
}

constexpr std::string_view k_header =
    "Inter-|   Receive                                                |  Transmit\n"
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
    "drop fifo colls carrier compressed\n";

} // namespace

TEST(ProcfsSource, ReadsCountersIfindexAndSpeedFromFixtureTree) {
  ProcfsSource source(tree_options(fixture_tree()));
  std::vector<InterfaceCounters> out;
  std::string error;
  ASSERT_TRUE(source.read(out, error)) << error;
  const std::vector<InterfaceCounters> expected = {
      counters("lo", 1, 9120, 80, 9120, 80, 0),
      counters("eth0", 2, 18446744073709551615U, 123456789, 987654321012, 4567, 1000000000),
      counters("wlan0", 3, 0, 0, 0, 0, 0),
      counters("veth0", 7, 77, 1, 88, 2, 10000000000),
      counters("bogus", 0, 5, 6, 7, 8, 0),
  };
  EXPECT_EQ(out, expected);
}

TEST(ProcfsSource, ReportsTrimmedBootIdAndName) {
  const ProcfsSource source(tree_options(fixture_tree()));
  EXPECT_EQ(source.boot_id(), "0f7e9c4a-6d1b-4e55-9a0c-3b2f1d8e7a61");
  EXPECT_EQ(source.name(), "procfs");
}

TEST(ProcfsSource, RereadsSysfsOnlyWhenNamesChange) {
  const ProcfsTree tree;
  ProcfsSource source(tree_options(tree.root()));
  std::vector<InterfaceCounters> out;
  std::string error;
  ASSERT_TRUE(source.read(out, error)) << error;
  ASSERT_EQ(out.at(1).name, "eth0");
  EXPECT_EQ(out[1].ifindex, 2);

  write_file(tree.root() / "sys/class/net/eth0/ifindex", "12\n");
  write_file(tree.root() / "sys/class/net/eth0/speed", "2500\n");
  ASSERT_TRUE(source.read(out, error)) << error;
  EXPECT_EQ(out.at(1).ifindex, 2);
  EXPECT_EQ(out[1].link_speed_bps, 1000000000U);

  write_file(tree.root() / "proc/net/dev", std::string(k_header) +
                                               "    lo: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n"
                                               "  eth0: 5 6 0 0 0 0 0 0 7 8 0 0 0 0 0 0\n"
                                               "  eth1: 9 9 0 0 0 0 0 0 9 9 0 0 0 0 0 0\n");
  ASSERT_TRUE(source.read(out, error)) << error;
  const std::vector<InterfaceCounters> expected = {
      counters("lo", 1, 1, 2, 3, 4, 0),
      counters("eth0", 12, 5, 6, 7, 8, 2500000000),
      counters("eth1", 0, 9, 9, 9, 9, 0),
  };
  EXPECT_EQ(out, expected);
}

TEST(ProcfsSource, ReturnsErrorNamingFileAndLineForMalformedFile) {
  const ProcfsTree tree;
  ProcfsSource source(tree_options(tree.root()));
  write_file(tree.root() / "proc/net/dev",
             std::string(k_header) + "    lo: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n  eth0: 5 6 7\n");
  std::vector<InterfaceCounters> out;
  std::string error;
  EXPECT_FALSE(source.read(out, error));
  EXPECT_EQ(error, (tree.root() / "proc/net/dev").string() +
                       ": line 4 ('  eth0: 5 6 7'): expected 16 numbers after the name, found 3");
}

TEST(ProcfsSource, ReturnsErrorWhenFileVanishes) {
  const ProcfsTree tree;
  ProcfsSource source(tree_options(tree.root()));
  std::filesystem::remove(tree.root() / "proc/net/dev");
  std::vector<InterfaceCounters> out;
  std::string error;
  EXPECT_FALSE(source.read(out, error));
  EXPECT_EQ(error, "cannot open " + (tree.root() / "proc/net/dev").string() +
                       ": No such file or directory");
}

TEST(ProcfsSource, ThrowsWhenNetDevIsMissing) {
  const ProcfsTree tree;
  std::filesystem::remove(tree.root() / "proc/net/dev");
  EXPECT_THROW(ProcfsSource{tree_options(tree.root())}, octolog::Error);
}

TEST(ProcfsSource, ThrowsWhenBootIdIsMissing) {
  const ProcfsTree tree;
  std::filesystem::remove(tree.root() / "proc/sys/kernel/random/boot_id");
  try {
    ProcfsSource source(tree_options(tree.root()));
    FAIL() << "no exception";
  } catch (const octolog::Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot read the boot id: cannot open " +
                  (tree.root() / "proc/sys/kernel/random/boot_id").string() +
                  ": No such file or directory");
  }
}

TEST(BootId, ThrowsWhenFileIsBlank) {
  const ProcfsTree tree;
  write_file(tree.root() / "proc/sys/kernel/random/boot_id", " \n");
  EXPECT_THROW(octolog::read_boot_id(tree.root() / "proc"), octolog::Error);
}

TEST(BootId, ReadsTheRunningKernelsId) {
  const std::string id = octolog::read_boot_id("/proc");
  EXPECT_EQ(id.size(), 36U) << id;
}

TEST(SysClassNet, TreatsUnknownSpeedsAsZero) {
  const std::filesystem::path sys = fixture_tree() / "sys";
  EXPECT_EQ(octolog::read_link_speed_bps(sys, "eth0"), 1000000000U);
  EXPECT_EQ(octolog::read_link_speed_bps(sys, "lo"), 0U);      // no file
  EXPECT_EQ(octolog::read_link_speed_bps(sys, "wlan0"), 0U);   // -1
  EXPECT_EQ(octolog::read_link_speed_bps(sys, "bogus"), 0U);   // too large
  EXPECT_EQ(octolog::read_link_speed_bps(sys, "missing"), 0U); // no folder
}

TEST(SysClassNet, RefusesNamesThatLeaveTheFolder) {
  EXPECT_EQ(octolog::read_ifindex(fixture_tree() / "sys", ".."), 0);
  EXPECT_EQ(octolog::read_ifindex(fixture_tree() / "sys", "eth0/../eth0"), 0);
  EXPECT_EQ(octolog::read_ifindex(fixture_tree() / "sys", ""), 0);
  EXPECT_EQ(octolog::read_ifindex(fixture_tree() / "sys", "eth0"), 2);
}

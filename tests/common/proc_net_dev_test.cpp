#include "octolog/proc_net_dev.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

using octolog::InterfaceCounters;
using octolog::parse_proc_net_dev;

constexpr std::string_view k_header =
    "Inter-|   Receive                                                |  Transmit\n"
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
    "drop fifo colls carrier compressed\n";

std::string fixture(const std::string& name) {
  const std::filesystem::path path =
      std::filesystem::path(OCTOLOG_TEST_DATA_DIR) / "proc_net_dev" / name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

InterfaceCounters counters(std::string name, std::uint64_t rx_bytes, std::uint64_t rx_packets,
                           std::uint64_t tx_bytes, std::uint64_t tx_packets) {
  InterfaceCounters result;
  result.name = std::move(name);
  result.rx_bytes = rx_bytes;
  result.rx_packets = rx_packets;
  result.tx_bytes = tx_bytes;
  result.tx_packets = tx_packets;
  return result;
}

// Parses `text`, expecting failure, and returns the error.
std::string parse_error(std::string_view text) {
  std::vector<InterfaceCounters> out;
  std::string error;
  EXPECT_FALSE(parse_proc_net_dev(text, out, error));
  EXPECT_FALSE(error.empty());
  return error;
}

std::string with_header(std::string_view lines) {
  return std::string(k_header) + std::string(lines);
}

constexpr std::string_view k_zeros = " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

} // namespace

TEST(ProcNetDev, ParsesTypicalFile) {
  std::vector<InterfaceCounters> out;
  std::string error;
  ASSERT_TRUE(parse_proc_net_dev(fixture("typical.txt"), out, error)) << error;
  const std::vector<InterfaceCounters> expected = {
      counters("lo", 5274816, 48231, 5274816, 48231),
      counters("enp3s0", 48392017564, 35620117, 2739981233, 9815541),
      counters("wlp2s0", 0, 0, 0, 0),
      counters("docker0", 1843, 21, 98713, 412),
      counters("veth1a2b3c4", 2116, 25, 11012, 120),
  };
  EXPECT_EQ(out, expected);
}

TEST(ProcNetDev, ParsesSixtyFourBitCounters) {
  std::vector<InterfaceCounters> out;
  std::string error;
  ASSERT_TRUE(parse_proc_net_dev(fixture("sixty_four_bit.txt"), out, error)) << error;
  const std::vector<InterfaceCounters> expected = {
      counters("lo", 18446744073709551615U, 18446744073709551614U, 18446744073709551613U,
               18446744073709551612U),
      counters("eth0", 9223372036854775808U, 4294967296, 4294967295, 4294967301),
      counters("eth1", 18446744073709551000U, 1, 0, 18446744073709551614U),
  };
  EXPECT_EQ(out, expected);
  EXPECT_EQ(out[0].rx_bytes, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(out[0].width, 64);
}

TEST(ProcNetDev, ParsesManyInterfaces) {
  std::vector<InterfaceCounters> out;
  std::string error;
  ASSERT_TRUE(parse_proc_net_dev(fixture("many_interfaces.txt"), out, error)) << error;
  ASSERT_EQ(out.size(), 51U);
  EXPECT_EQ(out[0], counters("lo", 0, 0, 0, 0));
  for (std::uint64_t k = 0; k < 50; ++k) {
    const std::uint64_t n = k + 1;
    const std::string name = "ob" + std::to_string(k / 2) + (k % 2 == 0 ? "a" : "b");
    EXPECT_EQ(out[k + 1], counters(name, 1000003 * n, 1009 * n, 2000003 * n, 2009 * n));
  }
}

TEST(ProcNetDev, ParsesNumbersTouchingTheColon) {
  std::vector<InterfaceCounters> out;
  std::string error;
  ASSERT_TRUE(parse_proc_net_dev(fixture("no_space_after_colon.txt"), out, error)) << error;
  const std::vector<InterfaceCounters> expected = {
      counters("lo", 123456, 1000, 123456, 1000),
      counters("eth0", 18446744073709551615U, 4294967296, 98765432109, 77),
      counters("averylongname15", 7, 1, 9, 2),
  };
  EXPECT_EQ(out, expected);
}

TEST(ProcNetDev, TakesTheNameUpToTheLastColon) {
  std::vector<InterfaceCounters> out;
  std::string error;
  ASSERT_TRUE(parse_proc_net_dev(
      with_header("eth0:1: 10 20 0 0 0 0 0 0 30 40 0 0 0 0 0 0\n  eth0:11 21 0 0 0 0 0 0 31 41 0 "
                  "0 0 0 0 0\n"),
      out, error))
      << error;
  const std::vector<InterfaceCounters> expected = {counters("eth0:1", 10, 20, 30, 40),
                                                   counters("eth0", 11, 21, 31, 41)};
  EXPECT_EQ(out, expected);
}

TEST(ProcNetDev, AcceptsTabsAndAppendedColumnsAndNoFinalNewline) {
  std::vector<InterfaceCounters> out;
  std::string error;
  ASSERT_TRUE(
      parse_proc_net_dev(with_header("\tlo:\t1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0 99 98"), out, error))
      << error;
  const std::vector<InterfaceCounters> expected = {counters("lo", 1, 2, 3, 4)};
  EXPECT_EQ(out, expected);
}

TEST(ProcNetDev, AcceptsHeaderWithoutInterfaces) {
  std::vector<InterfaceCounters> out = {counters("stale", 1, 1, 1, 1)};
  std::string error;
  ASSERT_TRUE(parse_proc_net_dev(k_header, out, error)) << error;
  EXPECT_TRUE(out.empty());
}

TEST(ProcNetDev, ReplacesPreviousEntries) {
  std::vector<InterfaceCounters> out(7, counters("stale", 9, 9, 9, 9));
  out[0].ifindex = 42;
  out[0].kind = "veth";
  out[0].link_speed_bps = 1000;
  out[0].width = 32;
  std::string error;
  ASSERT_TRUE(parse_proc_net_dev(fixture("typical.txt"), out, error)) << error;
  ASSERT_EQ(out.size(), 5U);
  EXPECT_EQ(out[0], counters("lo", 5274816, 48231, 5274816, 48231));
}

TEST(ProcNetDev, RejectsOverflowingCounter) {
  const std::string error = parse_error(fixture("overflow.txt"));
  EXPECT_EQ(error.rfind("line 4 (", 0), 0U) << error;
  EXPECT_NE(error.find("field 1 ('18446744073709551616')"), std::string::npos) << error;
}

TEST(ProcNetDev, RejectsTruncatedLine) {
  const std::string error = parse_error(fixture("truncated.txt"));
  EXPECT_EQ(error, "line 5 ('  eth1: 12345     67    0    0    0'): expected 16 numbers after the "
                   "name, found 5");
}

TEST(ProcNetDev, RejectsMissingHeader) {
  const std::string error = parse_error(fixture("no_header.txt"));
  EXPECT_EQ(error.rfind("line 1 (", 0), 0U) << error;
  EXPECT_NE(error.find("not a /proc/net/dev header line"), std::string::npos) << error;
}

TEST(ProcNetDev, RejectsDuplicateName) {
  EXPECT_EQ(parse_error(fixture("duplicate_name.txt")),
            "line 6: interface 'eth0' already appeared on line 4");
}

TEST(ProcNetDev, RejectsEmptyAndHeaderOnlyInput) {
  EXPECT_EQ(parse_error(""), "line 1: missing /proc/net/dev header line");
  EXPECT_EQ(parse_error("Inter-|   Receive\n"), "line 2: missing /proc/net/dev header line");
}

TEST(ProcNetDev, RejectsNegativeAndNonDecimalFields) {
  EXPECT_NE(parse_error(with_header("lo: -1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n"))
                .find("field 1 ('-1') is not a decimal number"),
            std::string::npos);
  EXPECT_NE(parse_error(with_header("lo: 1 +2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n")).find("field 2"),
            std::string::npos);
  EXPECT_NE(parse_error(with_header("lo: 1 2 0 0 0 0 0 0 0x3 4 0 0 0 0 0 0\n")).find("field 9"),
            std::string::npos);
  EXPECT_NE(parse_error(with_header("lo: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 12a\n")).find("field 16"),
            std::string::npos);
  EXPECT_NE(parse_error(with_header("lo: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\r\n")).find("field 16"),
            std::string::npos);
}

TEST(ProcNetDev, RejectsMalformedNames) {
  EXPECT_NE(parse_error(with_header("lo 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n")).find("no ':'"),
            std::string::npos);
  EXPECT_NE(parse_error(with_header("   :" + std::string(k_zeros))).find("empty interface name"),
            std::string::npos);
  EXPECT_NE(parse_error(with_header("a b:" + std::string(k_zeros))).find("white space or NUL"),
            std::string::npos);
  EXPECT_NE(parse_error(with_header(std::string("a\0b:", 4) + std::string(k_zeros)))
                .find("white space or NUL"),
            std::string::npos);
  // A ':' after the numbers makes the numbers part of the name.
  EXPECT_NE(
      parse_error(with_header("lo: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0:\n")).find("white space or NUL"),
      std::string::npos);
}

TEST(ProcNetDev, RejectsEmptyLineBetweenInterfaces) {
  EXPECT_EQ(
      parse_error(with_header("lo:" + std::string(k_zeros) + "\neth0:" + std::string(k_zeros))),
      "line 4 (''): empty line");
}

TEST(ProcNetDev, KeepsHostileBytesOutOfErrors) {
  const std::string error =
      parse_error(with_header("\x1b[31mbad\x7f:" + std::string(1000, 'x') + "\n"));
  for (const char c : error) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 && byte < 0x7f) << "byte " << static_cast<int>(byte);
  }
  EXPECT_LT(error.size(), 250U);
}

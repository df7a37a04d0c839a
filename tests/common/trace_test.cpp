#include "octolog/error.hpp"
#include "octolog/trace.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace octolog {
namespace {

std::vector<Snapshot> read_all(const std::string& text) {
  std::istringstream in(text);
  TraceReader reader(in, "test.trace");
  std::vector<Snapshot> snapshots;
  while (auto snapshot = reader.next()) {
    snapshots.push_back(std::move(*snapshot));
  }
  return snapshots;
}

std::string error_of(const std::string& text) {
  try {
    read_all(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Trace, GroupsLinesWithTheSameTimeIntoOneSnapshot) {
  const auto snapshots = read_all("# octolog-trace v1\n"
                                  "1000 eth0 10 20 ifindex=2 boot=abc\n"
                                  "1000 wlan0 5 6 width=32 # a comment\n"
                                  "\n"
                                  "2000 eth0 11 21 rx_packets=3 tx_packets=4 boot_ms=99 speed=1000\n");
  ASSERT_EQ(snapshots.size(), 2U);
  EXPECT_EQ(snapshots[0].unix_ms, 1000);
  EXPECT_EQ(snapshots[0].boot_id, "abc");
  ASSERT_EQ(snapshots[0].interfaces.size(), 2U);
  EXPECT_EQ(snapshots[0].interfaces[0].ifindex, 2);
  EXPECT_EQ(snapshots[0].interfaces[1].name, "wlan0");
  EXPECT_EQ(snapshots[0].interfaces[1].width, 32);
  ASSERT_EQ(snapshots[1].interfaces.size(), 1U);
  const InterfaceCounters& eth = snapshots[1].interfaces[0];
  EXPECT_EQ(eth.rx_bytes, 11U);
  EXPECT_EQ(eth.tx_bytes, 21U);
  EXPECT_EQ(eth.rx_packets, 3U);
  EXPECT_EQ(eth.tx_packets, 4U);
  EXPECT_EQ(eth.link_speed_bps, 1000U);
  EXPECT_EQ(snapshots[1].boot_ms, 99);
}

TEST(Trace, RoundTripsEverySnapshotField) {
  Snapshot snapshot{1'780'000'000'123, 4567, "5f0c-boot", {}};
  InterfaceCounters odd;
  odd.name = "Ethernet 2 #%=\xc3\xa9";
  odd.ifindex = 12;
  odd.rx_bytes = 18'446'744'073'709'551'615ULL;
  odd.tx_bytes = 1;
  odd.rx_packets = 2;
  odd.tx_packets = 3;
  odd.width = 32;
  odd.rx_bytes = 4'294'967'295ULL;
  odd.link_speed_bps = 1'000'000'000;
  InterfaceCounters plain;
  plain.name = "eth0";
  plain.rx_bytes = 18'446'744'073'709'551'615ULL;
  snapshot.interfaces = {odd, plain};
  std::string text;
  append_trace_lines(snapshot, text);
  const auto snapshots = read_all(text);
  ASSERT_EQ(snapshots.size(), 1U);
  EXPECT_EQ(snapshots[0], snapshot);
}

TEST(Trace, NamesTheLineOfAMalformedReading) {
  EXPECT_EQ(error_of("1000 eth0 10 20\n1000 eth1 x 20\n"),
            "test.trace:2: want '<unix_ms> <interface> <rx_bytes> <tx_bytes> [key=value ...]'");
  EXPECT_EQ(error_of("1000 eth0 10 20 colour=red\n"), "test.trace:1: unknown key 'colour'");
  EXPECT_EQ(error_of("1000 eth0 10 20 width=16\n"), "test.trace:1: bad value in 'width=16'");
  EXPECT_EQ(error_of("1000 eth0 18446744073709551616 0\n"),
            "test.trace:1: want '<unix_ms> <interface> <rx_bytes> <tx_bytes> [key=value ...]'");
  EXPECT_EQ(error_of("2000 eth0 1 1\n1000 eth0 1 1\n"),
            "test.trace:2: time goes backwards (1000 after 2000)");
  EXPECT_EQ(error_of("1000 eth0 1 1\n1000 eth0 2 2\n"),
            "test.trace:2: interface 'eth0' twice at 1000");
  EXPECT_EQ(error_of("1000 eth%zz 1 1\n"), "test.trace:1: bad interface name 'eth%zz'");
  EXPECT_EQ(error_of("1000 a%00b 1 1\n"), "test.trace:1: bad interface name 'a%00b'");
  // Found by trace_fuzz: a raw NUL was taken while its escape was refused.
  EXPECT_EQ(error_of(std::string("1000 a\0b 1 1\n", 13)),
            "test.trace:1: bad interface name 'a?b'");
}

TEST(Trace, KeepsHostileBytesOutOfErrors) {
  EXPECT_EQ(error_of("1000 eth0 1 1 \x1b[31m=x\r\n"), "test.trace:1: unknown key '?[31m'");
  EXPECT_EQ(error_of("1000 a%0Db 1 1\n1000 a%0Db 2 2\n"),
            "test.trace:2: interface 'a%0Db' twice at 1000");
  EXPECT_EQ(error_of("1000 eth0 1 1 " + std::string(100, 'k') + "=1\n"),
            "test.trace:1: unknown key '" + std::string(60, 'k') + "...'");
}

TEST(Trace, EscapesOnlyWhatTheFormatNeeds) {
  EXPECT_EQ(escape_trace_name("eth0"), "eth0");
  EXPECT_EQ(escape_trace_name("a b%c"), "a%20b%25c");
  EXPECT_EQ(unescape_trace_name("a%20b%25c"), "a b%c");
  EXPECT_EQ(unescape_trace_name("bad%2"), std::nullopt);
}

} // namespace
} // namespace octolog

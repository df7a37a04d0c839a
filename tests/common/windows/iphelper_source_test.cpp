#include "windows/iphelper_source.hpp"

#include "octolog/counter_source.hpp"
#include "octolog/error.hpp"
#include "octolog/stop_signal.hpp"
#include "octolog/store.hpp"

#include <gtest/gtest.h>

#include <cwchar>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace octolog {
namespace {

MIB_IF_ROW2 row(ULONG index, const wchar_t* alias, IFTYPE type = IF_TYPE_ETHERNET_CSMACD) {
  MIB_IF_ROW2 r{};
  r.InterfaceIndex = index;
  std::wcsncpy(r.Alias, alias, std::size(r.Alias) - 1);
  r.Type = type;
  r.InterfaceAndOperStatusFlags.HardwareInterface = TRUE;
  return r;
}

std::vector<InterfaceCounters> convert(const std::vector<MIB_IF_ROW2>& rows) {
  std::vector<InterfaceCounters> out;
  counters_from_rows(rows, out);
  return out;
}

TEST(IpHelperRows, TakesSixtyFourBitOctetsAndAddsUpPackets) {
  MIB_IF_ROW2 ethernet = row(7, L"Ethernet");
  ethernet.InOctets = 0x1'2345'6789ULL; // past 4 GiB: the old GetIfTable would have wrapped
  ethernet.OutOctets = 5'000'000'000ULL;
  ethernet.InUcastPkts = 100;
  ethernet.InNUcastPkts = 20;
  ethernet.OutUcastPkts = 300;
  ethernet.OutNUcastPkts = 4;
  ethernet.ReceiveLinkSpeed = 1'000'000'000;
  ethernet.TransmitLinkSpeed = 1'000'000'000;
  const std::vector<InterfaceCounters> out = convert({ethernet});
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], (InterfaceCounters{"Ethernet", 7, 0x1'2345'6789ULL, 5'000'000'000ULL, 120, 304,
                                       64, 1'000'000'000, "ether"}));
}

TEST(IpHelperRows, SkipsNdisFilterRowsThatRepeatTheirAdapter) {
  MIB_IF_ROW2 adapter = row(7, L"Ethernet");
  adapter.InOctets = 1000;
  MIB_IF_ROW2 qos = row(8, L"Ethernet-QoS Packet Scheduler-0000");
  qos.InterfaceAndOperStatusFlags.FilterInterface = TRUE;
  qos.InOctets = 1000;
  MIB_IF_ROW2 wfp = row(9, L"Ethernet-WFP Native MAC Layer LightWeight Filter-0000");
  wfp.InterfaceAndOperStatusFlags.FilterInterface = TRUE;
  wfp.InOctets = 1000;
  MIB_IF_ROW2 wifi = row(12, L"Wi-Fi", IF_TYPE_IEEE80211);
  const std::vector<InterfaceCounters> out = convert({adapter, qos, wfp, wifi});
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0].name, "Ethernet");
  EXPECT_EQ(out[1].name, "Wi-Fi");
}

TEST(IpHelperRows, KeepsSoftwareInterfaces) {
  MIB_IF_ROW2 loopback = row(1, L"Loopback Pseudo-Interface 1", IF_TYPE_SOFTWARE_LOOPBACK);
  loopback.InterfaceAndOperStatusFlags.HardwareInterface = FALSE;
  MIB_IF_ROW2 vpn = row(30, L"WireGuard Tunnel", IF_TYPE_PROP_VIRTUAL);
  vpn.InterfaceAndOperStatusFlags.HardwareInterface = FALSE;
  const std::vector<InterfaceCounters> out = convert({loopback, vpn});
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0].kind, "loopback");
  EXPECT_EQ(out[1].kind, "53");
}

TEST(IpHelperRows, ConvertsTheAliasToUtf8) {
  const std::vector<InterfaceCounters> out = convert({row(3, L"R\u00e9seau \u4e2d")});
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].name, "R\xc3\xa9seau \xe4\xb8\xad");
}

TEST(IpHelperRows, NamesAnInterfaceWithoutAliasByItsIndex) {
  const std::vector<InterfaceCounters> out = convert({row(42, L"")});
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].name, "if42");
}

TEST(IpHelperRows, MapsTheInterfaceTypeToAKind) {
  EXPECT_EQ(interface_kind(IF_TYPE_ETHERNET_CSMACD), "ether");
  EXPECT_EQ(interface_kind(IF_TYPE_SOFTWARE_LOOPBACK), "loopback");
  EXPECT_EQ(interface_kind(IF_TYPE_IEEE80211), "wifi");
  EXPECT_EQ(interface_kind(IF_TYPE_TUNNEL), "131");
}

TEST(IpHelperRows, TakesTheFasterDirectionAsLinkSpeedAndAnUnknownSpeedAsZero) {
  MIB_IF_ROW2 asymmetric = row(1, L"dsl");
  asymmetric.ReceiveLinkSpeed = 100'000'000;
  asymmetric.TransmitLinkSpeed = 20'000'000;
  MIB_IF_ROW2 unknown = row(2, L"down");
  unknown.ReceiveLinkSpeed = std::numeric_limits<ULONG64>::max();
  unknown.TransmitLinkSpeed = std::numeric_limits<ULONG64>::max();
  const std::vector<InterfaceCounters> out = convert({asymmetric, unknown});
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0].link_speed_bps, 100'000'000U);
  EXPECT_EQ(out[1].link_speed_bps, 0U);
}

TEST(IpHelperRows, ReusesTheOutputAndDropsWhatIsGone) {
  std::vector<InterfaceCounters> out;
  counters_from_rows(std::vector<MIB_IF_ROW2>{row(1, L"a"), row(2, L"b"), row(3, L"c")}, out);
  counters_from_rows(std::vector<MIB_IF_ROW2>{row(2, L"b")}, out);
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].name, "b");
  EXPECT_EQ(out[0].ifindex, 2);
}

TEST(WindowsBootId, StaysTheSameWhileTheEstimateMovesWithinTheHour) {
  constexpr std::int64_t boot = 1'780'000'200'000; // 20:30 UTC
  EXPECT_EQ(boot_id_from_boot_time(boot), boot_id_from_boot_time(boot + 1'200'000));
  EXPECT_EQ(boot_id_from_boot_time(boot), boot_id_from_boot_time(boot - 1'800'000));
  EXPECT_EQ(boot_id_from_boot_time(boot), "boot@1779998400");
}

TEST(WindowsBootId, ChangesForABootInAnotherHour) {
  constexpr std::int64_t boot = 1'780'000'200'000;
  EXPECT_NE(boot_id_from_boot_time(boot), boot_id_from_boot_time(boot + 1'800'000));
}

TEST(IpHelperSource, ReadsEveryInterfaceOfThisMachine) {
  MIB_IF_TABLE2* table = nullptr;
  ASSERT_EQ(::GetIfTable2(&table), static_cast<DWORD>(NO_ERROR));
  std::set<std::int64_t> expected;
  for (ULONG i = 0; i < table->NumEntries; ++i) {
    if (!table->Table[i].InterfaceAndOperStatusFlags.FilterInterface) {
      expected.insert(table->Table[i].InterfaceIndex);
    }
  }
  ::FreeMibTable(table);

  IpHelperSource source;
  std::vector<InterfaceCounters> out;
  std::string error;
  ASSERT_TRUE(source.read(out, error)) << error;
  std::set<std::int64_t> seen;
  for (const InterfaceCounters& counters : out) {
    EXPECT_FALSE(counters.name.empty());
    EXPECT_EQ(counters.width, 64);
    seen.insert(counters.ifindex);
  }
  EXPECT_EQ(seen, expected);
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(source.name(), "iphelper");
  EXPECT_EQ(source.boot_id().rfind("boot@", 0), 0U) << source.boot_id();
}

TEST(WindowsCounterSource, AutomaticAndIpHelperAreIpHelper) {
  SourceOptions options;
  EXPECT_EQ(make_counter_source(options)->name(), "iphelper");
  options.kind = SourceOptions::Kind::iphelper;
  EXPECT_EQ(make_counter_source(options)->name(), "iphelper");
}

TEST(WindowsCounterSource, LinuxSourcesAreRefused) {
  SourceOptions options;
  options.kind = SourceOptions::Kind::netlink;
  EXPECT_THROW(make_counter_source(options), Error);
  options.kind = SourceOptions::Kind::procfs;
  try {
    make_counter_source(options);
    FAIL() << "procfs was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "the procfs counter source is not available on this platform (Linux only)");
  }
}

TEST(WindowsDefaultPath, IsUnderLocalAppData) {
  wchar_t saved[4096] = {};
  const DWORD length = ::GetEnvironmentVariableW(L"LOCALAPPDATA", saved, std::size(saved));
  ::SetEnvironmentVariableW(L"LOCALAPPDATA", L"C:\\Users\\ada\\AppData\\Local");
  const std::filesystem::path path = default_database_path();
  ::SetEnvironmentVariableW(L"LOCALAPPDATA", length > 0 ? saved : nullptr);
  EXPECT_EQ(path, std::filesystem::path(L"C:\\Users\\ada\\AppData\\Local\\octolog\\octolog.db"));
}

TEST(WindowsStopSignal, WaitsOutItsTimeoutWhenNoStopCame) {
  StopSignal stop;
  EXPECT_FALSE(stop.wait_for(std::chrono::milliseconds(20)));
  EXPECT_FALSE(stop.requested());
}

TEST(WindowsStopSignal, IsOnePerProcess) {
  StopSignal stop;
  EXPECT_THROW(StopSignal{}, Error);
}

} // namespace
} // namespace octolog

#include "windows/iphelper_source.hpp"

#include "octolog/clock.hpp"
#include "octolog/error.hpp"
#include "octolog/sample_buffer.hpp"

#include "windows/win32.hpp"

#include <cwchar>
#include <limits>
#include <memory>

namespace octolog {
namespace {

struct FreeMibTable {
  void operator()(MIB_IF_TABLE2* table) const { ::FreeMibTable(table); }
};
using MibIfTable = std::unique_ptr<MIB_IF_TABLE2, FreeMibTable>;

constexpr std::uint64_t k_unknown_speed = std::numeric_limits<std::uint64_t>::max();

std::uint64_t link_speed_bps(const MIB_IF_ROW2& row) {
  const std::uint64_t rx = row.ReceiveLinkSpeed == k_unknown_speed ? 0 : row.ReceiveLinkSpeed;
  const std::uint64_t tx = row.TransmitLinkSpeed == k_unknown_speed ? 0 : row.TransmitLinkSpeed;
  return rx > tx ? rx : tx;
}

} // namespace

IpHelperSource::IpHelperSource()
    : m_boot_id(
          boot_id_from_boot_time(now_unix_ms() - static_cast<std::int64_t>(::GetTickCount64()))) {
  std::vector<InterfaceCounters> first;
  std::string error;
  if (!read(first, error)) {
    throw Error("iphelper counter source: " + error);
  }
}

bool IpHelperSource::read(std::vector<InterfaceCounters>& out, std::string& error) {
  MIB_IF_TABLE2* raw = nullptr;
  const DWORD status = ::GetIfTable2(&raw);
  const MibIfTable table(raw);
  if (status != NO_ERROR) {
    error = "GetIfTable2 failed: " + error_text(status);
    return false;
  }
  counters_from_rows(std::span<const MIB_IF_ROW2>(table->Table, table->NumEntries), out);
  return true;
}

void counters_from_rows(std::span<const MIB_IF_ROW2> rows, std::vector<InterfaceCounters>& out) {
  std::size_t kept = 0;
  for (const MIB_IF_ROW2& row : rows) {
    if (row.InterfaceAndOperStatusFlags.FilterInterface) {
      continue;
    }
    if (kept == out.size()) {
      out.emplace_back();
    }
    InterfaceCounters& entry = out[kept++];
    assign_utf8(entry.name,
                std::wstring_view(row.Alias, ::wcsnlen(row.Alias, std::size(row.Alias))));
    if (entry.name.empty()) {
      entry.name = "if" + std::to_string(row.InterfaceIndex);
    }
    entry.ifindex = row.InterfaceIndex;
    entry.rx_bytes = row.InOctets;
    entry.tx_bytes = row.OutOctets;
    entry.rx_packets = row.InUcastPkts + row.InNUcastPkts;
    entry.tx_packets = row.OutUcastPkts + row.OutNUcastPkts;
    entry.width = 64;
    entry.link_speed_bps = link_speed_bps(row);
    entry.kind = interface_kind(row.Type);
  }
  out.resize(kept);
}

std::string interface_kind(IFTYPE type) {
  switch (type) {
  case IF_TYPE_ETHERNET_CSMACD:
    return "ether";
  case IF_TYPE_SOFTWARE_LOOPBACK:
    return "loopback";
  case IF_TYPE_IEEE80211:
    return "wifi";
  default:
    return std::to_string(type);
  }
}

std::string boot_id_from_boot_time(std::int64_t boot_unix_ms) {
  return "boot@" + std::to_string(floor_to(boot_unix_ms, k_boot_time_granularity_ms) / 1000);
}

} // namespace octolog

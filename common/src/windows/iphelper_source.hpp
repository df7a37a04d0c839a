#pragma once

#include "octolog/counter_source.hpp"

#include "windows/win32.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace octolog {

// Counters from IP Helper's GetIfTable2: one MIB_IF_ROW2 per interface with
// 64-bit octet and packet counters (never the old GetIfTable's 32-bit
// MIB_IFROW, whose octets wrap every 4 GiB), every interface of the machine.
// Windows lists each NDIS filter module bound to an adapter (QoS Packet
// Scheduler, WFP LightWeight filters, ...) as a row of its own that repeats
// the adapter's traffic; those rows (FilterInterface set) are skipped so that
// no adapter is counted twice. Software interfaces (loopback, VPN and tunnel
// adapters) are kept: they carry traffic of their own, as tun and veth
// devices do on Linux, and --exclude drops what is not wanted.
class IpHelperSource final : public CounterSource {
public:
  // Works out the boot id and reads the table once; throws Error when
  // GetIfTable2 fails.
  IpHelperSource();

  bool read(std::vector<InterfaceCounters>& out, std::string& error) override;
  [[nodiscard]] const std::string& boot_id() const override { return m_boot_id; }
  [[nodiscard]] std::string_view name() const override { return "iphelper"; }

private:
  std::string m_boot_id;
};

// Replaces `out` with the interfaces of `rows`, in order, skipping NDIS filter
// rows. Pure: the tests feed it rows they build.
//   name    Alias (UTF-16 -> UTF-8); "if<InterfaceIndex>" when empty
//   rx/tx   InOctets/OutOctets; packets: unicast + non-unicast
//   speed   the larger of ReceiveLinkSpeed/TransmitLinkSpeed (bits/s); 0 when
//           unknown (Windows reports an unknown speed as all ones)
void counters_from_rows(std::span<const MIB_IF_ROW2> rows, std::vector<InterfaceCounters>& out);

// "ether", "loopback", "wifi", else the IANA ifType number ("131" for a tunnel).
[[nodiscard]] std::string interface_kind(IFTYPE type);

// The boot id for a machine that booted at `boot_unix_ms`, estimated as the
// wall clock minus GetTickCount64(). Windows has no documented per-boot id,
// and that estimate moves while the machine runs: the wall clock is stepped
// and slewed (time service, hypervisor time sync) while the tick count is
// not, by seconds a day. A changed id makes the recorder count every
// interface's counters since boot again (a reboot), while an unchanged id
// across a real reboot costs next to nothing (the counters went down: a
// reset, counted from zero, as a reboot would be). So the estimate is cut to
// the hour: the id changes only when the estimate crosses an hour boundary
// between two recorder starts, and two boots within one clock hour share an
// id. See README.md, "Windows".
[[nodiscard]] std::string boot_id_from_boot_time(std::int64_t boot_unix_ms);

// How coarsely boot_id_from_boot_time() cuts the boot time.
inline constexpr std::int64_t k_boot_time_granularity_ms = 3'600'000;

} // namespace octolog

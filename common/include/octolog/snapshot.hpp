#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace octolog {

// One interface's counters at one moment, as the operating system reports them.
struct InterfaceCounters {
  std::string name;
  std::int64_t ifindex = 0; // 0 when the source does not know it
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  std::uint64_t rx_packets = 0;
  std::uint64_t tx_packets = 0;
  int width = 64;                  // counter width in bits: 32 or 64
  std::uint64_t link_speed_bps = 0; // bits per second; 0 when unknown
  std::string kind;                 // "ether", "loopback", "veth", ...; may be empty

  friend bool operator==(const InterfaceCounters&, const InterfaceCounters&) = default;
};

// Every interface's counters read at one moment.
struct Snapshot {
  std::int64_t unix_ms = 0;            // wall-clock (UTC) time of the reading
  std::optional<std::int64_t> boot_ms; // time since boot at the reading, if known
  std::string boot_id;                 // changes exactly when the machine reboots
  std::vector<InterfaceCounters> interfaces;

  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

} // namespace octolog

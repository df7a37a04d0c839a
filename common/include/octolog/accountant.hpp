#pragma once

#include "octolog/snapshot.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace octolog {

// Bits of Delta::flags.
inline constexpr std::uint32_t k_flag_gap = 1;        // spans time the recorder was not sampling
inline constexpr std::uint32_t k_flag_compressed = 2; // placed in less wall time than it took
                                                     // (the clock stepped back): no peak rate

// Bytes and packets an interface moved during [start_ms, end_ms), wall-clock
// milliseconds. Consecutive deltas of one interface never overlap.
struct Delta {
  std::string interface;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  std::uint64_t rx_packets = 0;
  std::uint64_t tx_packets = 0;
  std::uint32_t flags = 0;

  friend bool operator==(const Delta&, const Delta&) = default;
};

// What the accountant knows of an interface after its last accounted reading:
// enough to continue exactly after a restart of the recorder.
struct CounterState {
  std::string interface;
  std::int64_t ifindex = 0;
  std::string boot_id;
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  std::uint64_t rx_packets = 0;
  std::uint64_t tx_packets = 0;
  int width = 64;
  std::int64_t unix_ms = 0;            // end of the last accounted interval
  std::optional<std::int64_t> boot_ms; // time since boot at that reading

  friend bool operator==(const CounterState&, const CounterState&) = default;
};

// Something unusual the accountant saw and handled; the recorder logs these.
struct AccountingEvent {
  enum class Kind {
    first_seen,    // new interface: baseline taken, nothing counted
    vanished,      // interface absent from the snapshot: state dropped
    reset,         // 64-bit counter went down: counted from zero
    wrap,          // 32-bit counter went down: counted across the wrap
    recreated,     // same name, new ifindex: counted from zero
    reboot,        // boot id changed: counted from zero since boot
    gap,           // readings further apart than the interval: one coarse delta
    over_maximum,  // delta above the interface's maximum rate: dropped
    clock_back,    // wall clock behind the last interval's end: delta deferred
    clock_forward, // wall clock jumped ahead: the skipped time is not covered
  };
  Kind kind;
  std::string interface;
  std::string detail;
};

struct AccountantOptions {
  std::int64_t interval_ms = 1000; // sampling interval; longer spacing is a gap
  std::uint64_t max_rate = 0;      // bytes per second any interface can move;
                                   // 0: 1.5 x its link speed where known
};

// Turns consecutive snapshots into exact per-interface deltas: the pure heart
// of octolog's correctness (no I/O, no clock of its own).
class Accountant {
public:
  explicit Accountant(AccountantOptions options = {});

  // Continues from state saved by a previous run: each interface's counters
  // and the time of the latest snapshot accounted (nullopt: none yet).
  void restore(const std::vector<CounterState>& states,
               std::optional<std::int64_t> accounted_until_ms);

  // Accounts one snapshot. Appends at most one delta per interface to `deltas`
  // (none when nothing can be counted yet) and what was unusual to `events`.
  // A snapshot at or before the latest one accounted (a trace read again, or
  // the wall clock stepped back) counts nothing and forgets no interface: the
  // traffic is counted by the first snapshot after that time. An interface
  // first seen then gets its baseline, placed at that time, and is forgotten
  // again if it vanishes before it.
  void step(const Snapshot& snapshot, std::vector<Delta>& deltas,
            std::vector<AccountingEvent>& events);

  // The state to persist together with every delta produced so far.
  [[nodiscard]] std::vector<CounterState> state() const;

  // The time of the latest snapshot accounted, to persist with state().
  [[nodiscard]] std::optional<std::int64_t> accounted_until_ms() const { return m_until_ms; }

private:
  struct Entry {
    CounterState state;
    bool deferring = false;      // waiting for the clock to pass state.unix_ms
    std::uint64_t seen_in = 0;   // the step that last saw this interface
    bool provisional = false;    // first seen at or before m_until_ms
  };

  void account(Entry& entry, const InterfaceCounters& counters, const Snapshot& snapshot,
               std::vector<Delta>& deltas, std::vector<AccountingEvent>& events) const;

  AccountantOptions m_options;
  std::map<std::string, Entry, std::less<>> m_states;
  std::uint64_t m_generation = 0;
  std::optional<std::int64_t> m_until_ms; // the latest snapshot accounted
};

[[nodiscard]] const char* to_string(AccountingEvent::Kind kind);

} // namespace octolog

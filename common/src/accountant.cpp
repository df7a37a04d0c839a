#include "octolog/accountant.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

namespace octolog {
namespace {

// Bytes per second no interface reaches when neither a configured maximum nor
// a link speed says otherwise (8 Tbit/s): guards against garbage counters.
constexpr double k_default_max_rate = 1e12;

struct CounterChange {
  std::uint64_t delta = 0;
  bool went_down = false;
};

// How far a counter advanced from `before` to `after`. A 64-bit counter that
// went down was reset, so it counted up from zero; a 32-bit one wrapped.
CounterChange advance(std::uint64_t before, std::uint64_t after, int width) {
  if (after >= before) {
    return {after - before, false};
  }
  if (width == 32 && before <= 0xFFFF'FFFFULL) {
    return {after + (std::uint64_t{1} << 32) - before, true};
  }
  return {after, true};
}

std::int64_t elapsed_ms(const CounterState& before, const Snapshot& now) {
  if (before.boot_ms && now.boot_ms && *now.boot_ms > *before.boot_ms) {
    return *now.boot_ms - *before.boot_ms;
  }
  return now.unix_ms - before.unix_ms;
}

double max_rate_for(const AccountantOptions& options, const InterfaceCounters& counters) {
  if (options.max_rate != 0) {
    return static_cast<double>(options.max_rate);
  }
  if (counters.link_speed_bps != 0) {
    return 1.5 * static_cast<double>(counters.link_speed_bps) / 8.0;
  }
  return k_default_max_rate;
}

// How far the wall clock may disagree across a reboot (an RTC set wrong until
// NTP corrects it) before a boot that seems to predate the last reading is
// doubted.
constexpr std::int64_t k_reboot_slack_ms = 300'000;

// Whether a changed boot id is a reboot since the last reading. Where the
// time since boot is known, the new boot must have begun after that reading:
// a boot id derived from the boot time (Windows) can change without a reboot
// when the wall clock is adjusted, and counting a long uptime's counters
// again would invent traffic.
bool rebooted_since(const CounterState& before, const Snapshot& now) {
  if (before.boot_id == now.boot_id) {
    return false;
  }
  if (!now.boot_ms) {
    return true;
  }
  const std::int64_t booted_at_ms = now.unix_ms - *now.boot_ms;
  return booted_at_ms > before.unix_ms - k_reboot_slack_ms;
}

std::string describe_span(std::int64_t ms) {
  return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
}

} // namespace

Accountant::Accountant(AccountantOptions options) : m_options(options) {}

void Accountant::restore(const std::vector<CounterState>& states,
                         std::optional<std::int64_t> accounted_until_ms) {
  m_states.clear();
  m_until_ms = accounted_until_ms;
  for (const CounterState& state : states) {
    m_states.emplace(state.interface, Entry{state});
    if (!m_until_ms || state.unix_ms > *m_until_ms) {
      m_until_ms = state.unix_ms;
    }
  }
}

std::vector<CounterState> Accountant::state() const {
  std::vector<CounterState> states;
  states.reserve(m_states.size());
  for (const auto& [name, entry] : m_states) {
    states.push_back(entry.state);
  }
  return states;
}

void Accountant::step(const Snapshot& snapshot, std::vector<Delta>& deltas,
                      std::vector<AccountingEvent>& events) {
  ++m_generation;
  const bool behind = m_until_ms && snapshot.unix_ms <= *m_until_ms;
  for (const InterfaceCounters& counters : snapshot.interfaces) {
    auto found = m_states.find(counters.name);
    if (found == m_states.end()) {
      // Placed no earlier than the latest snapshot accounted, so that nothing
      // is counted twice or overlaps what is recorded.
      const std::int64_t since_ms = behind ? *m_until_ms : snapshot.unix_ms;
      CounterState state{counters.name,       counters.ifindex,    snapshot.boot_id,
                         counters.rx_bytes,   counters.tx_bytes,   counters.rx_packets,
                         counters.tx_packets, counters.width,      since_ms,
                         snapshot.boot_ms};
      m_states.emplace(counters.name, Entry{std::move(state), behind, m_generation, behind});
      events.push_back({AccountingEvent::Kind::first_seen, counters.name, {}});
      continue;
    }
    Entry& entry = found->second;
    entry.seen_in = m_generation;
    account(entry, counters, snapshot, deltas, events);
    if (!behind) {
      entry.provisional = false;
    }
  }

  for (auto it = m_states.begin(); it != m_states.end();) {
    const Entry& entry = it->second;
    if (entry.seen_in != m_generation && (!behind || entry.provisional)) {
      events.push_back({AccountingEvent::Kind::vanished, it->first, {}});
      it = m_states.erase(it);
    } else {
      ++it;
    }
  }
  if (!behind) {
    m_until_ms = snapshot.unix_ms;
  }
}

void Accountant::account(Entry& entry, const InterfaceCounters& counters,
                         const Snapshot& snapshot, std::vector<Delta>& deltas,
                         std::vector<AccountingEvent>& events) const {
  CounterState& state = entry.state;
  const std::int64_t end_ms = snapshot.unix_ms;

  // Nothing may be placed at or before the end of the last interval, nor the
  // latest snapshot accounted: keep the old baseline, and the traffic is
  // counted once the clock passes that time.
  if (end_ms <= state.unix_ms || (m_until_ms && end_ms <= *m_until_ms)) {
    if (!entry.deferring) {
      events.push_back({AccountingEvent::Kind::clock_back, counters.name,
                        "wall clock is " +
                            describe_span(std::max(state.unix_ms, m_until_ms.value_or(end_ms)) -
                                          end_ms) +
                            " behind the last interval; counting resumes after it"});
      entry.deferring = true;
    }
    return;
  }

  Delta delta;
  delta.interface = counters.name;
  delta.end_ms = end_ms;
  std::int64_t took_ms = 0; // how long the counted traffic really took, when known

  if (rebooted_since(state, snapshot)) {
    // The counters started from zero at boot.
    delta.rx_bytes = counters.rx_bytes;
    delta.tx_bytes = counters.tx_bytes;
    delta.rx_packets = counters.rx_packets;
    delta.tx_packets = counters.tx_packets;
    const std::int64_t since_boot = snapshot.boot_ms.value_or(0);
    took_ms = since_boot > 0 ? since_boot : end_ms - state.unix_ms;
    delta.start_ms = std::max(state.unix_ms, end_ms - took_ms);
    events.push_back({AccountingEvent::Kind::reboot, counters.name, {}});
  } else if (state.ifindex != 0 && counters.ifindex != 0 && state.ifindex != counters.ifindex) {
    // Re-created under the same name: its counters started from zero.
    delta.rx_bytes = counters.rx_bytes;
    delta.tx_bytes = counters.tx_bytes;
    delta.rx_packets = counters.rx_packets;
    delta.tx_packets = counters.tx_packets;
    took_ms = elapsed_ms(state, snapshot);
    delta.start_ms = state.unix_ms;
    events.push_back({AccountingEvent::Kind::recreated, counters.name,
                      "ifindex " + std::to_string(state.ifindex) + " -> " +
                          std::to_string(counters.ifindex)});
  } else {
    const int width = std::min(state.width, counters.width);
    const CounterChange rx = advance(state.rx_bytes, counters.rx_bytes, width);
    const CounterChange tx = advance(state.tx_bytes, counters.tx_bytes, width);
    const CounterChange rxp = advance(state.rx_packets, counters.rx_packets, width);
    const CounterChange txp = advance(state.tx_packets, counters.tx_packets, width);
    delta.rx_bytes = rx.delta;
    delta.tx_bytes = tx.delta;
    delta.rx_packets = rxp.delta;
    delta.tx_packets = txp.delta;
    if (rx.went_down || tx.went_down || rxp.went_down || txp.went_down) {
      events.push_back({width == 32 ? AccountingEvent::Kind::wrap : AccountingEvent::Kind::reset,
                        counters.name, {}});
    }
    took_ms = elapsed_ms(state, snapshot);
    if (took_ms <= 0) {
      took_ms = end_ms - state.unix_ms;
    }
    // Wall-clock time that passed beyond what the boot clock measured is a
    // step of the clock, not time the traffic took; a step under one interval
    // is the jitter of stamping readings on the tick grid.
    const std::int64_t skipped_ms = end_ms - took_ms - state.unix_ms;
    delta.start_ms = state.unix_ms;
    if (skipped_ms > m_options.interval_ms) {
      delta.start_ms = end_ms - took_ms;
      events.push_back({AccountingEvent::Kind::clock_forward, counters.name,
                        "wall clock jumped " + describe_span(skipped_ms) +
                            " ahead; that time is not covered"});
    }
  }

  const std::int64_t span_ms = delta.end_ms - delta.start_ms;
  if (span_ms * 2 > m_options.interval_ms * 3) {
    delta.flags |= k_flag_gap;
    events.push_back({AccountingEvent::Kind::gap, counters.name,
                      describe_span(span_ms) + " since the last reading"});
  }
  if (took_ms > 2 * span_ms && took_ms - span_ms >= m_options.interval_ms) {
    delta.flags |= k_flag_compressed;
  }
  entry.deferring = false;

  const double seconds =
      static_cast<double>(std::max({took_ms, span_ms, m_options.interval_ms})) / 1000.0;
  const double limit = max_rate_for(m_options, counters) * seconds;
  const double biggest = static_cast<double>(std::max(delta.rx_bytes, delta.tx_bytes));
  const bool fits_storage =
      std::max(delta.rx_bytes, delta.tx_bytes) <=
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (biggest > limit || !fits_storage) {
    events.push_back({AccountingEvent::Kind::over_maximum, counters.name,
                      "dropped rx " + std::to_string(delta.rx_bytes) + " B, tx " +
                          std::to_string(delta.tx_bytes) + " B in " + describe_span(span_ms) +
                          " (limit " + std::to_string(static_cast<std::uint64_t>(limit)) +
                          " B)"});
  } else {
    deltas.push_back(std::move(delta));
  }

  state.ifindex = counters.ifindex;
  state.boot_id = snapshot.boot_id;
  state.rx_bytes = counters.rx_bytes;
  state.tx_bytes = counters.tx_bytes;
  state.rx_packets = counters.rx_packets;
  state.tx_packets = counters.tx_packets;
  state.width = counters.width;
  state.unix_ms = end_ms;
  state.boot_ms = snapshot.boot_ms;
}

const char* to_string(AccountingEvent::Kind kind) {
  switch (kind) {
  case AccountingEvent::Kind::first_seen:
    return "first seen";
  case AccountingEvent::Kind::vanished:
    return "vanished";
  case AccountingEvent::Kind::reset:
    return "counter reset";
  case AccountingEvent::Kind::wrap:
    return "32-bit counter wrapped";
  case AccountingEvent::Kind::recreated:
    return "interface re-created";
  case AccountingEvent::Kind::reboot:
    return "reboot";
  case AccountingEvent::Kind::gap:
    return "gap";
  case AccountingEvent::Kind::over_maximum:
    return "impossible jump";
  case AccountingEvent::Kind::clock_back:
    return "clock stepped back";
  case AccountingEvent::Kind::clock_forward:
    return "clock stepped forward";
  }
  return "unknown";
}

} // namespace octolog

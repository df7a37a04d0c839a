#pragma once

#include "octolog/stop_signal.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace octolog {

// Notices the first packet to cross an interface after arm(). While no
// counter moves, a recorder arms it and sleeps through its ticks: the counters
// then stand still up to the packet that wakes it, so every tick slept
// through is known to have read what the last one read, and one-second
// resolution is kept without waking every second.
//
// One implementation per platform, chosen by file in CMake; where there is
// none (Windows), or it cannot be opened (no CAP_NET_RAW),
// make_traffic_watch() returns nullptr and the recorder reads every tick.
class TrafficWatch {
public:
  enum class Wake { stop, traffic, timeout };

  virtual ~TrafficWatch() = default;

  // From now on, a packet on any interface but those whose indexes are in
  // `ignored` ends wait(). Arm before the reading that is to be vouched for,
  // so that no packet can fall between the two. False, with `error`, when the
  // watch cannot be armed; it is then disarmed.
  virtual bool arm(std::span<const std::int64_t> ignored, std::string& error) = 0;

  // Stops watching, so packets cost the kernel nothing more; forgets what
  // was seen. Harmless when not armed.
  virtual void disarm() = 0;

  [[nodiscard]] virtual bool armed() const = 0;

  // Whether a packet has crossed since arm(), without waiting.
  [[nodiscard]] virtual bool saw_traffic() = 0;

  // Waits up to `timeout` for a packet since arm(), or for a stop request
  // (which wins when both are there).
  virtual Wake wait(StopSignal& stop, std::chrono::milliseconds timeout) = 0;
};

// The platform's watch, or nullptr with `why` set.
std::unique_ptr<TrafficWatch> make_traffic_watch(std::string& why);

} // namespace octolog

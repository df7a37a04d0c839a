#pragma once

#include <chrono>

namespace octolog {

// Turns the platform's polite stop requests (SIGTERM, SIGINT, SIGHUP; on
// Windows console close and Ctrl-C) into a flag the daemon loop waits on, so
// a stop is handled between ticks, never inside a flush. One per process.
class StopSignal {
public:
  StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;
  ~StopSignal();

  // Waits up to `timeout`; true as soon as a stop has been requested.
  bool wait_for(std::chrono::milliseconds timeout);

  // Whether a stop has been requested, without waiting.
  bool requested();

private:
  bool m_requested = false;
};

} // namespace octolog

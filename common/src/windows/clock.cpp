#include "octolog/clock.hpp"

#include "windows/win32.hpp"

#include <chrono>

namespace octolog {

std::int64_t now_unix_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// GetTickCount64, not QueryUnbiasedInterruptTime: the contract is
// CLOCK_BOOTTIME's, time since boot counting suspend, and the unbiased
// interrupt time leaves out sleep and hibernation, so a night in sleep would
// look like a step of the wall clock. The tick count's resolution (10-16 ms)
// is far finer than anything the accountant measures with it.
std::optional<std::int64_t> now_boot_ms() { return static_cast<std::int64_t>(::GetTickCount64()); }

} // namespace octolog

#pragma once

#include <cstdint>
#include <optional>

namespace octolog {

// Wall-clock time, unix milliseconds (UTC). May step when the clock is set.
[[nodiscard]] std::int64_t now_unix_ms();

// Time since boot in milliseconds, counting suspend; never steps. nullopt
// where the platform cannot tell.
[[nodiscard]] std::optional<std::int64_t> now_boot_ms();

} // namespace octolog

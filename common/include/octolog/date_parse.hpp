#pragma once

#include "octolog/time_zone.hpp"

#include <cstdint>
#include <string_view>

namespace octolog {

// Reads a point in time as users write it for --begin and --end, in unix ms:
//   2026-11-01                 the start of that day in `zone`
//   2026-11                    the start of the 1st of that month
//   2026-11-01T14:30[:05]      a reading in `zone` (a space may replace the T);
//                              a repeated reading (fall back) is the earlier
//                              instant, a skipped one (spring forward) an error
//   ...T14:30:05Z, +05:45, -0400, +09
//                              an instant given with its own offset
//   today, yesterday, now      relative to `now_ms` in `zone`
//   -90s, -30m, -2h, -7d, -2w  exact durations before `now_ms`
// Throws UsageError saying what is wrong and which forms are accepted.
[[nodiscard]] std::int64_t parse_time_point(std::string_view text, const TimeZone& zone,
                                            std::int64_t now_ms);

} // namespace octolog

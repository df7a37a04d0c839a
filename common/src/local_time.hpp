#pragma once

#include "octolog/civil_time.hpp"

#include <cstdint>
#include <optional>
#include <string>

// The operating system's local time zone, behind which TimeZone sits: one
// file per platform (linux/local_time.cpp: the C library and the tz database;
// windows/local_time.cpp: the Windows time zone with its yearly rules).
namespace octolog::local_time {

// Reads the current zone settings (TZ and the like) afresh.
void load();

// The zone's name for people, e.g. "America/New_York".
[[nodiscard]] std::string zone_name();

// The local wall-clock reading at `unix_s`; nullopt outside the range the
// platform can convert.
[[nodiscard]] std::optional<CivilTime> civil_time(std::int64_t unix_s);

} // namespace octolog::local_time

#pragma once

#include "octolog/civil_time.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace octolog {

// The zone in which the report reads and writes wall-clock times: the
// operating system's local zone or UTC. On Linux that is the C library's zone
// (TZ respected, DST rules from the tz database); on Windows the system's
// zone with its yearly rules. All conversions go through the platform's zone
// data, never through offset arithmetic of our own. Times are unix seconds.
class TimeZone {
public:
  // The process's local zone as TZ (or /etc/localtime) says now.
  [[nodiscard]] static TimeZone local();
  [[nodiscard]] static TimeZone utc();

  // A name for people: the TZ value or tz database name, "UTC" for utc().
  [[nodiscard]] const std::string& name() const { return m_name; }
  [[nodiscard]] bool is_utc() const { return m_utc; }

  // The wall-clock reading at `unix_s`.
  [[nodiscard]] CivilTime to_civil(std::int64_t unix_s) const;

  // Seconds east of UTC in effect at `unix_s` (EDT: -14400).
  [[nodiscard]] std::int64_t utc_offset(std::int64_t unix_s) const;

  // Every instant whose wall-clock reading is `time`, earliest first: none
  // when clocks skip it (spring forward), two when they repeat it (fall back).
  [[nodiscard]] std::vector<std::int64_t> instants_of(const CivilTime& time) const;

  // The first instant whose reading is `time` or later: the instant itself
  // when it exists (the earlier one when it repeats), else the moment the
  // clocks jump past it.
  [[nodiscard]] std::int64_t first_instant_from(const CivilTime& time) const;

private:
  TimeZone(bool utc, std::string name) : m_utc(utc), m_name(std::move(name)) {}

  bool m_utc;
  std::string m_name;
};

// `unix_ms` as ISO 8601 in `zone` with its offset: 2026-11-01T01:30:00-05:00,
// with .mmm only when the milliseconds are not zero.
[[nodiscard]] std::string format_iso8601(std::int64_t unix_ms, const TimeZone& zone);

} // namespace octolog

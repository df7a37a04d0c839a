#pragma once

#include <compare>
#include <cstdint>

namespace octolog {

// A date of the proleptic Gregorian calendar, with no time zone.
struct CivilDate {
  int year = 1970;
  int month = 1; // 1..12
  int day = 1;   // 1..31

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// A wall-clock reading: a date and a time of day, with no time zone.
struct CivilTime {
  CivilDate date;
  int hour = 0;   // 0..23
  int minute = 0; // 0..59
  int second = 0; // 0..59

  friend auto operator<=>(const CivilTime&, const CivilTime&) = default;
};

// Floor division and modulo: -1 / 1000 is -1, not 0, so negative unix times
// fall into the right second, day or period.
[[nodiscard]] constexpr std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  const std::int64_t quotient = value / divisor;
  return (value % divisor != 0 && ((value < 0) != (divisor < 0))) ? quotient - 1 : quotient;
}
[[nodiscard]] constexpr std::int64_t floor_mod(std::int64_t value, std::int64_t divisor) {
  return value - floor_div(value, divisor) * divisor;
}

// Days from 1970-01-01 to `date` (negative before it); exact for any date.
[[nodiscard]] std::int64_t days_from_civil(const CivilDate& date);

// The date `days` days after 1970-01-01.
[[nodiscard]] CivilDate civil_from_days(std::int64_t days);

// Seconds from 1970-01-01T00:00:00 to `time`, read as if it were UTC.
[[nodiscard]] std::int64_t seconds_from_civil(const CivilTime& time);

// The reading `seconds` after 1970-01-01T00:00:00.
[[nodiscard]] CivilTime civil_from_seconds(std::int64_t seconds);

[[nodiscard]] bool is_leap_year(int year);
[[nodiscard]] int days_in_month(int year, int month);

// Whether `date` names a real day (month 1..12, day within the month).
[[nodiscard]] bool is_valid(const CivilDate& date);

// `date` moved by whole days or whole months; moving by months keeps the day
// and clamps it to the length of the month reached (Jan 31 + 1 month: Feb 28).
[[nodiscard]] CivilDate add_days(const CivilDate& date, std::int64_t days);
[[nodiscard]] CivilDate add_months(const CivilDate& date, int months);

// The start (unix ms) of the UTC month that `unix_ms` falls in, and that of
// the month after the one starting at `month_start_ms`.
[[nodiscard]] std::int64_t utc_month_start(std::int64_t unix_ms);
[[nodiscard]] std::int64_t next_utc_month_start(std::int64_t month_start_ms);

} // namespace octolog

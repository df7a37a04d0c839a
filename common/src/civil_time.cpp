#include "octolog/civil_time.hpp"

#include <algorithm>
#include <array>

namespace octolog {

// The algorithms of Howard Hinnant's "chrono-Compatible Low-Level Date
// Algorithms": exact calendar arithmetic, no time zones involved.
std::int64_t days_from_civil(const CivilDate& date) {
  const std::int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(year, 400);
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t month = date.month;
  const std::int64_t day_of_year =
      (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146'097 + day_of_era - 719'468;
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719'468;
  const std::int64_t era = floor_div(days, 146'097);
  const std::int64_t day_of_era = days - era * 146'097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const std::int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

std::int64_t seconds_from_civil(const CivilTime& time) {
  return days_from_civil(time.date) * 86'400 + std::int64_t{time.hour} * 3600 +
         std::int64_t{time.minute} * 60 + time.second;
}

CivilTime civil_from_seconds(std::int64_t seconds) {
  const std::int64_t of_day = floor_mod(seconds, 86'400);
  return CivilTime{civil_from_days(floor_div(seconds, 86'400)), static_cast<int>(of_day / 3600),
                   static_cast<int>(of_day % 3600 / 60), static_cast<int>(of_day % 60)};
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : k_days.at(static_cast<std::size_t>(month - 1));
}

bool is_valid(const CivilDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(date.year, date.month);
}

CivilDate add_days(const CivilDate& date, std::int64_t days) {
  return civil_from_days(days_from_civil(date) + days);
}

CivilDate add_months(const CivilDate& date, int months) {
  const int index = date.year * 12 + (date.month - 1) + months;
  const int year = static_cast<int>(floor_div(index, 12));
  const int month = static_cast<int>(floor_mod(index, 12)) + 1;
  return CivilDate{year, month, std::min(date.day, days_in_month(year, month))};
}

std::int64_t utc_month_start(std::int64_t unix_ms) {
  constexpr std::int64_t k_day_ms = 86'400'000;
  CivilDate date = civil_from_days(floor_div(unix_ms, k_day_ms));
  date.day = 1;
  return days_from_civil(date) * k_day_ms;
}

std::int64_t next_utc_month_start(std::int64_t month_start_ms) {
  constexpr std::int64_t k_day_ms = 86'400'000;
  return days_from_civil(add_months(civil_from_days(floor_div(month_start_ms, k_day_ms)), 1)) *
         k_day_ms;
}

} // namespace octolog

#include "octolog/time_window.hpp"

#include <algorithm>

namespace octolog {

TimeWindow clip(const TimeWindow& window, std::int64_t begin_ms, std::int64_t end_ms) {
  const std::int64_t start = std::max(window.start_ms, begin_ms);
  const std::int64_t end = std::min(window.end_ms, end_ms);
  return start < end ? TimeWindow{start, end} : TimeWindow{start, start};
}

std::vector<TimeWindow> union_of(std::vector<TimeWindow> windows) {
  std::sort(windows.begin(), windows.end(),
            [](const TimeWindow& a, const TimeWindow& b) { return a.start_ms < b.start_ms; });
  std::vector<TimeWindow> merged;
  for (const TimeWindow& window : windows) {
    if (window.length_ms() <= 0) {
      continue;
    }
    if (!merged.empty() && window.start_ms <= merged.back().end_ms) {
      merged.back().end_ms = std::max(merged.back().end_ms, window.end_ms);
    } else {
      merged.push_back(window);
    }
  }
  return merged;
}

Calendar::Calendar(TimeZone zone, int month_start_day)
    : m_zone(std::move(zone)), m_month_start_day(std::clamp(month_start_day, 1, 31)) {}

std::int64_t Calendar::start_of_day(const CivilDate& date) const {
  return m_zone.first_instant_from(CivilTime{date, 0, 0, 0}) * 1000;
}

CivilDate Calendar::date_at(std::int64_t unix_ms) const {
  return m_zone.to_civil(floor_div(unix_ms, 1000)).date;
}

TimeWindow Calendar::day(const CivilDate& date) const {
  return {start_of_day(date), start_of_day(add_days(date, 1))};
}

TimeWindow Calendar::containing(Period period, std::int64_t unix_ms) const {
  switch (period) {
  case Period::five_minutes:
    return clock_period(unix_ms, 5);
  case Period::hour:
    return clock_period(unix_ms, 60);
  case Period::day:
    return day_containing(unix_ms);
  case Period::month:
    return month_containing(unix_ms);
  case Period::year:
    return year_containing(unix_ms);
  }
  return day_containing(unix_ms);
}

// The local clock's period of `minutes` (dividing 60) around `unix_ms`: it
// starts where the clock last showed a multiple of `minutes` with zero seconds,
// or where a jump of the clock skipped that reading.
TimeWindow Calendar::clock_period(std::int64_t unix_ms, int minutes) const {
  const auto start_of = [&](std::int64_t unix_s) {
    const CivilTime now = m_zone.to_civil(unix_s);
    const int aligned_minute = now.minute - now.minute % minutes;
    const std::int64_t guess = unix_s - std::int64_t{now.minute - aligned_minute} * 60 - now.second;
    const CivilTime at_guess = m_zone.to_civil(guess);
    if (at_guess.hour == now.hour && at_guess.minute == aligned_minute && at_guess.second == 0) {
      return guess;
    }
    return m_zone.first_instant_from(CivilTime{now.date, now.hour, aligned_minute, 0});
  };
  const std::int64_t unix_s = floor_div(unix_ms, 1000);
  const std::int64_t start = start_of(unix_s);
  std::int64_t end = start_of(start + std::int64_t{minutes} * 60);
  if (end <= start) {
    end = start + std::int64_t{minutes} * 60;
  }
  return {start * 1000, end * 1000};
}

TimeWindow Calendar::day_containing(std::int64_t unix_ms) const {
  return dated_day_containing(unix_ms).second;
}

std::pair<CivilDate, TimeWindow> Calendar::dated_day_containing(std::int64_t unix_ms) const {
  CivilDate date = date_at(unix_ms);
  TimeWindow window = day(date);
  // Only where midnight itself repeats can the date at an instant lie outside
  // that date's window; step to the window that holds it.
  while (unix_ms < window.start_ms) {
    date = add_days(date, -1);
    window = day(date);
  }
  while (unix_ms >= window.end_ms) {
    date = add_days(date, 1);
    window = day(date);
  }
  return {date, window};
}

CivilDate Calendar::cycle_start(int year, int month) const {
  return CivilDate{year, month, std::min(m_month_start_day, days_in_month(year, month))};
}

TimeWindow Calendar::month_containing(std::int64_t unix_ms) const {
  const CivilDate date = date_at(day_containing(unix_ms).start_ms);
  CivilDate first = cycle_start(date.year, date.month);
  if (date < first) {
    const CivilDate previous = add_months(CivilDate{date.year, date.month, 1}, -1);
    first = cycle_start(previous.year, previous.month);
  }
  const CivilDate following = add_months(CivilDate{first.year, first.month, 1}, 1);
  return {start_of_day(first), start_of_day(cycle_start(following.year, following.month))};
}

TimeWindow Calendar::year_containing(std::int64_t unix_ms) const {
  const int year = date_at(day_containing(unix_ms).start_ms).year;
  return {start_of_day(CivilDate{year, 1, 1}), start_of_day(CivilDate{year + 1, 1, 1})};
}

std::vector<TimeWindow> Calendar::covering(Period period, std::int64_t begin_ms,
                                           std::int64_t end_ms) const {
  std::vector<TimeWindow> windows;
  if (begin_ms >= end_ms) {
    return windows;
  }
  if (period == Period::day) {
    // Day after day by date: each day starts where the one before ends, so
    // each costs one local midnight (a year of days is read for --top). A
    // date the clock skipped whole (Apia, 2011-12-30) has no window.
    auto [date, window] = dated_day_containing(begin_ms);
    for (; window.start_ms < end_ms; date = add_days(date, 1)) {
      if (window.start_ms < window.end_ms) {
        windows.push_back(window);
      }
      window = {window.end_ms, start_of_day(add_days(date, 2))};
    }
    return windows;
  }
  for (TimeWindow window = containing(period, begin_ms); window.start_ms < end_ms;
       window = containing(period, window.end_ms)) {
    windows.push_back(window);
  }
  return windows;
}

std::vector<TimeWindow> Calendar::last(Period period, std::int64_t unix_ms, int count) const {
  std::vector<TimeWindow> windows;
  if (count <= 0) {
    return windows;
  }
  windows.push_back(containing(period, unix_ms));
  while (static_cast<int>(windows.size()) < count) {
    windows.push_back(containing(period, windows.back().start_ms - 1));
  }
  std::reverse(windows.begin(), windows.end());
  return windows;
}

} // namespace octolog

#pragma once

#include "octolog/time_zone.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace octolog {

// A half-open stretch of time [start_ms, end_ms), unix milliseconds.
struct TimeWindow {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;

  [[nodiscard]] std::int64_t length_ms() const { return end_ms - start_ms; }
  [[nodiscard]] bool contains(std::int64_t unix_ms) const {
    return unix_ms >= start_ms && unix_ms < end_ms;
  }

  friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

// The part of `window` inside [begin_ms, end_ms); empty (start == end) when
// they do not meet.
[[nodiscard]] TimeWindow clip(const TimeWindow& window, std::int64_t begin_ms, std::int64_t end_ms);

enum class Period { five_minutes, hour, day, month, year };

// The windows merged where they overlap or meet, in time order; empty ones
// left out.
[[nodiscard]] std::vector<TimeWindow> union_of(std::vector<TimeWindow> windows);

// Cuts time into local periods: days that start at local midnight (23 or 25
// hours long on DST change days), hours and 5-minute periods that start on
// the local clock's full hour and 5 minutes (for Asia/Kathmandu at :15 UTC),
// months that start on `month_start_day` (billing cycles; a day past the end
// of a shorter month means its last day) and years. Consecutive periods
// always meet: one's end is the next one's start.
class Calendar {
public:
  explicit Calendar(TimeZone zone, int month_start_day = 1);

  [[nodiscard]] const TimeZone& zone() const { return m_zone; }
  [[nodiscard]] int month_start_day() const { return m_month_start_day; }

  // The period of kind `period` that contains `unix_ms`.
  [[nodiscard]] TimeWindow containing(Period period, std::int64_t unix_ms) const;

  // Every period that overlaps [begin_ms, end_ms), oldest first, unclipped.
  [[nodiscard]] std::vector<TimeWindow> covering(Period period, std::int64_t begin_ms,
                                                 std::int64_t end_ms) const;

  // The `count` periods that end with the one containing `unix_ms`, oldest first.
  [[nodiscard]] std::vector<TimeWindow> last(Period period, std::int64_t unix_ms, int count) const;

  // The local day `date`, from midnight to midnight.
  [[nodiscard]] TimeWindow day(const CivilDate& date) const;

  // The first instant of the local day `date`, unix ms.
  [[nodiscard]] std::int64_t start_of_day(const CivilDate& date) const;

  // The local date at `unix_ms`.
  [[nodiscard]] CivilDate date_at(std::int64_t unix_ms) const;

private:
  [[nodiscard]] TimeWindow clock_period(std::int64_t unix_ms, int minutes) const;
  [[nodiscard]] TimeWindow day_containing(std::int64_t unix_ms) const;
  // The same, with the local date of that day.
  [[nodiscard]] std::pair<CivilDate, TimeWindow> dated_day_containing(std::int64_t unix_ms) const;
  [[nodiscard]] TimeWindow month_containing(std::int64_t unix_ms) const;
  [[nodiscard]] TimeWindow year_containing(std::int64_t unix_ms) const;
  [[nodiscard]] CivilDate cycle_start(int year, int month) const;

  TimeZone m_zone;
  int m_month_start_day;
};

} // namespace octolog

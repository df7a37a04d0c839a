#include "scoped_time_zone.hpp"

#include "octolog/time_window.hpp"

#include <gtest/gtest.h>

namespace octolog {
namespace {

using testing::ScopedTimeZone;

constexpr std::int64_t k_hour_ms = 3'600'000;
constexpr std::int64_t k_ny_nov_1 = 1'793'505'600'000;  // 2026-11-01T00:00-04:00
constexpr std::int64_t k_ny_nov_2 = 1'793'595'600'000;  // 2026-11-02T00:00-05:00
constexpr std::int64_t k_ny_mar_8 = 1'772'946'000'000;  // 2026-03-08T00:00-05:00
constexpr std::int64_t k_ny_mar_9 = 1'773'028'800'000;  // 2026-03-09T00:00-04:00
constexpr std::int64_t k_ktm_jun_1 = 1'780'251'300'000; // 2026-06-01T00:00+05:45

TEST(DayWindow, HasTwentyFiveHoursOnFallBackDay) {
  ScopedTimeZone tz("America/New_York");
  const Calendar calendar(TimeZone::local());
  const TimeWindow day = calendar.day({2026, 11, 1});
  EXPECT_EQ(day, (TimeWindow{k_ny_nov_1, k_ny_nov_2}));
  EXPECT_EQ(day.length_ms(), 25 * k_hour_ms);
  EXPECT_EQ(calendar.containing(Period::day, k_ny_nov_2 - 1), day);
}

TEST(DayWindow, HasTwentyThreeHoursOnSpringForwardDay) {
  ScopedTimeZone tz("America/New_York");
  const Calendar calendar(TimeZone::local());
  const TimeWindow day = calendar.containing(Period::day, k_ny_mar_8 + 5 * k_hour_ms);
  EXPECT_EQ(day, (TimeWindow{k_ny_mar_8, k_ny_mar_9}));
  EXPECT_EQ(day.length_ms(), 23 * k_hour_ms);
}

TEST(DayWindow, StartsAtQuarterPastInKathmandu) {
  ScopedTimeZone tz("Asia/Kathmandu");
  const Calendar calendar(TimeZone::local());
  EXPECT_EQ(calendar.containing(Period::day, k_ktm_jun_1),
            (TimeWindow{k_ktm_jun_1, k_ktm_jun_1 + 24 * k_hour_ms}));
  EXPECT_EQ(calendar.containing(Period::day, k_ktm_jun_1 - 1),
            (TimeWindow{k_ktm_jun_1 - 24 * k_hour_ms, k_ktm_jun_1}));
}

TEST(DayWindow, StartsAtHalfPastInKolkata) {
  ScopedTimeZone tz("Asia/Kolkata");
  const Calendar calendar(TimeZone::local());
  EXPECT_EQ(calendar.day({2026, 6, 1}).start_ms, 1'780'252'200'000);
}

TEST(DayWindow, IsTheUtcDayWithUtc) {
  ScopedTimeZone tz("America/New_York");
  const Calendar calendar(TimeZone::utc());
  EXPECT_EQ(calendar.day({2026, 11, 1}), (TimeWindow{1'793'491'200'000, 1'793'577'600'000}));
}

TEST(HourWindow, CountsTwentyFiveHoursOfOneHourOnFallBackDay) {
  ScopedTimeZone tz("America/New_York");
  const Calendar calendar(TimeZone::local());
  const std::vector<TimeWindow> hours = calendar.covering(Period::hour, k_ny_nov_1, k_ny_nov_2);
  ASSERT_EQ(hours.size(), 25U);
  for (std::size_t i = 0; i < hours.size(); ++i) {
    EXPECT_EQ(hours[i].start_ms, k_ny_nov_1 + static_cast<std::int64_t>(i) * k_hour_ms);
    EXPECT_EQ(hours[i].length_ms(), k_hour_ms);
  }
}

TEST(HourWindow, CountsTwentyThreeHoursOnSpringForwardDay) {
  ScopedTimeZone tz("America/New_York");
  const Calendar calendar(TimeZone::local());
  EXPECT_EQ(calendar.covering(Period::hour, k_ny_mar_8, k_ny_mar_9).size(), 23U);
}

TEST(HourWindow, StartsAtQuarterPastInKathmandu) {
  ScopedTimeZone tz("Asia/Kathmandu");
  const Calendar calendar(TimeZone::local());
  EXPECT_EQ(calendar.containing(Period::hour, k_ktm_jun_1 + 12 * k_hour_ms + 59 * 60'000),
            (TimeWindow{k_ktm_jun_1 + 12 * k_hour_ms, k_ktm_jun_1 + 13 * k_hour_ms}));
}

TEST(FiveMinuteWindow, FollowsTheLocalClockInKathmandu) {
  ScopedTimeZone tz("Asia/Kathmandu");
  const Calendar calendar(TimeZone::local());
  // 12:07:30 local is in 12:05 .. 12:10.
  EXPECT_EQ(calendar.containing(Period::five_minutes, 1'780'294'950'000),
            (TimeWindow{1'780'294'800'000, 1'780'295'100'000}));
}

TEST(MonthWindow, RunsFromTheFirstToTheFirst) {
  ScopedTimeZone tz("America/New_York");
  const Calendar calendar(TimeZone::local());
  EXPECT_EQ(calendar.containing(Period::month, k_ny_nov_2),
            (TimeWindow{k_ny_nov_1, calendar.start_of_day({2026, 12, 1})}));
}

TEST(MonthWindow, StartsOnTheFifteenthForABillingCycle) {
  ScopedTimeZone tz("America/New_York");
  const Calendar calendar(TimeZone::local(), 15);
  const TimeWindow cycle{1'792'036'800'000, 1'794'718'800'000}; // Oct 15 .. Nov 15
  EXPECT_EQ(calendar.containing(Period::month, k_ny_nov_2), cycle);
  EXPECT_EQ(calendar.containing(Period::month, cycle.start_ms), cycle);
  EXPECT_EQ(calendar.containing(Period::month, cycle.end_ms).start_ms, cycle.end_ms);
}

TEST(MonthWindow, StartsOnTheLastDayOfMonthsShorterThanTheStartDay) {
  const Calendar calendar(TimeZone::utc(), 31);
  // 2026-03-05 lies in the cycle that began on Feb 28 (Feb has no 31st).
  EXPECT_EQ(calendar.containing(Period::month, calendar.start_of_day({2026, 3, 5})),
            (TimeWindow{1'772'236'800'000, 1'774'915'200'000}));
}

TEST(YearWindow, RunsFromLocalNewYearToNewYear) {
  ScopedTimeZone tz("America/New_York");
  const Calendar calendar(TimeZone::local());
  EXPECT_EQ(calendar.containing(Period::year, k_ny_nov_1),
            (TimeWindow{1'767'243'600'000, 1'798'779'600'000}));
}

TEST(Calendar, ListsTheLastPeriodsOldestFirstEndingWithTheCurrentOne) {
  const Calendar calendar(TimeZone::utc());
  const std::vector<TimeWindow> days = calendar.last(Period::day, 1'793'577'600'000 + 5, 3);
  ASSERT_EQ(days.size(), 3U);
  EXPECT_EQ(days[0].start_ms, 1'793'577'600'000 - 2 * 86'400'000);
  EXPECT_EQ(days[2], (TimeWindow{1'793'577'600'000, 1'793'664'000'000}));
}

TEST(Calendar, CoversARangeWithPeriodsThatMeet) {
  ScopedTimeZone tz("America/New_York");
  const Calendar calendar(TimeZone::local());
  const std::vector<TimeWindow> days =
      calendar.covering(Period::day, k_ny_mar_8 - 1, k_ny_nov_2 + 1);
  EXPECT_EQ(days.front().end_ms, k_ny_mar_8);
  EXPECT_EQ(days.back().start_ms, k_ny_nov_2);
  for (std::size_t i = 1; i < days.size(); ++i) {
    ASSERT_EQ(days[i - 1].end_ms, days[i].start_ms);
  }
  EXPECT_EQ(days.size(), 241U);
}

// Days covered date by date are the days found one containing() after
// another, in zones whose clocks jump at midnight (Sao Paulo until 2018,
// Havana, Beirut), by half an hour (Lord Howe), and over a whole day (Apia
// skipped 2011-12-30).
TEST(Calendar, CoversDaysAsContainingStepsThroughThemInEveryKindOfZone) {
  for (const char* name : {"America/Sao_Paulo", "America/Havana", "Asia/Beirut",
                           "Australia/Lord_Howe", "Pacific/Apia", "Europe/Berlin"}) {
    SCOPED_TRACE(name);
    ScopedTimeZone tz(name);
    const Calendar calendar(TimeZone::local(), 1);
    const std::int64_t begin = 1'293'840'000'000; // 2011-01-01T00:00:00Z
    const std::int64_t end = 1'546'300'800'000;   // 2019-01-01T00:00:00Z
    std::vector<TimeWindow> stepped;
    for (TimeWindow day = calendar.containing(Period::day, begin); day.start_ms < end;
         day = calendar.containing(Period::day, day.end_ms)) {
      stepped.push_back(day);
    }
    EXPECT_EQ(calendar.covering(Period::day, begin, end), stepped);
  }
}

TEST(Clip, KeepsThePartInsideTheRange) {
  EXPECT_EQ(clip({100, 200}, 150, 300), (TimeWindow{150, 200}));
  EXPECT_EQ(clip({100, 200}, 300, 400).length_ms(), 0);
}

} // namespace
} // namespace octolog

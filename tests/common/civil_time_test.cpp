#include "octolog/civil_time.hpp"

#include <gtest/gtest.h>

namespace octolog {
namespace {

TEST(CivilTime, CountsDaysFromNineteenSeventy) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11'017);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  EXPECT_EQ(days_from_civil({2026, 11, 1}), 20'758);
}

TEST(CivilTime, RoundTripsEveryDayOfFourCenturies) {
  for (std::int64_t day = -73'000; day < 73'000; ++day) {
    ASSERT_EQ(days_from_civil(civil_from_days(day)), day);
  }
  EXPECT_EQ(civil_from_days(20'758), (CivilDate{2026, 11, 1}));
}

TEST(CivilTime, SplitsSecondsBeforeNineteenSeventyIntoTheRightDay) {
  EXPECT_EQ(civil_from_seconds(-1), (CivilTime{{1969, 12, 31}, 23, 59, 59}));
  EXPECT_EQ(seconds_from_civil({{2026, 3, 8}, 2, 30, 0}), 1'772'937'000);
}

TEST(CivilTime, KnowsLeapYearsAndMonthLengths) {
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(2026, 4), 30);
  EXPECT_FALSE(is_valid({2026, 2, 29}));
  EXPECT_FALSE(is_valid({2026, 13, 1}));
  EXPECT_TRUE(is_valid({2028, 2, 29}));
}

TEST(CivilTime, AddsMonthsClampingTheDayToTheMonthReached) {
  EXPECT_EQ(add_months({2026, 1, 31}, 1), (CivilDate{2026, 2, 28}));
  EXPECT_EQ(add_months({2026, 1, 15}, -1), (CivilDate{2025, 12, 15}));
  EXPECT_EQ(add_months({2026, 12, 1}, 13), (CivilDate{2028, 1, 1}));
  EXPECT_EQ(add_days({2026, 2, 28}, 1), (CivilDate{2026, 3, 1}));
}

TEST(FloorDiv, RoundsTowardsMinusInfinity) {
  EXPECT_EQ(floor_div(-1, 1000), -1);
  EXPECT_EQ(floor_div(1999, 1000), 1);
  EXPECT_EQ(floor_mod(-1, 1000), 999);
}

TEST(UtcMonth, StartsOnTheFirstAndEndsWhereTheNextStarts) {
  const auto ms = [](int year, int month, int day) {
    return days_from_civil({year, month, day}) * 86'400'000;
  };
  EXPECT_EQ(utc_month_start(ms(2024, 2, 29) + 43'200'000), ms(2024, 2, 1));
  EXPECT_EQ(utc_month_start(ms(2024, 3, 1)), ms(2024, 3, 1));
  EXPECT_EQ(utc_month_start(ms(2024, 3, 1) - 1), ms(2024, 2, 1));
  EXPECT_EQ(utc_month_start(-1), ms(1969, 12, 1));
  EXPECT_EQ(next_utc_month_start(ms(2024, 2, 1)), ms(2024, 3, 1));
  EXPECT_EQ(next_utc_month_start(ms(2026, 12, 1)), ms(2027, 1, 1));
  EXPECT_EQ(next_utc_month_start(ms(1969, 12, 1)), 0);
}

} // namespace
} // namespace octolog

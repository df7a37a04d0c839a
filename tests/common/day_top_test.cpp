#include "octolog/day_top.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace octolog {
namespace {

// 24 hours whose part i (of 288) moves i * 1000 B rx and (288 - i) * 10 B tx,
// covered whole but for part 0, which was not covered at all.
std::vector<HourProfile> ramp_day() {
  std::vector<HourProfile> hours(24);
  for (std::size_t i = 0; i < k_parts_per_day; ++i) {
    FivePart& part = hours[i / k_parts_per_hour].parts[i % k_parts_per_hour];
    part = FivePart{i * 1000, (k_parts_per_day - i) * 10, i == 0 ? 0 : k_five_minutes_ms};
  }
  return hours;
}

TEST(DayTop, KeepsTheBusiestCoveredPartsOfEachDirectionBusiestFirst) {
  const DayTop top = day_top(ramp_day());
  EXPECT_EQ(top.parts, 287U);
  ASSERT_EQ(top.rx.size(), k_day_top_parts);
  ASSERT_EQ(top.tx.size(), k_day_top_parts);
  EXPECT_EQ(top.rx.front(), (PartLoad{287'000, k_five_minutes_ms}));
  EXPECT_EQ(top.rx.back(), (PartLoad{240'000, k_five_minutes_ms}));
  // Part 0 was not covered: the busiest tx part is part 1.
  EXPECT_EQ(top.tx.front(), (PartLoad{2870, k_five_minutes_ms}));
  EXPECT_EQ(top.tx.back(), (PartLoad{2400, k_five_minutes_ms}));
}

TEST(DayTop, RanksPartsByRateOverTheTimeCovered) {
  HourProfile hour;
  hour.parts[0] = FivePart{3000, 0, 3000};   // 1000 B/s
  hour.parts[1] = FivePart{30'000, 0, k_five_minutes_ms}; // 100 B/s
  const DayTop top = day_top(std::vector<HourProfile>{hour});
  EXPECT_EQ(top.parts, 2U);
  EXPECT_EQ(top.rx, (std::vector<PartLoad>{{3000, 3000}, {30'000, k_five_minutes_ms}}));
}

TEST(DayTop, DecodesWhatItEncodes) {
  const DayTop top = day_top(ramp_day());
  EXPECT_EQ(decode_day_top(encode_day_top(top)), top);
  EXPECT_EQ(decode_day_top(encode_day_top(DayTop{})), DayTop{});
  // Two bytes a part kept for an idle, covered day.
  std::vector<HourProfile> idle(24);
  for (HourProfile& hour : idle) {
    for (FivePart& part : hour.parts) {
      part.covered_ms = k_five_minutes_ms;
    }
  }
  EXPECT_EQ(encode_day_top(day_top(idle)).size(), 2 + 2 * 2 * k_day_top_parts);
}

TEST(DayTop, RefusesWhatTheQueryCouldNotTrust) {
  const std::vector<unsigned char> bytes = encode_day_top(day_top(ramp_day()));
  EXPECT_FALSE(decode_day_top({bytes.data(), bytes.size() - 1}).has_value());
  std::vector<unsigned char> trailing = bytes;
  trailing.push_back(0);
  EXPECT_FALSE(decode_day_top(trailing).has_value());
  EXPECT_FALSE(decode_day_top({}).has_value());
  // More parts than a day has: 289.
  EXPECT_FALSE(decode_day_top(std::vector<unsigned char>{0xA1, 0x02}).has_value());
  // One part, not covered (300000 ms uncovered).
  EXPECT_FALSE(
      decode_day_top(std::vector<unsigned char>{1, 5, 0xE0, 0xA7, 0x12, 5, 0}).has_value());
  // Two parts, the second busier than the first.
  EXPECT_FALSE(decode_day_top(std::vector<unsigned char>{2, 1, 0, 2, 0, 2, 0, 1, 0}).has_value());
  EXPECT_TRUE(decode_day_top(std::vector<unsigned char>{2, 2, 0, 1, 0, 2, 0, 2, 0}).has_value());
}

} // namespace
} // namespace octolog

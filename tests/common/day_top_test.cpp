#include "octolog/day_top.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <limits>
#include <vector>

namespace octolog {
namespace {

// 24 hours whose part i (of 288) moves i * 300 kB rx and (288 - i) * 3 kB tx
// (i kB/s and (288 - i) * 10 B/s), covered whole but for part 0, which was
// not covered at all.
std::vector<HourProfile> ramp_day() {
  std::vector<HourProfile> hours(24);
  for (std::size_t i = 0; i < k_parts_per_day; ++i) {
    FivePart& part = hours[i / k_parts_per_hour].parts[i % k_parts_per_hour];
    part = FivePart{i * 300'000, (k_parts_per_day - i) * 3000, i == 0 ? 0 : k_five_minutes_ms};
  }
  return hours;
}

// `top` encoded, with its `index`-th stored rate (rx first) replaced.
std::vector<unsigned char> with_rate(const DayTop& top, std::size_t index, double rate) {
  std::vector<unsigned char> bytes = encode_day_top(top);
  const std::size_t at = bytes.size() - (top.rx.size() + top.tx.size() - index) * 8;
  auto bits = std::bit_cast<std::uint64_t>(rate);
  for (std::size_t b = 0; b < 8; ++b, bits >>= 8) {
    bytes[at + b] = static_cast<unsigned char>(bits & 0xFFU);
  }
  return bytes;
}

TEST(DayTop, KeepsTheBusiestCoveredPartsOfEachDirectionBusiestFirst) {
  const DayTop top = day_top(ramp_day());
  EXPECT_EQ(top.parts, 287U);
  ASSERT_EQ(top.rx.size(), k_day_top_parts);
  ASSERT_EQ(top.tx.size(), k_day_top_parts);
  EXPECT_EQ(top.rx.front(), 287'000.0);
  EXPECT_EQ(top.rx.back(), 240'000.0);
  // Part 0 was not covered: the busiest tx part is part 1.
  EXPECT_EQ(top.tx.front(), 2870.0);
  EXPECT_EQ(top.tx.back(), 2400.0);
}

TEST(DayTop, RanksPartsByRateOverTheTimeCovered) {
  HourProfile hour;
  hour.parts[0] = FivePart{3000, 0, 3000};                 // 1000 B/s
  hour.parts[1] = FivePart{30'000, 0, k_five_minutes_ms}; // 100 B/s
  const DayTop top = day_top(std::vector<HourProfile>{hour});
  EXPECT_EQ(top.parts, 2U);
  EXPECT_EQ(top.rx, (std::vector<double>{1000.0, 100.0}));
  EXPECT_EQ(top.tx, (std::vector<double>{0.0, 0.0}));
}

TEST(DayTop, DecodesWhatItEncodes) {
  const DayTop top = day_top(ramp_day());
  EXPECT_EQ(decode_day_top(encode_day_top(top)), top);
  EXPECT_EQ(decode_day_top(encode_day_top(DayTop{})), DayTop{});
  // 2 bytes of count and 8 a rate kept.
  EXPECT_EQ(encode_day_top(top).size(), 2 + 2 * 8 * k_day_top_parts);
}

TEST(DayTop, RefusesWhatTheQueryCouldNotTrust) {
  const DayTop top = day_top(ramp_day());
  const std::vector<unsigned char> bytes = encode_day_top(top);
  EXPECT_FALSE(decode_day_top({bytes.data(), bytes.size() - 1}).has_value());
  std::vector<unsigned char> trailing = bytes;
  trailing.push_back(0);
  EXPECT_FALSE(decode_day_top(trailing).has_value());
  EXPECT_FALSE(decode_day_top({}).has_value());
  // More parts than a day has: 289.
  EXPECT_FALSE(decode_day_top(std::vector<unsigned char>{0xA1, 0x02}).has_value());
  // Out of order, negative, not a number, infinite.
  EXPECT_FALSE(decode_day_top(with_rate(top, 1, 300'000.0)).has_value());
  EXPECT_FALSE(decode_day_top(with_rate(top, 95, -1.0)).has_value());
  EXPECT_FALSE(
      decode_day_top(with_rate(top, 0, std::numeric_limits<double>::quiet_NaN())).has_value());
  EXPECT_FALSE(
      decode_day_top(with_rate(top, 0, std::numeric_limits<double>::infinity())).has_value());
  // The same rate twice is in order.
  EXPECT_TRUE(decode_day_top(with_rate(top, 1, 287'000.0)).has_value());
}

} // namespace
} // namespace octolog

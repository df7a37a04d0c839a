#include "octolog/day_top.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
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
  EXPECT_FALSE(
      decode_day_top(with_rate(top, 40, std::numeric_limits<double>::quiet_NaN())).has_value());
  EXPECT_FALSE(
      decode_day_top(with_rate(top, 47, -std::numeric_limits<double>::infinity())).has_value());
  // The same rate twice is in order.
  EXPECT_TRUE(decode_day_top(with_rate(top, 1, 287'000.0)).has_value());
}

// A day of 288 covered parts whose rx and tx rates are `rates` (part i moves
// rates[i] bytes a second for 300 s, both ways).
std::vector<HourProfile> day_of(const std::vector<std::uint64_t>& rates) {
  std::vector<HourProfile> hours(24);
  for (std::size_t i = 0; i < rates.size() && i < k_parts_per_day; ++i) {
    hours[i / k_parts_per_hour].parts[i % k_parts_per_hour] =
        FivePart{rates[i] * 300, rates[i] * 300, k_five_minutes_ms};
  }
  return hours;
}

TEST(MonthTop, KeepsEveryPartOfDaysThatLeaveNoneOut) {
  HourProfile few;
  few.parts[0] = FivePart{3000, 300, k_five_minutes_ms}; // 10 and 1 B/s
  few.parts[1] = FivePart{6000, 600, k_five_minutes_ms}; // 20 and 2 B/s
  const std::vector<DayTop> days{day_top(std::vector<HourProfile>{few}),
                                 day_top(std::vector<HourProfile>{few})};
  const DayTop month = month_top(days);
  EXPECT_EQ(month.parts, 4U);
  EXPECT_EQ(month.rx, (std::vector<double>{20.0, 20.0, 10.0, 10.0}));
  EXPECT_EQ(month.tx, (std::vector<double>{2.0, 2.0, 1.0, 1.0}));
}

TEST(MonthTop, KeepsOnlyRatesAtOrAboveWhatAnyDayLeftOut) {
  // A full day keeps 48 of its 288 parts, rates 240..287; what it leaves out
  // is at most 240. A day of two parts leaves none out: of it only its 300
  // B/s part is kept, its 100 B/s part could hide below 240-rate parts.
  std::vector<std::uint64_t> ramp(k_parts_per_day);
  for (std::size_t i = 0; i < ramp.size(); ++i) {
    ramp[i] = i;
  }
  HourProfile small;
  small.parts[0] = FivePart{90'000, 90'000, k_five_minutes_ms}; // 300 B/s
  small.parts[1] = FivePart{30'000, 30'000, k_five_minutes_ms}; // 100 B/s
  const std::vector<DayTop> days{day_top(day_of(ramp)), day_top(std::vector<HourProfile>{small})};
  const DayTop month = month_top(days);
  EXPECT_EQ(month.parts, 290U);
  ASSERT_EQ(month.rx.size(), k_day_top_parts + 1);
  EXPECT_EQ(month.rx.front(), 300.0);
  EXPECT_EQ(month.rx[1], 287.0);
  EXPECT_EQ(month.rx.back(), 240.0);
  EXPECT_EQ(month.tx, month.rx);
}

TEST(MonthTop, IsAlwaysTheBusiestPartsOfTheMonthAndBoundsTheRest) {
  // Random months of days, some busy, some quiet, some short: the rates a
  // month keeps are its busiest parts' (a prefix of all its parts sorted),
  // at most 600, and none left out is above the last one kept.
  std::mt19937_64 random(20261127);
  for (int month_case = 0; month_case < 200; ++month_case) {
    std::vector<DayTop> days;
    std::vector<double> all_rx;
    const int day_count = 1 + static_cast<int>(random() % 31);
    for (int d = 0; d < day_count; ++d) {
      const std::uint64_t scale = 1 + random() % (d % 7 == 0 ? 100'000 : 1000);
      std::vector<std::uint64_t> rates(random() % 3 == 0 ? random() % 60 : k_parts_per_day);
      for (std::uint64_t& rate : rates) {
        rate = random() % scale;
        all_rx.push_back(static_cast<double>(rate));
      }
      days.push_back(day_top(day_of(rates)));
    }
    const DayTop month = month_top(days);
    std::sort(all_rx.begin(), all_rx.end(), std::greater<>());
    ASSERT_EQ(month.parts, all_rx.size());
    ASSERT_LE(month.rx.size(), k_month_top_parts);
    ASSERT_FALSE(month.rx.empty());
    EXPECT_TRUE(std::equal(month.rx.begin(), month.rx.end(), all_rx.begin())) << month_case;
    if (month.rx.size() < all_rx.size()) {
      EXPECT_LE(all_rx[month.rx.size()], month.rx.back()) << month_case;
    }
    EXPECT_EQ(month.tx, month.rx);
  }
}

TEST(MonthTop, DecodesWhatItEncodes) {
  std::vector<std::uint64_t> ramp(k_parts_per_day);
  for (std::size_t i = 0; i < ramp.size(); ++i) {
    ramp[i] = i * 7 % 101;
  }
  const std::vector<DayTop> days(31, day_top(day_of(ramp)));
  const DayTop month = month_top(days);
  EXPECT_EQ(month.parts, 31 * k_parts_per_day);
  EXPECT_EQ(month.rx.size(), k_month_top_parts);
  EXPECT_EQ(decode_month_top(encode_month_top(month)), month);
  EXPECT_EQ(decode_month_top(encode_month_top(DayTop{})), DayTop{});
  // 2 bytes of parts, 2 + 2 of counts, 8 a rate.
  EXPECT_EQ(encode_month_top(month).size(), 6 + 2 * 8 * k_month_top_parts);
}

TEST(MonthTop, RefusesWhatTheQueryCouldNotTrust) {
  DayTop month;
  month.parts = 1000;
  month.rx = {5.0, 4.0};
  month.tx = {3.0};
  const std::vector<unsigned char> bytes = encode_month_top(month);
  ASSERT_EQ(decode_month_top(bytes), month);
  EXPECT_FALSE(decode_month_top({bytes.data(), bytes.size() - 1}).has_value());
  std::vector<unsigned char> trailing = bytes;
  trailing.push_back(0);
  EXPECT_FALSE(decode_month_top(trailing).has_value());
  EXPECT_FALSE(decode_month_top({}).has_value());
  const auto refused = [](const DayTop& top) {
    return !decode_month_top(encode_month_top(top)).has_value();
  };
  // More parts than a month has; more rates than parts or than 600; none
  // kept where parts are left out (nothing would bound them).
  EXPECT_TRUE(refused(DayTop{31 * 288 + 1, {1.0}, {1.0}}));
  EXPECT_TRUE(refused(DayTop{1, {2.0, 1.0}, {1.0}}));
  EXPECT_TRUE(refused(DayTop{5000, std::vector<double>(601, 1.0), {1.0}}));
  EXPECT_TRUE(refused(DayTop{5000, {1.0}, {}}));
  // Out of order, negative, not a number, infinite.
  EXPECT_TRUE(refused(DayTop{10, {1.0, 2.0}, {1.0}}));
  EXPECT_TRUE(refused(DayTop{10, {1.0}, {-1.0}}));
  EXPECT_TRUE(refused(DayTop{10, {std::numeric_limits<double>::quiet_NaN()}, {1.0}}));
  EXPECT_TRUE(refused(DayTop{10, {1.0}, {std::numeric_limits<double>::infinity()}}));
}

} // namespace
} // namespace octolog

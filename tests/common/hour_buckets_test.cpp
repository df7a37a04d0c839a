#include "hour_buckets.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace octolog {
namespace {

constexpr std::int64_t k_hour = 1'780'002'000'000; // an hour edge (UTC)

Slot bucket(std::int64_t index, std::uint64_t rx, std::uint64_t tx, std::int64_t covered_ms) {
  Slot slot;
  slot.start_ms = k_hour + index * k_five_minutes_ms;
  slot.end_ms = slot.start_ms + k_five_minutes_ms;
  slot.totals.rx_bytes = rx;
  slot.totals.tx_bytes = tx;
  slot.totals.rx_packets = 1;
  slot.totals.tx_packets = 2;
  slot.totals.rx_peak_rate = static_cast<double>(rx);
  slot.totals.rx_peak_at_ms = slot.start_ms;
  slot.totals.covered_ms = covered_ms;
  return slot;
}

// The hour that `buckets` add up to.
Slot hour_of(const std::vector<Slot>& buckets) {
  Slot hour;
  hour.start_ms = k_hour;
  hour.end_ms = k_hour + k_hour_ms;
  for (const Slot& five : buckets) {
    hour.totals.merge(five.totals);
  }
  return hour;
}

// The profile that `buckets` make of `hour`, gathered one by one.
std::optional<HourProfile> gathered(const Slot& hour, const std::vector<Slot>& buckets) {
  HourFromBuckets from(hour.start_ms);
  for (const Slot& five : buckets) {
    from.add(five.start_ms, five.totals);
  }
  return from.profile(hour.totals);
}

TEST(HourFromBuckets, GivesEachBucketsBytesAndCoverageToItsPart) {
  const std::vector<Slot> buckets{bucket(11, 5, 6, 1000), bucket(0, 700, 8, k_five_minutes_ms),
                                  bucket(4, 0, 0, k_five_minutes_ms)};
  const auto profile = gathered(hour_of(buckets), buckets);
  ASSERT_TRUE(profile.has_value());
  HourProfile expected;
  expected.parts[0] = FivePart{700, 8, k_five_minutes_ms};
  expected.parts[4] = FivePart{0, 0, k_five_minutes_ms};
  expected.parts[11] = FivePart{5, 6, 1000};
  EXPECT_EQ(*profile, expected);
}

TEST(HourFromBuckets, GivesNoProfileFromBucketsThatDoNotHoldAllOfTheHour) {
  const std::vector<Slot> buckets{bucket(0, 700, 8, k_five_minutes_ms), bucket(1, 5, 6, 1000)};
  const Slot hour = hour_of(buckets);
  // One expired: bytes and coverage fall short.
  EXPECT_FALSE(gathered(hour, {buckets[1]}).has_value());
  EXPECT_FALSE(gathered(hour, {}).has_value());
  // The same bytes, but not the same coverage or packets.
  Slot other = hour;
  other.totals.covered_ms += 1;
  EXPECT_FALSE(gathered(other, buckets).has_value());
  other = hour;
  other.totals.tx_packets += 1;
  EXPECT_FALSE(gathered(other, buckets).has_value());
}

} // namespace
} // namespace octolog

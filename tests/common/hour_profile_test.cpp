#include "octolog/hour_profile.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace octolog {
namespace {

HourProfile busy_profile() {
  HourProfile profile;
  for (std::size_t i = 0; i < profile.parts.size(); ++i) {
    profile.parts[i] = FivePart{1'000'000 * i, 1000 + i, k_five_minutes_ms - 7 * static_cast<std::int64_t>(i)};
  }
  profile.parts[3].rx_bytes = std::numeric_limits<std::uint64_t>::max();
  return profile;
}

TEST(HourProfile, DecodesWhatItEncodes) {
  const HourProfile profile = busy_profile();
  EXPECT_EQ(decode_profile(encode_profile(profile)), profile);
  EXPECT_EQ(decode_profile(encode_profile(HourProfile{})), HourProfile{});
}

TEST(HourProfile, TakesThreeBytesAPartWhenIdleAndCovered) {
  HourProfile idle;
  for (FivePart& part : idle.parts) {
    part.covered_ms = k_five_minutes_ms;
  }
  EXPECT_EQ(encode_profile(idle).size(), 3 * k_parts_per_hour);
}

TEST(HourProfile, RefusesTruncatedOverlongAndTrailingBytes) {
  const std::vector<unsigned char> bytes = encode_profile(busy_profile());
  EXPECT_FALSE(decode_profile({bytes.data(), bytes.size() - 1}).has_value());
  std::vector<unsigned char> trailing = bytes;
  trailing.push_back(0);
  EXPECT_FALSE(decode_profile(trailing).has_value());
  // A varint running past 64 bits.
  std::vector<unsigned char> overlong(11, 0xFF);
  overlong.push_back(0x01);
  EXPECT_FALSE(decode_profile(overlong).has_value());
  // More uncovered time than a part has.
  std::vector<unsigned char> too_long;
  for (std::size_t i = 0; i < k_parts_per_hour; ++i) {
    too_long.insert(too_long.end(), {0, 0, 0xE1, 0xA7, 0x12}); // 300001 ms
  }
  EXPECT_FALSE(decode_profile(too_long).has_value());
  EXPECT_FALSE(decode_profile({}).has_value());
}

TEST(HourProfile, AddsBucketsToThePartTheyStartIn) {
  const std::int64_t hour = 1'780'002'000'000;
  HourProfile profile;
  BucketTotals bucket;
  bucket.rx_bytes = 5;
  bucket.tx_bytes = 6;
  bucket.covered_ms = 1000;
  profile.add(hour, hour + 11 * k_five_minutes_ms, bucket);
  profile.add(hour, hour + 11 * k_five_minutes_ms, bucket);
  profile.add(hour, hour + k_hour_ms, bucket); // the next hour's: not this one's
  EXPECT_EQ(profile.parts[11], (FivePart{10, 12, 2000}));
  HourProfile twice = profile;
  twice.add(profile);
  EXPECT_EQ(twice.parts[11], (FivePart{20, 24, 4000}));
  EXPECT_EQ(twice.parts[0], FivePart{});
}

} // namespace
} // namespace octolog

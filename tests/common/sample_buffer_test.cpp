#include "octolog/sample_buffer.hpp"

#include <gtest/gtest.h>

namespace octolog {
namespace {

constexpr std::int64_t k_edge = 1'780'000'200'000; // a 5-minute edge, not an hour edge

TEST(FloorTo, RoundsDownToThePeriodEvenBeforeNineteenSeventy) {
  EXPECT_EQ(floor_to(k_edge + 299'999, k_five_minutes_ms), k_edge);
  EXPECT_EQ(floor_to(-1, k_five_minutes_ms), -300'000);
}

TEST(SampleBuffer, SumsASampleIntoItsBucketAndHour) {
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge + 1000, k_edge + 2000, 1500, 300, 3, 2, 0});
  ASSERT_EQ(buffer.samples().size(), 1U);
  const BucketTotals expected{1500, 300, 3, 2, 1500.0, k_edge + 1000, 300.0, k_edge + 1000, 1000};
  EXPECT_EQ(buffer.five_minutes().at({"eth0", k_edge}), expected);
  EXPECT_EQ(buffer.hours().at({"eth0", floor_to(k_edge, k_hour_ms)}), expected);
}

TEST(SampleBuffer, SplitsAStraddlingSampleInExactProportionToTime) {
  SampleBuffer buffer;
  // 10 s across an edge, 3 s before it: 1001 bytes split 300 / 701 after rounding.
  buffer.add(Delta{"eth0", k_edge - 3000, k_edge + 7000, 1001, 10, 7, 0, k_flag_gap});
  ASSERT_EQ(buffer.samples().size(), 2U);
  EXPECT_EQ(buffer.samples()[0],
            (Delta{"eth0", k_edge - 3000, k_edge, 300, 3, 2, 0, k_flag_gap}));
  EXPECT_EQ(buffer.samples()[1],
            (Delta{"eth0", k_edge, k_edge + 7000, 701, 7, 5, 0, k_flag_gap}));
  const BucketTotals& before = buffer.five_minutes().at({"eth0", k_edge - 300'000});
  const BucketTotals& after = buffer.five_minutes().at({"eth0", k_edge});
  EXPECT_EQ(before.rx_bytes + after.rx_bytes, 1001U);
  EXPECT_EQ(before.covered_ms, 3000);
  EXPECT_EQ(after.covered_ms, 7000);
  // Both pieces carry the whole sample's rate: 1001 bytes over 10 s.
  EXPECT_DOUBLE_EQ(before.rx_peak_rate, 100.1);
  EXPECT_DOUBLE_EQ(after.rx_peak_rate, 100.1);
  EXPECT_EQ(after.rx_peak_at_ms, k_edge);
}

TEST(SampleBuffer, SplitsALongGapAcrossEveryBucketItSpans) {
  SampleBuffer buffer;
  // One hour of downtime from mid-bucket: 13 pieces, bytes adding up exactly.
  const std::uint64_t total = 3'600'000'007;
  buffer.add(Delta{"eth0", k_edge + 150'000, k_edge + 3'750'000, total, 0, 0, 0, k_flag_gap});
  EXPECT_EQ(buffer.samples().size(), 13U);
  EXPECT_EQ(buffer.five_minutes().size(), 13U);
  std::uint64_t sum = 0;
  std::int64_t covered = 0;
  for (const auto& [key, totals] : buffer.five_minutes()) {
    sum += totals.rx_bytes;
    covered += totals.covered_ms;
  }
  EXPECT_EQ(sum, total);
  EXPECT_EQ(covered, 3'600'000);
  EXPECT_EQ(buffer.five_minutes().at({"eth0", k_edge + 300'000}).rx_bytes, 300'000'000U);
}

TEST(SampleBuffer, KeepsTheHighestRateAndItsTime) {
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 500, 0, 1, 0, 0});
  buffer.add(Delta{"eth0", k_edge + 1000, k_edge + 2000, 900, 0, 1, 0, 0});
  buffer.add(Delta{"eth0", k_edge + 2000, k_edge + 3000, 900, 0, 1, 0, 0});
  const BucketTotals& bucket = buffer.five_minutes().at({"eth0", k_edge});
  EXPECT_EQ(bucket.rx_bytes, 2300U);
  EXPECT_DOUBLE_EQ(bucket.rx_peak_rate, 900.0);
  EXPECT_EQ(bucket.rx_peak_at_ms, k_edge + 1000);
  EXPECT_DOUBLE_EQ(bucket.tx_peak_rate, 0.0);
}

TEST(SampleBuffer, CountsIdleTimeAsCoverageWithoutASample) {
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 0, 0, 0, 0, 0});
  EXPECT_TRUE(buffer.samples().empty());
  EXPECT_EQ(buffer.five_minutes().at({"eth0", k_edge}).covered_ms, 1000);
}

TEST(SampleBuffer, GivesACompressedSampleNoPeakRate) {
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 5'000'000, 0, 1, 0, k_flag_compressed});
  const BucketTotals& bucket = buffer.five_minutes().at({"eth0", k_edge});
  EXPECT_EQ(bucket.rx_bytes, 5'000'000U);
  EXPECT_DOUBLE_EQ(bucket.rx_peak_rate, 0.0);
}

// Bytes rx = i + 1 in second i of one 5-minute bucket, and the matching tx.
void add_seconds(SampleBuffer& buffer, int seconds, std::int64_t from_ms) {
  for (int i = 0; i < seconds; ++i) {
    const std::int64_t start = from_ms + 1000 * i;
    const auto bytes = static_cast<std::uint64_t>(i + 1);
    buffer.add(Delta{"eth0", start, start + 1000, bytes, 2 * bytes, 1, 1, 0});
  }
}

TEST(SampleBuffer, MergesTheOldestSamplesPerBucketWhenPastItsBoundKeepingEveryByte) {
  SampleBuffer bounded(40);
  SampleBuffer unbounded;
  // 60 one-second samples across a 5-minute edge (30 before it, 30 after).
  add_seconds(bounded, 60, k_edge - 30'000);
  add_seconds(unbounded, 60, k_edge - 30'000);
  EXPECT_FALSE(bounded.full());
  EXPECT_LE(bounded.rows(), 40U);
  EXPECT_GT(bounded.merged(), 0U);
  EXPECT_EQ(bounded.five_minutes(), unbounded.five_minutes());
  EXPECT_EQ(bounded.hours(), unbounded.hours());
  std::uint64_t rx = 0;
  std::uint64_t tx = 0;
  std::int64_t last_end = k_edge - 30'000;
  for (const Delta& sample : bounded.samples()) {
    EXPECT_GE(sample.start_ms, last_end) << "samples overlap";
    EXPECT_EQ(floor_to(sample.start_ms, k_five_minutes_ms),
              floor_to(sample.end_ms - 1, k_five_minutes_ms));
    last_end = sample.end_ms;
    rx += sample.rx_bytes;
    tx += sample.tx_bytes;
  }
  EXPECT_EQ(rx, 1830U); // 1 + 2 + ... + 60
  EXPECT_EQ(tx, 3660U);
  EXPECT_EQ(last_end, k_edge + 30'000);
  const Delta& first = bounded.samples().front();
  EXPECT_EQ(first, (Delta{"eth0", k_edge - 30'000, k_edge, 465, 930, 30, 30, k_flag_merged}));
}

TEST(SampleBuffer, IsFullWhenMergingFreesTooLittle) {
  SampleBuffer buffer(10);
  // One sample in each of six buckets: nothing to merge, 12 rows.
  for (int i = 0; i < 5; ++i) {
    buffer.add(Delta{"eth0", k_edge + i * k_five_minutes_ms, k_edge + i * k_five_minutes_ms + 1000,
                     100, 0, 1, 0, 0});
    EXPECT_FALSE(buffer.full());
  }
  buffer.add(Delta{"eth0", k_edge + 5 * k_five_minutes_ms, k_edge + 5 * k_five_minutes_ms + 1000,
                   100, 0, 1, 0, 0});
  EXPECT_TRUE(buffer.full());
  EXPECT_EQ(buffer.rows(), 12U);
  buffer.clear();
  EXPECT_FALSE(buffer.full());
  EXPECT_EQ(buffer.rows(), 0U);
}

// The buffer moved to goes on adding into the buckets it holds; the one moved
// from is empty and works as new.
TEST(SampleBuffer, KeepsAddingIntoItsBucketsAfterAMove) {
  SampleBuffer from(1000);
  from.add(Delta{"eth0", k_edge, k_edge + 1000, 100, 0, 1, 0, 0});
  SampleBuffer to(std::move(from));
  to.add(Delta{"eth0", k_edge + 1000, k_edge + 2000, 50, 0, 1, 0, 0});
  EXPECT_EQ(to.deltas_added(), 2U);
  EXPECT_EQ(to.max_rows(), 1000U);
  EXPECT_EQ(to.five_minutes().size(), 1U);
  EXPECT_EQ(to.five_minutes().at({"eth0", k_edge}).rx_bytes, 150U);
  EXPECT_EQ(to.hours().at({"eth0", floor_to(k_edge, k_hour_ms)}).rx_bytes, 150U);

  EXPECT_TRUE(from.empty()); // NOLINT(bugprone-use-after-move): moving leaves it empty
  EXPECT_EQ(from.rows(), 0U);
  from.add(Delta{"eth0", k_edge + 2000, k_edge + 3000, 7, 0, 1, 0, 0});
  EXPECT_EQ(from.five_minutes().at({"eth0", k_edge}).rx_bytes, 7U);

  to = std::move(from);
  to.add(Delta{"eth0", k_edge + 3000, k_edge + 4000, 3, 0, 1, 0, 0});
  EXPECT_EQ(to.five_minutes().at({"eth0", k_edge}).rx_bytes, 10U);
  EXPECT_EQ(to.samples().size(), 2U);
}

// What a flush with its sample retention starting at the cutoff would skip:
// every piece that ends by then, the bucket and hour sums untouched.
TEST(SampleBuffer, DropsTheSamplesEndingByTheCutoffAndKeepsTheBuckets) {
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge - 3000, k_edge + 7000, 1001, 10, 7, 0, k_flag_gap});
  buffer.add(Delta{"eth1", k_edge, k_edge + 1000, 5, 0, 1, 0, 0});
  ASSERT_EQ(buffer.samples().size(), 3U);
  EXPECT_EQ(buffer.drop_samples_ending_by(k_edge - 1), 0U);
  EXPECT_EQ(buffer.drop_samples_ending_by(k_edge + 1000), 2U);
  ASSERT_EQ(buffer.samples().size(), 1U);
  EXPECT_EQ(buffer.samples()[0].interface, "eth0");
  EXPECT_EQ(buffer.samples()[0].end_ms, k_edge + 7000);
  EXPECT_EQ(buffer.five_minutes().at({"eth0", k_edge - 300'000}).rx_bytes, 300U);
  EXPECT_EQ(buffer.five_minutes().at({"eth1", k_edge}).rx_bytes, 5U);
  EXPECT_EQ(buffer.rows(), 4U); // the sample left and three buckets
}

} // namespace
} // namespace octolog

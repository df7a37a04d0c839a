#include "octolog/proportional_split.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace octolog {
namespace {

TEST(ShareBefore, RoundsDownInProportionToTime) {
  EXPECT_EQ(share_before(1001, 0, 10'000, 3000), 300U);
  EXPECT_EQ(share_before(1001, 0, 10'000, 7000), 700U);
}

TEST(ShareBefore, ClampsTheCutToTheSpan) {
  EXPECT_EQ(share_before(1001, 1000, 2000, 0), 0U);
  EXPECT_EQ(share_before(1001, 1000, 2000, 5000), 1001U);
}

TEST(ShareBefore, HandlesTheLargestCounterWithoutOverflow) {
  const std::uint64_t most = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(share_before(most, 0, 4, 2), most / 2);
}

TEST(ShareBetween, PartsBetweenConsecutiveCutsAddUpToTheWhole) {
  const std::uint64_t total = 999'999'937;
  const std::int64_t cuts[] = {-5, 0, 1, 333, 334, 4999, 7777, 10'000, 12'000};
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i + 1 < std::size(cuts); ++i) {
    sum += share_between(total, 0, 10'000, cuts[i], cuts[i + 1]);
  }
  EXPECT_EQ(sum, total);
  EXPECT_EQ(share_between(total, 0, 10'000, 333, 334), 100'000U);
}

TEST(ShareBetween, GivesNothingForAnEmptyOrReversedRange) {
  EXPECT_EQ(share_between(500, 0, 1000, 400, 400), 0U);
  EXPECT_EQ(share_between(500, 0, 1000, 600, 400), 0U);
}

} // namespace
} // namespace octolog

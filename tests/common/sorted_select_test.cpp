#include "sorted_select.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>

namespace octolog {
namespace {

// The rank-th highest of all the values, by sorting them together.
std::optional<double> by_sorting(std::size_t rank, const std::vector<std::vector<double>>& lists) {
  std::vector<double> all;
  for (const std::vector<double>& list : lists) {
    all.insert(all.end(), list.begin(), list.end());
  }
  if (rank == 0 || rank > all.size()) {
    return std::nullopt;
  }
  std::sort(all.begin(), all.end(), std::greater<>());
  return all[rank - 1];
}

std::vector<std::span<const double>> spans(const std::vector<std::vector<double>>& lists) {
  return {lists.begin(), lists.end()};
}

TEST(SortedSelect, NoValuesOrRankOutsideThemGiveNothing) {
  EXPECT_EQ(select_from_sorted(1, {}), std::nullopt);
  const std::vector<std::vector<double>> lists{{}, {3.0, 1.0}, {2.0}};
  EXPECT_EQ(select_from_sorted(0, spans(lists)), std::nullopt);
  EXPECT_EQ(select_from_sorted(4, spans(lists)), std::nullopt);
  EXPECT_EQ(select_from_sorted(1, spans(lists)), 3.0);
  EXPECT_EQ(select_from_sorted(2, spans(lists)), 2.0);
  EXPECT_EQ(select_from_sorted(3, spans(lists)), 1.0);
}

TEST(SortedSelect, TiesCountOneByOne) {
  // 300 zeros and 100 fives in four lists: ranks 1..100 are 5, the rest 0.
  std::vector<std::vector<double>> lists(4);
  for (std::size_t i = 0; i < 400; ++i) {
    lists[i % 4].push_back(i < 100 ? 5.0 : 0.0);
  }
  for (std::vector<double>& list : lists) {
    std::sort(list.begin(), list.end(), std::greater<>());
  }
  EXPECT_EQ(select_from_sorted(100, spans(lists)), 5.0);
  EXPECT_EQ(select_from_sorted(101, spans(lists)), 0.0);
  EXPECT_EQ(select_from_sorted(400, spans(lists)), 0.0);
}

// Every rank of random lists of many shapes: the same value as a sort of
// all of them.
TEST(SortedSelect, EveryRankAsASortOfAllValues) {
  std::mt19937_64 random(20261127);
  for (int round = 0; round < 300; ++round) {
    const std::size_t count = std::uniform_int_distribution<std::size_t>(0, 40)(random);
    // Few distinct values in some rounds, so that ties cross the pivots.
    const int distinct = std::uniform_int_distribution<int>(1, 4)(random) == 1 ? 3 : 1'000'000;
    std::uniform_int_distribution<int> value(0, distinct - 1);
    std::vector<std::vector<double>> lists(count);
    for (std::vector<double>& list : lists) {
      const std::size_t length = std::uniform_int_distribution<std::size_t>(0, 500)(random);
      for (std::size_t i = 0; i < length; ++i) {
        list.push_back(value(random) * 0.5);
      }
      std::sort(list.begin(), list.end(), std::greater<>());
    }
    std::size_t total = 0;
    for (const std::vector<double>& list : lists) {
      total += list.size();
    }
    for (std::size_t rank = 0; rank <= total + 1; rank += 1 + total / 50) {
      ASSERT_EQ(select_from_sorted(rank, spans(lists)), by_sorting(rank, lists))
          << "round " << round << ", rank " << rank << " of " << total;
    }
    ASSERT_EQ(select_from_sorted(total, spans(lists)), by_sorting(total, lists));
  }
}

} // namespace
} // namespace octolog

#include "sorted_select.hpp"

#include <algorithm>
#include <functional>
#include <utility>

namespace octolog {

std::optional<double> select_from_sorted(std::size_t rank,
                                         std::vector<std::span<const double>> lists) {
  std::size_t left = 0; // values not yet ruled out, all in `lists`
  for (const std::span<const double> list : lists) {
    left += list.size();
  }
  if (rank == 0 || rank > left) {
    return std::nullopt;
  }
  // Below this many values, a selection among copies costs less than rounds.
  constexpr std::size_t k_direct = 64;
  std::vector<std::pair<double, std::size_t>> middles; // a list's middle value, its length
  std::vector<std::pair<std::size_t, std::size_t>> cuts; // a list's values above, at or above
  while (left > k_direct) {
    std::erase_if(lists, [](std::span<const double> list) { return list.empty(); });
    middles.clear();
    for (const std::span<const double> list : lists) {
      middles.emplace_back(list[list.size() / 2], list.size());
    }
    std::sort(middles.begin(), middles.end(), std::greater<>());
    double pivot = middles.front().first;
    for (std::size_t weight = 0; const auto& [middle, length] : middles) {
      weight += length;
      if (2 * weight >= left) {
        pivot = middle;
        break;
      }
    }
    // Of each list, how many values lie above the pivot and how many at or above it.
    cuts.clear();
    std::size_t above = 0;
    std::size_t at_or_above = 0;
    for (const std::span<const double> list : lists) {
      const auto higher = std::partition_point(list.begin(), list.end(),
                                               [pivot](double value) { return value > pivot; });
      const auto lower = std::partition_point(higher, list.end(),
                                              [pivot](double value) { return value >= pivot; });
      cuts.emplace_back(static_cast<std::size_t>(higher - list.begin()),
                        static_cast<std::size_t>(lower - list.begin()));
      above += cuts.back().first;
      at_or_above += cuts.back().second;
    }
    if (rank > above && rank <= at_or_above) {
      return pivot;
    }
    // At least a quarter of the values lie on each side of the pivot (half
    // the values are in lists whose middle is at or above it, and half of
    // each of those lists is at or above its middle; likewise below), and
    // the side without the answer goes.
    const bool higher_side = rank <= above;
    if (!higher_side) {
      rank -= at_or_above;
    }
    left = higher_side ? above : left - at_or_above;
    for (std::size_t i = 0; i < lists.size(); ++i) {
      lists[i] = higher_side ? lists[i].first(cuts[i].first) : lists[i].subspan(cuts[i].second);
    }
  }
  std::vector<double> values;
  values.reserve(left);
  for (const std::span<const double> list : lists) {
    values.insert(values.end(), list.begin(), list.end());
  }
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end(), std::greater<>());
  return *nth;
}

} // namespace octolog

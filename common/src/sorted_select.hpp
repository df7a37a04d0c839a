#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace octolog {

// The `rank`-th highest value (1 for the highest) of all the values of
// `lists`, each sorted highest first, without gathering them; nullopt when
// `rank` is 0 or they hold fewer values. Ties count one by one, as in a
// sort of all the values together.
//
// Each round takes the weighted median of the lists' middle values as a
// pivot: at least a quarter of the values left lie on each side of it, so
// that a quarter or more of them are dropped with a binary search in each
// list, and about log_{4/3}(n / 64) rounds leave a few dozen values to
// select from directly. For the year of a `--month` report (38 lists,
// 7,920 values, the 5,256th highest) that is about a sixth of the work of
// copying all the values and selecting among them.
std::optional<double> select_from_sorted(std::size_t rank,
                                         std::vector<std::span<const double>> lists);

} // namespace octolog

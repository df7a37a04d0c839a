#include "octolog/proportional_split.hpp"

#include <algorithm>

namespace octolog {
namespace {

__extension__ using uint128 = unsigned __int128;

} // namespace

std::uint64_t share_before(std::uint64_t total, std::int64_t start_ms, std::int64_t end_ms,
                           std::int64_t at_ms) {
  if (at_ms >= end_ms) {
    return total;
  }
  if (at_ms <= start_ms) {
    return 0;
  }
  const auto done = static_cast<uint128>(at_ms - start_ms);
  const auto whole = static_cast<uint128>(end_ms - start_ms);
  return static_cast<std::uint64_t>(static_cast<uint128>(total) * done / whole);
}

std::uint64_t share_between(std::uint64_t total, std::int64_t start_ms, std::int64_t end_ms,
                            std::int64_t from_ms, std::int64_t to_ms) {
  if (to_ms <= from_ms) {
    return 0;
  }
  return share_before(total, start_ms, end_ms, to_ms) -
         share_before(total, start_ms, end_ms, from_ms);
}

} // namespace octolog

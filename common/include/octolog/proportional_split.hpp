#pragma once

#include <cstdint>

namespace octolog {

// Splitting an amount that was spread evenly over [start_ms, end_ms) at cut
// points, in integers. The rounding of a part depends only on its two cut
// points, so the parts between consecutive cuts always add up to exactly the
// whole: adjacent windows never lose or double a byte.

// The part of `total` that falls before `at_ms`, rounded down; `at_ms` is
// clamped to the span. An empty span has all of `total` at its start.
[[nodiscard]] std::uint64_t share_before(std::uint64_t total, std::int64_t start_ms,
                                         std::int64_t end_ms, std::int64_t at_ms);

// The part of `total` that falls inside [from_ms, to_ms).
[[nodiscard]] std::uint64_t share_between(std::uint64_t total, std::int64_t start_ms,
                                          std::int64_t end_ms, std::int64_t from_ms,
                                          std::int64_t to_ms);

} // namespace octolog

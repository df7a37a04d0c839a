#pragma once

#include "octolog/hour_profile.hpp"
#include "octolog/traffic_series.hpp"

#include <optional>
#include <span>

namespace octolog {

// Whether `a` and `b` hold the same traffic: bytes, packets and time covered.
[[nodiscard]] bool same_traffic(const BucketTotals& a, const BucketTotals& b);

// The profile that `buckets` (5-minute slots inside `hour`, any order) make of
// the hour, where they hold all of its traffic. An hour's profile is stored
// only once its buckets expire (schema version 6); until then they give it.
// nullopt where they do not add up to the hour: none are stored, or some
// have expired while the hour has no profile (recorded before version 3).
[[nodiscard]] std::optional<HourProfile> profile_from_buckets(const Slot& hour,
                                                              std::span<const Slot> buckets);

} // namespace octolog

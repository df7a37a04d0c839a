#include "hour_buckets.hpp"

namespace octolog {

bool same_traffic(const BucketTotals& a, const BucketTotals& b) {
  return a.rx_bytes == b.rx_bytes && a.tx_bytes == b.tx_bytes && a.rx_packets == b.rx_packets &&
         a.tx_packets == b.tx_packets && a.covered_ms == b.covered_ms;
}

std::optional<HourProfile> profile_from_buckets(const Slot& hour, std::span<const Slot> buckets) {
  if (buckets.empty()) {
    return std::nullopt;
  }
  BucketTotals sum;
  HourProfile profile;
  for (const Slot& bucket : buckets) {
    sum.merge(bucket.totals);
    profile.add(hour.start_ms, bucket.start_ms, bucket.totals);
  }
  if (!same_traffic(sum, hour.totals)) {
    return std::nullopt;
  }
  return profile;
}

} // namespace octolog

#include "hour_buckets.hpp"

#include "octolog/store.hpp"

#include "bucket_rows.hpp"

#include <algorithm>
#include <string>

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

StoredHours::StoredHours(SQLite::Database& db)
    : m_hours(db, std::string("SELECT ") + std::string(k_slot_columns) +
                      ", profile FROM bucket_hour WHERE key >= ? AND key < ? ORDER BY key"),
      m_buckets(db, std::string("SELECT ") + std::string(k_slot_columns) +
                        " FROM bucket_5min WHERE key >= ? AND key < ? ORDER BY key") {}

std::vector<StoredHour> StoredHours::read(std::int64_t interface_id, std::int64_t from_ms,
                                          std::int64_t to_ms) {
  std::vector<StoredHour> hours;
  const std::int64_t base = row_key(interface_id, 0);
  m_hours.reset();
  m_hours.bind(1, row_key(interface_id, from_ms));
  m_hours.bind(2, row_key(interface_id, to_ms));
  bool any_without = false;
  while (m_hours.step()) {
    StoredHour& hour = hours.emplace_back();
    hour.slot = slot_of_row(m_hours, base, k_hour_ms);
    if (!m_hours.is_null(k_slot_column_count)) {
      hour.profile = decode_profile(m_hours.blob(k_slot_column_count));
    }
    hour.profile_stored = hour.profile.has_value();
    any_without = any_without || !hour.profile_stored;
  }
  m_hours.reset();
  if (!any_without) {
    return hours;
  }
  const std::vector<Slot> all = buckets(interface_id, from_ms, to_ms);
  const auto from = [&](std::int64_t at_ms) {
    return std::lower_bound(all.begin(), all.end(), at_ms,
                            [](const Slot& bucket, std::int64_t t) { return bucket.start_ms < t; });
  };
  for (StoredHour& hour : hours) {
    if (!hour.profile) {
      hour.profile =
          profile_from_buckets(hour.slot, {from(hour.slot.start_ms), from(hour.slot.end_ms)});
    }
  }
  return hours;
}

std::vector<Slot> StoredHours::buckets(std::int64_t interface_id, std::int64_t from_ms,
                                       std::int64_t to_ms) {
  std::vector<Slot> buckets;
  const std::int64_t base = row_key(interface_id, 0);
  m_buckets.reset();
  m_buckets.bind(1, row_key(interface_id, from_ms));
  m_buckets.bind(2, row_key(interface_id, to_ms));
  while (m_buckets.step()) {
    buckets.push_back(slot_of_row(m_buckets, base, k_five_minutes_ms));
  }
  m_buckets.reset();
  return buckets;
}

} // namespace octolog

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

void HourFromBuckets::add(std::int64_t bucket_start_ms, const BucketTotals& bucket) {
  m_any = true;
  m_sum.merge(bucket);
  m_profile.add(m_start_ms, bucket_start_ms, bucket);
}

std::optional<HourProfile> HourFromBuckets::profile(const BucketTotals& hour) const {
  if (!m_any || !same_traffic(m_sum, hour)) {
    return std::nullopt;
  }
  return m_profile;
}

std::optional<HourProfile> profile_from_buckets(const Slot& hour, std::span<const Slot> buckets) {
  HourFromBuckets gathered(hour.start_ms);
  for (const Slot& bucket : buckets) {
    gathered.add(bucket.start_ms, bucket.totals);
  }
  return gathered.profile(hour.totals);
}

StoredHours::StoredHours(SQLite::Database& db)
    : m_hours(db, std::string("SELECT ") + std::string(k_slot_columns) +
                      ", profile FROM bucket_hour WHERE key >= ? AND key < ? ORDER BY key"),
      // What a profile needs of a bucket, and what tells that the buckets
      // add up to their hour: a day's 288 rows are read at every flush.
      m_buckets(db, R"sql(
        SELECT key, rx_bytes, tx_bytes, rx_packets, tx_packets, uncovered_ms FROM bucket_5min
        WHERE key >= ? AND key < ? ORDER BY key)sql") {}

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
  if (any_without) {
    add_bucket_profiles(interface_id, from_ms, to_ms, hours);
  }
  return hours;
}

void StoredHours::add_bucket_profiles(std::int64_t interface_id, std::int64_t from_ms,
                                      std::int64_t to_ms, std::vector<StoredHour>& hours) {
  if (hours.empty()) {
    return;
  }
  // One scan of the buckets, alongside the hours (both in time order).
  auto hour = hours.begin();
  HourFromBuckets gathered(hour->slot.start_ms);
  const auto close_hour = [&] {
    if (!hour->profile) {
      hour->profile = gathered.profile(hour->slot.totals);
    }
    if (++hour != hours.end()) {
      gathered = HourFromBuckets(hour->slot.start_ms);
    }
  };
  const std::int64_t base = row_key(interface_id, 0);
  m_buckets.reset();
  m_buckets.bind(1, row_key(interface_id, from_ms));
  m_buckets.bind(2, row_key(interface_id, to_ms));
  while (m_buckets.step()) {
    const std::int64_t start_ms = m_buckets.integer(0) - base;
    while (hour != hours.end() && hour->slot.end_ms <= start_ms) {
      close_hour();
    }
    if (hour == hours.end()) {
      break;
    }
    if (start_ms >= hour->slot.start_ms && !hour->profile) {
      BucketTotals bucket;
      bucket.rx_bytes = m_buckets.counter(1);
      bucket.tx_bytes = m_buckets.counter(2);
      bucket.rx_packets = m_buckets.counter(3);
      bucket.tx_packets = m_buckets.counter(4);
      bucket.covered_ms = k_five_minutes_ms - m_buckets.integer(5);
      gathered.add(start_ms, bucket);
    }
  }
  m_buckets.reset();
  while (hour != hours.end()) {
    close_hour();
  }
}

} // namespace octolog

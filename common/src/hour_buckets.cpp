#include "hour_buckets.hpp"

#include "octolog/store.hpp"

#include "bucket_rows.hpp"

#include <algorithm>
#include <memory>
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

void add_bucket_profiles(RawStatement& buckets, std::int64_t base_key, std::span<Slot> hours) {
  if (hours.empty()) {
    buckets.reset();
    return;
  }
  // One scan of the buckets, alongside the hours.
  auto hour = hours.begin();
  HourFromBuckets gathered(hour->start_ms);
  const auto close_hour = [&] {
    if (!hour->profile) {
      if (auto profile = gathered.profile(hour->totals)) {
        hour->profile = std::make_shared<const HourProfile>(*profile);
      }
    }
    if (++hour != hours.end()) {
      gathered = HourFromBuckets(hour->start_ms);
    }
  };
  while (buckets.step()) {
    const std::int64_t start_ms = buckets.integer(0) - base_key;
    while (hour != hours.end() && hour->end_ms <= start_ms) {
      close_hour();
    }
    if (hour == hours.end()) {
      break;
    }
    if (start_ms >= hour->start_ms && !hour->profile) {
      BucketTotals bucket;
      bucket.rx_bytes = buckets.counter(1);
      bucket.tx_bytes = buckets.counter(2);
      bucket.rx_packets = buckets.counter(3);
      bucket.tx_packets = buckets.counter(4);
      bucket.covered_ms = k_five_minutes_ms - buckets.integer(5);
      gathered.add(start_ms, bucket);
    }
  }
  buckets.reset();
  while (hour != hours.end()) {
    close_hour();
  }
}

StoredHours::StoredHours(SQLite::Database& db)
    : m_hours(db, std::string("SELECT ") + std::string(k_slot_columns) +
                      ", profile FROM bucket_hour WHERE key >= ? AND key < ? ORDER BY key"),
      m_buckets(db, std::string(k_bucket_profile_query)) {}

std::vector<Slot> StoredHours::read(std::int64_t interface_id, std::int64_t from_ms,
                                    std::int64_t to_ms) {
  std::vector<Slot> hours;
  const std::int64_t base = row_key(interface_id, 0);
  m_hours.reset();
  m_hours.bind(1, row_key(interface_id, from_ms));
  m_hours.bind(2, row_key(interface_id, to_ms));
  while (m_hours.step()) {
    Slot& hour = hours.emplace_back(slot_of_row(m_hours, base, k_hour_ms));
    if (!m_hours.is_null(k_slot_column_count)) {
      if (auto profile = decode_profile(m_hours.blob(k_slot_column_count))) {
        hour.profile = std::make_shared<const HourProfile>(*profile);
      }
    }
  }
  m_hours.reset();
  return hours;
}

void StoredHours::add_bucket_profiles(std::int64_t interface_id, std::vector<Slot>& hours) {
  const auto without = [](const Slot& hour) { return !hour.profile; };
  const auto first = std::find_if(hours.begin(), hours.end(), without);
  if (first == hours.end()) {
    return;
  }
  const auto last = std::find_if(hours.rbegin(), hours.rend(), without).base();
  m_buckets.reset();
  m_buckets.bind(1, row_key(interface_id, first->start_ms));
  m_buckets.bind(2, row_key(interface_id, std::prev(last)->end_ms));
  octolog::add_bucket_profiles(m_buckets, row_key(interface_id, 0), {first, last});
}

} // namespace octolog

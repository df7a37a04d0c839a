#include "day_rollup.hpp"

#include "octolog/day_top.hpp"
#include "octolog/store.hpp"

#include "bucket_rows.hpp"
#include "hour_buckets.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace octolog {

DayRollup::DayRollup(SQLite::Database& db)
    : m_db(db),
      m_hours(db, std::string("SELECT ") + std::string(k_slot_columns) +
                      ", profile FROM bucket_hour WHERE key >= ? AND key < ? ORDER BY key"),
      m_buckets(db, std::string("SELECT ") + std::string(k_slot_columns) +
                        " FROM bucket_5min WHERE key >= ? AND key < ? ORDER BY key"),
      m_write(db, R"sql(
        INSERT OR REPLACE INTO bucket_day
          (key, rx_bytes, tx_bytes, rx_packets, tx_packets, rx_peak_rate, rx_peak_offset_ms,
           tx_peak_rate, tx_peak_offset_ms, uncovered_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"),
      m_write_top(db, "INSERT OR REPLACE INTO bucket_day_top (key, top) VALUES (?, ?)"),
      m_remove(db, "DELETE FROM bucket_day WHERE key = ?"),
      m_remove_top(db, "DELETE FROM bucket_day_top WHERE key = ?") {}

std::vector<DayRollup::StoredHour> DayRollup::hours(std::int64_t interface_id,
                                                    std::int64_t day_start_ms) {
  std::vector<StoredHour> hours;
  const std::int64_t base = row_key(interface_id, 0);
  m_hours.reset();
  m_hours.bind(1, row_key(interface_id, day_start_ms));
  m_hours.bind(2, row_key(interface_id, day_start_ms + k_day_ms));
  while (m_hours.step()) {
    hours.push_back({slot_of_row(m_hours, base, k_hour_ms),
                     m_hours.is_null(k_slot_column_count)
                         ? std::nullopt
                         : decode_profile(m_hours.blob(k_slot_column_count))});
  }
  m_hours.reset();
  return hours;
}

std::vector<Slot> DayRollup::buckets(std::int64_t interface_id, std::int64_t day_start_ms) {
  std::vector<Slot> buckets;
  const std::int64_t base = row_key(interface_id, 0);
  m_buckets.reset();
  m_buckets.bind(1, row_key(interface_id, day_start_ms));
  m_buckets.bind(2, row_key(interface_id, day_start_ms + k_day_ms));
  while (m_buckets.step()) {
    buckets.push_back(slot_of_row(m_buckets, base, k_five_minutes_ms));
  }
  m_buckets.reset();
  return buckets;
}

std::optional<std::vector<HourProfile>>
DayRollup::profiles(std::int64_t interface_id, std::int64_t day_start_ms,
                    const std::vector<StoredHour>& hours) {
  // An hour's profile is stored once its 5-minute buckets expire; until then
  // they give it. The day's buckets in one read, where an hour needs them.
  const bool any_without =
      std::any_of(hours.begin(), hours.end(), [](const StoredHour& hour) { return !hour.profile; });
  const std::vector<Slot> day_buckets =
      any_without ? buckets(interface_id, day_start_ms) : std::vector<Slot>{};
  const auto from = [&](std::int64_t at_ms) {
    return std::lower_bound(
        day_buckets.begin(), day_buckets.end(), at_ms,
        [](const Slot& bucket, std::int64_t t) { return bucket.start_ms < t; });
  };
  std::vector<HourProfile> profiles;
  profiles.reserve(hours.size());
  for (const StoredHour& hour : hours) {
    auto profile = hour.profile ? hour.profile
                                : profile_from_buckets(hour.slot, {from(hour.slot.start_ms),
                                                                   from(hour.slot.end_ms)});
    if (!profile) {
      return std::nullopt;
    }
    profiles.push_back(*profile);
  }
  return profiles;
}

void DayRollup::rebuild(std::int64_t interface_id, std::int64_t day_start_ms) {
  const std::int64_t key = row_key(interface_id, day_start_ms);
  const std::vector<StoredHour> stored = hours(interface_id, day_start_ms);
  // A day with an hour that has neither a profile nor all of its buckets
  // (from before profiles, its buckets expired) has no top: its hours tell.
  const auto day_profiles = profiles(interface_id, day_start_ms, stored);
  if (!stored.empty() && day_profiles) {
    m_write_top.bind(1, key);
    m_write_top.bind(2, encode_day_top(day_top(*day_profiles)));
    m_write_top.run();
  } else {
    m_remove_top.bind(1, key);
    m_remove_top.run();
  }
  if (stored.empty()) {
    m_remove.bind(1, key);
    m_remove.run();
    return;
  }
  BucketTotals day;
  for (const StoredHour& hour : stored) {
    day.merge(hour.slot.totals);
  }
  m_write.bind(1, key);
  m_write.bind(2, static_cast<std::int64_t>(day.rx_bytes));
  m_write.bind(3, static_cast<std::int64_t>(day.tx_bytes));
  m_write.bind(4, static_cast<std::int64_t>(day.rx_packets));
  m_write.bind(5, static_cast<std::int64_t>(day.tx_packets));
  m_write.bind(6, day.rx_peak_rate);
  if (day.rx_peak_rate > 0.0) {
    m_write.bind(7, day.rx_peak_at_ms - day_start_ms);
  } else {
    m_write.bind_null(7);
  }
  m_write.bind(8, day.tx_peak_rate);
  if (day.tx_peak_rate > 0.0) {
    m_write.bind(9, day.tx_peak_at_ms - day_start_ms);
  } else {
    m_write.bind_null(9);
  }
  m_write.bind(10, k_day_ms - day.covered_ms);
  m_write.run();
}

void DayRollup::rebuild_all() {
  std::set<std::pair<std::int64_t, std::int64_t>> days;
  for (RawStatement hours(m_db, "SELECT key FROM bucket_hour ORDER BY key"); hours.step();) {
    const std::int64_t key = hours.integer(0);
    const std::int64_t id = key >> k_row_key_shift;
    const std::int64_t start_ms = key - row_key(id, 0);
    days.emplace(id, start_ms - start_ms % k_day_ms);
  }
  for (const auto& [id, day_start_ms] : days) {
    rebuild(id, day_start_ms);
  }
}

} // namespace octolog

#include "day_rollup.hpp"

#include "octolog/day_top.hpp"
#include "octolog/store.hpp"

#include "bucket_rows.hpp"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace octolog {

DayRollup::DayRollup(SQLite::Database& db)
    : m_db(db), m_hours(db),
      m_write(db, R"sql(
        INSERT OR REPLACE INTO bucket_day
          (key, rx_bytes, tx_bytes, rx_packets, tx_packets, rx_peak_rate, rx_peak_offset_ms,
           tx_peak_rate, tx_peak_offset_ms, uncovered_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"),
      m_write_top(db, "INSERT OR REPLACE INTO bucket_day_top (key, top) VALUES (?, ?)"),
      m_remove(db, "DELETE FROM bucket_day WHERE key = ?"),
      m_remove_top(db, "DELETE FROM bucket_day_top WHERE key = ?") {}

void DayRollup::rebuild(std::int64_t interface_id, std::int64_t day_start_ms) {
  const std::int64_t key = row_key(interface_id, day_start_ms);
  std::vector<Slot> hours = m_hours.read(interface_id, day_start_ms, day_start_ms + k_day_ms);
  m_hours.add_bucket_profiles(interface_id, hours);
  // Each hour's profile, stored or from its 5-minute buckets; a day with an
  // hour that has neither (from before profiles, its buckets expired) has no
  // top: its hours tell.
  std::vector<HourProfile> profiles;
  for (const Slot& hour : hours) {
    if (hour.profile) {
      profiles.push_back(*hour.profile);
    }
  }
  if (!hours.empty() && profiles.size() == hours.size()) {
    m_write_top.bind(1, key);
    m_write_top.bind(2, encode_day_top(day_top(profiles)));
    m_write_top.run();
  } else {
    m_remove_top.bind(1, key);
    m_remove_top.run();
  }
  if (hours.empty()) {
    m_remove.bind(1, key);
    m_remove.run();
    return;
  }
  BucketTotals day;
  for (const Slot& hour : hours) {
    day.merge(hour.totals);
  }
  bind_bucket_row(m_write, key, day_start_ms, k_day_ms, day);
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

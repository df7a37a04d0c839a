#include "month_rollup.hpp"

#include "octolog/civil_time.hpp"
#include "octolog/day_top.hpp"
#include "octolog/store.hpp"

#include "bucket_rows.hpp"

#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace octolog {
namespace {

// Each (interface, UTC month start) that has days in bucket_day.
std::set<std::pair<std::int64_t, std::int64_t>> months_with_days(SQLite::Database& db) {
  std::set<std::pair<std::int64_t, std::int64_t>> months;
  for (RawStatement days(db, "SELECT key FROM bucket_day ORDER BY key"); days.step();) {
    const std::int64_t key = days.integer(0);
    const std::int64_t id = key >> k_row_key_shift;
    months.emplace(id, utc_month_start(key - row_key(id, 0)));
  }
  return months;
}

} // namespace

MonthRollup::MonthRollup(SQLite::Database& db)
    : m_db(db),
      // Each day of the month, with its top where it has one.
      m_days(db, R"sql(
        SELECT d.key, d.rx_bytes, d.tx_bytes, d.rx_packets, d.tx_packets, d.rx_peak_rate,
               coalesce(d.rx_peak_offset_ms, 0), d.tx_peak_rate, coalesce(d.tx_peak_offset_ms, 0),
               d.uncovered_ms, t.top
        FROM bucket_day d LEFT JOIN bucket_day_top t ON t.key = d.key
        WHERE d.key >= ? AND d.key < ? ORDER BY d.key)sql"),
      m_stored(db, "SELECT 1 FROM bucket_month_top WHERE key = ?"),
      m_write(db, R"sql(
        INSERT OR REPLACE INTO bucket_month_top
          (key, rx_bytes, tx_bytes, rx_packets, tx_packets, rx_peak_rate, rx_peak_offset_ms,
           tx_peak_rate, tx_peak_offset_ms, uncovered_ms, top)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"),
      m_remove(db, "DELETE FROM bucket_month_top WHERE key = ?") {}

void MonthRollup::rebuild(std::int64_t interface_id, std::int64_t month_start_ms) {
  const std::int64_t key = row_key(interface_id, month_start_ms);
  const std::int64_t month_ms = next_utc_month_start(month_start_ms) - month_start_ms;
  std::vector<DayTop> days;
  BucketTotals month;
  bool every_top = true;
  m_days.reset();
  m_days.bind(1, key);
  m_days.bind(2, key + month_ms);
  while (every_top && m_days.step()) {
    month.merge(slot_of_row(m_days, row_key(interface_id, 0), k_day_ms).totals);
    auto top = m_days.is_null(k_slot_column_count) ? std::nullopt
                                                   : decode_day_top(m_days.blob(k_slot_column_count));
    if (top) {
      days.push_back(std::move(*top));
    } else {
      every_top = false;
    }
  }
  m_days.reset();
  if (days.empty() || !every_top) {
    m_remove.bind(1, key);
    m_remove.run();
    return;
  }
  bind_bucket_row(m_write, key, month_start_ms, month_ms, month);
  m_write.bind(k_slot_column_count + 1, encode_month_top(month_top(days)));
  m_write.run();
}

void MonthRollup::refresh(std::int64_t interface_id, std::int64_t month_start_ms) {
  m_stored.reset();
  m_stored.bind(1, row_key(interface_id, month_start_ms));
  const bool stored = m_stored.step();
  m_stored.reset();
  if (!stored) {
    rebuild(interface_id, month_start_ms);
  }
}

void MonthRollup::rebuild_all() {
  for (const auto& [id, month_start_ms] : months_with_days(m_db)) {
    rebuild(id, month_start_ms);
  }
}

void MonthRollup::build_missing(std::int64_t now_ms) {
  const std::int64_t this_month = utc_month_start(now_ms);
  for (const auto& [id, month_start_ms] : months_with_days(m_db)) {
    if (month_start_ms < this_month) {
      refresh(id, month_start_ms);
    }
  }
}

} // namespace octolog

#include "month_rollup.hpp"

#include "octolog/civil_time.hpp"
#include "octolog/day_top.hpp"
#include "octolog/store.hpp"

#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace octolog {

std::int64_t utc_month_start(std::int64_t unix_ms) {
  CivilDate date = civil_from_days(floor_div(unix_ms, k_day_ms));
  date.day = 1;
  return days_from_civil(date) * k_day_ms;
}

std::int64_t next_utc_month_start(std::int64_t month_start_ms) {
  return days_from_civil(add_months(civil_from_days(floor_div(month_start_ms, k_day_ms)), 1)) *
         k_day_ms;
}

MonthRollup::MonthRollup(SQLite::Database& db)
    : m_db(db),
      // Each day of the month, with its top where it has one.
      m_days(db, R"sql(
        SELECT t.top FROM bucket_day d LEFT JOIN bucket_day_top t ON t.key = d.key
        WHERE d.key >= ? AND d.key < ? ORDER BY d.key)sql"),
      m_write(db, "INSERT OR REPLACE INTO bucket_month_top (key, top) VALUES (?, ?)"),
      m_remove(db, "DELETE FROM bucket_month_top WHERE key = ?") {}

void MonthRollup::rebuild(std::int64_t interface_id, std::int64_t month_start_ms) {
  const std::int64_t key = row_key(interface_id, month_start_ms);
  std::vector<DayTop> days;
  bool every_top = true;
  m_days.reset();
  m_days.bind(1, key);
  m_days.bind(2, row_key(interface_id, next_utc_month_start(month_start_ms)));
  while (every_top && m_days.step()) {
    auto top = m_days.is_null(0) ? std::nullopt : decode_day_top(m_days.blob(0));
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
  m_write.bind(1, key);
  m_write.bind(2, encode_month_top(month_top(days)));
  m_write.run();
}

void MonthRollup::rebuild_all() {
  std::set<std::pair<std::int64_t, std::int64_t>> months;
  for (RawStatement days(m_db, "SELECT key FROM bucket_day ORDER BY key"); days.step();) {
    const std::int64_t key = days.integer(0);
    const std::int64_t id = key >> k_row_key_shift;
    months.emplace(id, utc_month_start(key - row_key(id, 0)));
  }
  for (const auto& [id, month_start_ms] : months) {
    rebuild(id, month_start_ms);
  }
}

} // namespace octolog

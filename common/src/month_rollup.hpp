#pragma once

#include "raw_statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>

namespace octolog {

// The start of the UTC month that `unix_ms` falls in, and of the next one.
[[nodiscard]] std::int64_t utc_month_start(std::int64_t unix_ms);
[[nodiscard]] std::int64_t next_utc_month_start(std::int64_t month_start_ms);

// Keeps bucket_month_top holding each UTC month's busiest 5-minute parts,
// from its days' in bucket_day_top (see month_top()): the recorder rebuilds
// the months a flush touched, after their days (DayRollup), in the flush's
// transaction, and a database moving to schema version 5 gets all of its
// months once.
class MonthRollup {
public:
  explicit MonthRollup(SQLite::Database& db);

  // Rewrites the top of interface `interface_id`'s month that starts at
  // `month_start_ms` from its days' tops; removes it when the month has no
  // day, or a day without a top.
  void rebuild(std::int64_t interface_id, std::int64_t month_start_ms);

  // Rewrites the top of every month that has days.
  void rebuild_all();

private:
  SQLite::Database& m_db;
  RawStatement m_days;
  RawStatement m_write;
  RawStatement m_remove;
};

} // namespace octolog

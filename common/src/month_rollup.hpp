#pragma once

#include "raw_statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>

namespace octolog {

// Keeps bucket_month_top holding each UTC month's days added up and its
// busiest 5-minute parts, from its days' in bucket_day_top (see
// month_top()). A flush rebuilds the rows of the months it wrote a day of,
// but for the month it happens in: that one's would change at every flush
// (each about 10 KB written) and no report uses it while the month goes on.
// Once the month is over, a flush builds its row unless there is one: a
// change to one of its days deletes it (schema version 9's triggers). A
// database moving to version 9 gets all of its months' rows again.
class MonthRollup {
public:
  explicit MonthRollup(SQLite::Database& db);

  // Rewrites the row of interface `interface_id`'s month that starts at
  // `month_start_ms` from its days and their tops; removes it when the
  // month has no day, or a day without a top.
  void rebuild(std::int64_t interface_id, std::int64_t month_start_ms);

  // rebuild() unless the month has a row: one built since its days last
  // changed.
  void refresh(std::int64_t interface_id, std::int64_t month_start_ms);

  // Rewrites the row of every month that has days.
  void rebuild_all();

  // refresh() for every month that has days and is over at `now_ms`: one
  // whose row a change to its days deleted gets it back.
  void build_missing(std::int64_t now_ms);

private:
  SQLite::Database& m_db;
  RawStatement m_days;
  RawStatement m_stored;
  RawStatement m_write;
  RawStatement m_remove;
};

} // namespace octolog

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
// Once the month is over, a flush builds its row if its days changed since
// it was last built. A database moving to schema version 8 gets all of its
// months' rows once.
class MonthRollup {
public:
  explicit MonthRollup(SQLite::Database& db);

  // Rewrites the row of interface `interface_id`'s month that starts at
  // `month_start_ms` from its days and their tops; removes it when the
  // month has no day, or a day without a top.
  void rebuild(std::int64_t interface_id, std::int64_t month_start_ms);

  // rebuild() unless the stored row was built from the month's days as
  // they are (their covered time and rx + tx bytes).
  void refresh(std::int64_t interface_id, std::int64_t month_start_ms);

  // Rewrites the row of every month that has days.
  void rebuild_all();

private:
  SQLite::Database& m_db;
  RawStatement m_days;
  RawStatement m_days_sum;
  RawStatement m_stored;
  RawStatement m_write;
  RawStatement m_remove;
};

} // namespace octolog

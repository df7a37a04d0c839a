#pragma once

#include "hour_buckets.hpp"
#include "raw_statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>

namespace octolog {

// Keeps each row of bucket_day equal to the hours of its interface and UTC
// day added up, and bucket_day_top holding the day's busiest 5-minute parts
// (from each hour's profile, or its 5-minute buckets while they are kept):
// the recorder rebuilds the days a flush touched, in the flush's
// transaction, and a database moving to schema version 4 gets all of its
// days once.
class DayRollup {
public:
  explicit DayRollup(SQLite::Database& db);

  // Rewrites the row of interface `interface_id`'s day that starts at
  // `day_start_ms` (a multiple of 24 h) from its hours; removes it when the
  // day has none. Its top comes from each hour's profile, else the hour's
  // 5-minute buckets; it has none where an hour has neither.
  void rebuild(std::int64_t interface_id, std::int64_t day_start_ms);

  // Rewrites the row of every day that has hours.
  void rebuild_all();

private:
  SQLite::Database& m_db;
  StoredHours m_hours;
  RawStatement m_write;
  RawStatement m_write_top;
  RawStatement m_remove;
  RawStatement m_remove_top;
};

} // namespace octolog

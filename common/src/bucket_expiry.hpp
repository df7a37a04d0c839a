#pragma once

#include "hour_buckets.hpp"
#include "raw_statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>

namespace octolog {

// Deletes 5-minute buckets past their retention, whole hours at a time, and
// first stores with each of those hours the profile its buckets make (where
// it has none yet): the profile, kept for ever, then holds what the 95th
// percentile needs of them. Runs inside the flush's transaction, so that no
// hour is ever seen with its buckets gone and no profile.
class BucketExpiry {
public:
  explicit BucketExpiry(SQLite::Database& db);

  // Expires the buckets of interface `interface_id` in the hours that start
  // before `before_ms` (a multiple of an hour). The work is proportional to
  // the buckets that expire: nothing but one lookup when none do.
  void expire(std::int64_t interface_id, std::int64_t before_ms);

private:
  StoredHours m_hours;
  RawStatement m_first;
  RawStatement m_store_profile;
  RawStatement m_delete;
};

} // namespace octolog

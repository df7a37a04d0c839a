#pragma once

#include "octolog/sample_chunk.hpp"
#include "raw_statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <span>
#include <vector>

namespace octolog {

// The sample_minute table: each interface's samples, a chunk of up to 60 per
// row (see encode_chunk), keyed by interface and the UTC minute they start
// in. Writing into a minute that already has samples (a flush ends
// mid-minute) merges with them; expiry removes exactly the samples that end
// at or before a time, rewriting the chunk that straddles it.
class MinuteSamples {
public:
  explicit MinuteSamples(SQLite::Database& db);

  // Adds `samples` (one interface's, in start order, none starting where a
  // stored one does) to interface `interface_id`'s.
  void write(std::int64_t interface_id, std::span<const ChunkSample> samples);

  // Removes interface `interface_id`'s samples that end at or before
  // `cutoff_ms`.
  void expire(std::int64_t interface_id, std::int64_t cutoff_ms);

  // Moves the rows of the `sample` table of schema version 5 (one row a
  // sample) into this one, in the migration to version 6.
  static void move_from_rows(SQLite::Database& db);

private:
  // Replaces the chunks of the minute at `minute_ms` with `samples`, which
  // all start in it, in order.
  void write_minute(std::int64_t interface_id, std::int64_t minute_ms,
                    std::span<const ChunkSample> samples);
  // Writes `samples` (1 to 60, of the minute at `minute_ms`) as the row `key`.
  void put_chunk(std::int64_t interface_id, std::int64_t key, std::int64_t minute_ms,
                 std::span<const ChunkSample> samples);
  // The samples stored for interface `interface_id`'s minute at
  // `minute_ms`, and whether any were.
  bool read_minute(std::int64_t interface_id, std::int64_t minute_ms,
                   std::vector<ChunkSample>& out);

  RawStatement m_read;
  RawStatement m_remove;
  RawStatement m_insert;
  RawStatement m_remove_ended;
  RawStatement m_straddling;
};

} // namespace octolog

#include "schema.hpp"

#include "octolog/store.hpp"

#include "day_rollup.hpp"
#include "minute_samples.hpp"
#include "month_rollup.hpp"
#include "raw_statement.hpp"

namespace octolog::schema {
namespace {

// Version 1. Times are unix milliseconds (UTC), bytes and packets integers,
// rates bytes per second. Tables may change in later versions; the traffic_*
// views are the documented interface and keep their names and columns.
constexpr std::string_view k_version_1 = R"sql(
CREATE TABLE interface (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  ifindex       INTEGER NOT NULL DEFAULT 0,
  kind          TEXT NOT NULL DEFAULT '',
  first_seen_ms INTEGER NOT NULL,
  last_seen_ms  INTEGER NOT NULL
);

-- Sample-resolution deltas that moved traffic; idle time shows only as
-- bucket coverage. flags: 1 = spans a gap in sampling, 2 = clock stepped back,
-- 4 = merged from finer samples while the database could not be written.
CREATE TABLE sample (
  interface_id INTEGER NOT NULL REFERENCES interface(id),
  start_ms     INTEGER NOT NULL,
  end_ms       INTEGER NOT NULL,
  rx_bytes     INTEGER NOT NULL,
  tx_bytes     INTEGER NOT NULL,
  rx_packets   INTEGER NOT NULL,
  tx_packets   INTEGER NOT NULL,
  flags        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (interface_id, start_ms)
) WITHOUT ROWID;

CREATE TABLE bucket_5min (
  interface_id  INTEGER NOT NULL REFERENCES interface(id),
  start_ms      INTEGER NOT NULL,
  rx_bytes      INTEGER NOT NULL,
  tx_bytes      INTEGER NOT NULL,
  rx_packets    INTEGER NOT NULL,
  tx_packets    INTEGER NOT NULL,
  rx_peak_rate  REAL NOT NULL,
  rx_peak_at_ms INTEGER,
  tx_peak_rate  REAL NOT NULL,
  tx_peak_at_ms INTEGER,
  covered_ms    INTEGER NOT NULL,
  PRIMARY KEY (interface_id, start_ms)
) WITHOUT ROWID;

CREATE TABLE bucket_hour (
  interface_id  INTEGER NOT NULL REFERENCES interface(id),
  start_ms      INTEGER NOT NULL,
  rx_bytes      INTEGER NOT NULL,
  tx_bytes      INTEGER NOT NULL,
  rx_packets    INTEGER NOT NULL,
  tx_packets    INTEGER NOT NULL,
  rx_peak_rate  REAL NOT NULL,
  rx_peak_at_ms INTEGER,
  tx_peak_rate  REAL NOT NULL,
  tx_peak_at_ms INTEGER,
  covered_ms    INTEGER NOT NULL,
  PRIMARY KEY (interface_id, start_ms)
) WITHOUT ROWID;

-- The last accounted counter values, so a restart continues exactly. Counters
-- are unsigned 64-bit, stored as the signed integer with the same bits.
CREATE TABLE counter_state (
  interface_id INTEGER PRIMARY KEY REFERENCES interface(id),
  ifindex      INTEGER NOT NULL,
  boot_id      TEXT NOT NULL,
  rx_bytes     INTEGER NOT NULL,
  tx_bytes     INTEGER NOT NULL,
  rx_packets   INTEGER NOT NULL,
  tx_packets   INTEGER NOT NULL,
  width        INTEGER NOT NULL,
  unix_ms      INTEGER NOT NULL,
  boot_ms      INTEGER
);

-- One row per recorder start: when it ran and how it ended.
CREATE TABLE recorder_run (
  id            INTEGER PRIMARY KEY,
  started_ms    INTEGER NOT NULL,
  last_flush_ms INTEGER,
  stopped_ms    INTEGER,
  version       TEXT NOT NULL,
  source        TEXT NOT NULL
);

CREATE VIEW traffic_samples AS
  SELECT i.name AS interface, s.start_ms, s.end_ms, s.rx_bytes, s.tx_bytes,
         s.rx_packets, s.tx_packets
  FROM sample s JOIN interface i ON i.id = s.interface_id;

CREATE VIEW traffic_5min AS
  SELECT i.name AS interface, b.start_ms, b.start_ms + 300000 AS end_ms,
         b.rx_bytes, b.tx_bytes, b.rx_packets, b.tx_packets,
         b.rx_peak_rate, b.rx_peak_at_ms, b.tx_peak_rate, b.tx_peak_at_ms, b.covered_ms
  FROM bucket_5min b JOIN interface i ON i.id = b.interface_id;

CREATE VIEW traffic_hourly AS
  SELECT i.name AS interface, b.start_ms, b.start_ms + 3600000 AS end_ms,
         b.rx_bytes, b.tx_bytes, b.rx_packets, b.tx_packets,
         b.rx_peak_rate, b.rx_peak_at_ms, b.tx_peak_rate, b.tx_peak_at_ms, b.covered_ms
  FROM bucket_hour b JOIN interface i ON i.id = b.interface_id;
)sql";

// Version 2: the time of the latest snapshot accounted, so that readings at
// or before it (a trace replayed again, or after a kill; a wall clock stepped
// back) count nothing twice, even for interfaces that have since vanished.
// Taken over from the newest time a version 1 database holds.
constexpr std::string_view k_version_2 = R"sql(
CREATE TABLE accounted (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  until_ms INTEGER NOT NULL
);
INSERT INTO accounted (id, until_ms)
  SELECT 1, max(t) FROM (SELECT max(unix_ms) AS t FROM counter_state
                         UNION ALL SELECT max(end_ms) FROM sample)
  HAVING max(t) IS NOT NULL;
)sql";

// Version 3: the same data in rows about a third smaller (a year of 5-minute
// buckets and 48 hours of 1-second samples of 8 busy interfaces: 103 MB in
// version 1). Samples and buckets are rowid tables keyed by
// interface_id * 2^42 + start_ms (times from 1970 to 2109): the key is the
// row's address, with no second copy of it in an index, and rows of one
// interface lie together in time order. Values that are nearly always the
// same cost no bytes: a sample's span is NULL when it is one second, a
// bucket stores the time it did not cover (0) and its peaks' offsets from
// its start. Each hour also keeps its 5-minute profile, so that a 95th
// percentile over months reads hours, not buckets. The views keep their
// names, columns and values.
constexpr std::string_view k_version_3 = R"sql(
DROP VIEW traffic_samples;
DROP VIEW traffic_5min;
DROP VIEW traffic_hourly;

-- key = interface_id * 2^42 + start_ms. span_ms = end_ms - start_ms, NULL
-- for 1000. flags: 1 = spans a gap in sampling, 2 = clock stepped back,
-- 4 = merged from finer samples while the database could not be written.
CREATE TABLE sample_v2 (
  key        INTEGER PRIMARY KEY,
  span_ms    INTEGER,
  rx_bytes   INTEGER NOT NULL,
  tx_bytes   INTEGER NOT NULL,
  rx_packets INTEGER NOT NULL,
  tx_packets INTEGER NOT NULL,
  flags      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sample_v2
  SELECT (interface_id << 42) + start_ms, nullif(end_ms - start_ms, 1000),
         rx_bytes, tx_bytes, rx_packets, tx_packets, flags
  FROM sample ORDER BY interface_id, start_ms;
DROP TABLE sample;
ALTER TABLE sample_v2 RENAME TO sample;

-- key = interface_id * 2^42 + start_ms. *_peak_offset_ms: the peak sample's
-- start minus start_ms, NULL when nothing moved. uncovered_ms: the bucket's
-- length minus the time the recorder accounted for.
CREATE TABLE bucket_5min_v2 (
  key               INTEGER PRIMARY KEY,
  rx_bytes          INTEGER NOT NULL,
  tx_bytes          INTEGER NOT NULL,
  rx_packets        INTEGER NOT NULL,
  tx_packets        INTEGER NOT NULL,
  rx_peak_rate      REAL NOT NULL,
  rx_peak_offset_ms INTEGER,
  tx_peak_rate      REAL NOT NULL,
  tx_peak_offset_ms INTEGER,
  uncovered_ms      INTEGER NOT NULL
);
INSERT INTO bucket_5min_v2
  SELECT (interface_id << 42) + start_ms, rx_bytes, tx_bytes, rx_packets, tx_packets,
         rx_peak_rate, rx_peak_at_ms - start_ms, tx_peak_rate, tx_peak_at_ms - start_ms,
         300000 - covered_ms
  FROM bucket_5min ORDER BY interface_id, start_ms;
DROP TABLE bucket_5min;
ALTER TABLE bucket_5min_v2 RENAME TO bucket_5min;

-- profile: the hour's twelve 5-minute parts, what the 95th percentile needs
-- of them, kept after the 5-minute buckets expire: for each part in time
-- order rx bytes, tx bytes and milliseconds not covered, as unsigned LEB128
-- varints. NULL for hours recorded before version 3 (their buckets tell).
CREATE TABLE bucket_hour_v2 (
  key               INTEGER PRIMARY KEY,
  rx_bytes          INTEGER NOT NULL,
  tx_bytes          INTEGER NOT NULL,
  rx_packets        INTEGER NOT NULL,
  tx_packets        INTEGER NOT NULL,
  rx_peak_rate      REAL NOT NULL,
  rx_peak_offset_ms INTEGER,
  tx_peak_rate      REAL NOT NULL,
  tx_peak_offset_ms INTEGER,
  uncovered_ms      INTEGER NOT NULL,
  profile           BLOB
);
INSERT INTO bucket_hour_v2
  SELECT (interface_id << 42) + start_ms, rx_bytes, tx_bytes, rx_packets, tx_packets,
         rx_peak_rate, rx_peak_at_ms - start_ms, tx_peak_rate, tx_peak_at_ms - start_ms,
         3600000 - covered_ms, NULL
  FROM bucket_hour ORDER BY interface_id, start_ms;
DROP TABLE bucket_hour;
ALTER TABLE bucket_hour_v2 RENAME TO bucket_hour;

-- Each interface's rows are one range of keys, so a filter on the name reads
-- only that interface's rows.
CREATE VIEW traffic_samples AS
  SELECT i.name AS interface, s.key - (i.id << 42) AS start_ms,
         s.key - (i.id << 42) + coalesce(s.span_ms, 1000) AS end_ms,
         s.rx_bytes, s.tx_bytes, s.rx_packets, s.tx_packets
  FROM interface i JOIN sample s ON s.key >= (i.id << 42) AND s.key < ((i.id + 1) << 42);

CREATE VIEW traffic_5min AS
  SELECT i.name AS interface, b.key - (i.id << 42) AS start_ms,
         b.key - (i.id << 42) + 300000 AS end_ms,
         b.rx_bytes, b.tx_bytes, b.rx_packets, b.tx_packets,
         b.rx_peak_rate, b.key - (i.id << 42) + b.rx_peak_offset_ms AS rx_peak_at_ms,
         b.tx_peak_rate, b.key - (i.id << 42) + b.tx_peak_offset_ms AS tx_peak_at_ms,
         300000 - b.uncovered_ms AS covered_ms
  FROM interface i JOIN bucket_5min b ON b.key >= (i.id << 42) AND b.key < ((i.id + 1) << 42);

CREATE VIEW traffic_hourly AS
  SELECT i.name AS interface, b.key - (i.id << 42) AS start_ms,
         b.key - (i.id << 42) + 3600000 AS end_ms,
         b.rx_bytes, b.tx_bytes, b.rx_packets, b.tx_packets,
         b.rx_peak_rate, b.key - (i.id << 42) + b.rx_peak_offset_ms AS rx_peak_at_ms,
         b.tx_peak_rate, b.key - (i.id << 42) + b.tx_peak_offset_ms AS tx_peak_at_ms,
         3600000 - b.uncovered_ms AS covered_ms
  FROM interface i JOIN bucket_hour b ON b.key >= (i.id << 42) AND b.key < ((i.id + 1) << 42);
)sql";

// Version 4: UTC days, each the sum of its hours, with its 48 busiest
// 5-minute rates in each direction (770 bytes) in a table of their own, so
// that a report over months reads one row a day: the 95th percentile over
// whole days comes from the days' busiest parts (see DayTop), and the rest
// of a day's parts from its hours only where that is not enough. Ranking
// days by volume reads the narrow day rows alone. Filled from the hours in
// place.
constexpr std::string_view k_version_4 = R"sql(
-- key = interface_id * 2^42 + start_ms of a UTC day. The day's hours added
-- up; *_peak_offset_ms from the day's start.
CREATE TABLE bucket_day (
  key               INTEGER PRIMARY KEY,
  rx_bytes          INTEGER NOT NULL,
  tx_bytes          INTEGER NOT NULL,
  rx_packets        INTEGER NOT NULL,
  tx_packets        INTEGER NOT NULL,
  rx_peak_rate      REAL NOT NULL,
  rx_peak_offset_ms INTEGER,
  tx_peak_rate      REAL NOT NULL,
  tx_peak_offset_ms INTEGER,
  uncovered_ms      INTEGER NOT NULL
);

-- The busiest 5-minute parts of the day of bucket_day with the same key (see
-- DayTop in common/include/octolog/day_top.hpp); no row for a day with an
-- hour that has no profile.
CREATE TABLE bucket_day_top (
  key INTEGER PRIMARY KEY,
  top BLOB NOT NULL
);

CREATE VIEW traffic_daily_utc AS
  SELECT i.name AS interface, d.key - (i.id << 42) AS start_ms,
         d.key - (i.id << 42) + 86400000 AS end_ms,
         d.rx_bytes, d.tx_bytes, d.rx_packets, d.tx_packets,
         d.rx_peak_rate, d.key - (i.id << 42) + d.rx_peak_offset_ms AS rx_peak_at_ms,
         d.tx_peak_rate, d.key - (i.id << 42) + d.tx_peak_offset_ms AS tx_peak_at_ms,
         86400000 - d.uncovered_ms AS covered_ms
  FROM interface i JOIN bucket_day d ON d.key >= (i.id << 42) AND d.key < ((i.id + 1) << 42);
)sql";

// Version 5: each UTC month's busiest 5-minute parts, built from its days'
// (see month_top()), so that a report over months reads a dozen tops where
// it read a year of days' tops. A month's volumes are its days added up.
constexpr std::string_view k_version_5 = R"sql(
-- key = interface_id * 2^42 + start_ms of a UTC month. The busiest parts of
-- the month, from its days' in bucket_day_top (see month_top() in
-- common/include/octolog/day_top.hpp), and the covered time and rx + tx
-- bytes of the days it was built from, added up: a report uses the top only
-- while the month's days still add up to those (the recorder builds a
-- month's top once the month is over, not at every flush inside it). No
-- row for a month with a day that has no top.
CREATE TABLE bucket_month_top (
  key             INTEGER PRIMARY KEY,
  days_covered_ms INTEGER NOT NULL,
  days_bytes      INTEGER NOT NULL,
  top             BLOB NOT NULL
);
)sql";

// Version 6: samples in chunks of up to a minute (see encode_chunk): 8
// bytes a busy second instead of 27 as a row of its own (the 48 hours of
// samples were 40% of a year's database). The view reads each field with
// one short expression; its text is parsed by every connection, and a view
// that read a byte at a time cost each report 0.2 to 0.4 ms.
constexpr std::string_view k_version_6 = R"sql(
-- key = interface_id * 2^42 + the start of a UTC minute + n for the minute's
-- chunk n (0 unless more than 60 samples start in it). span_ms: the end of
-- the chunk's latest sample minus key, NULL for 60000. layout and samples:
-- up to 60 samples that start in the minute, in order, as encode_chunk()
-- writes them (common/include/octolog/sample_chunk.hpp).
CREATE TABLE sample_minute (
  key     INTEGER PRIMARY KEY,
  span_ms INTEGER,
  layout  INTEGER NOT NULL,
  samples BLOB NOT NULL
);

-- Sample n of a chunk is the record at byte o = 1 + n * (layout >> 42 & 127);
-- field k of it the packed decimal between ends k - 1 and k (7 bits each).
DROP VIEW traffic_samples;
CREATE VIEW traffic_samples AS
  WITH slot(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM slot WHERE n < 59),
  record AS (
    SELECT i.name AS interface, c.key - (i.id << 42) - (c.key - (i.id << 42)) % 60000 AS minute_ms,
           n, c.layout AS l, 1 + n * (c.layout >> 42 & 127) AS o, c.samples AS s
    FROM interface i JOIN sample_minute c ON c.key >= (i.id << 42) AND c.key < ((i.id + 1) << 42)
         JOIN slot ON n < length(c.samples) / (c.layout >> 42 & 127)),
  field AS (
    SELECT interface, minute_ms + CASE WHEN l & 127 = 0 THEN ((l >> 49 & 63) + n) * 1000
      ELSE CAST(hex(substr(s, o, l & 127)) AS INTEGER) * (1 + 999 * (l >> 55)) END AS start_ms,
      CAST(hex(substr(s, o + (l & 127), (l >> 7 & 127) - (l & 127))) AS INTEGER) AS span,
      CAST(hex(substr(s, o + (l >> 7 & 127), (l >> 14 & 127) - (l >> 7 & 127))) AS INTEGER) AS flags,
      CAST(hex(substr(s, o + (l >> 14 & 127), (l >> 21 & 127) - (l >> 14 & 127))) AS INTEGER) AS rx,
      CAST(hex(substr(s, o + (l >> 21 & 127), (l >> 28 & 127) - (l >> 21 & 127))) AS INTEGER) AS tx,
      CAST(hex(substr(s, o + (l >> 28 & 127), (l >> 35 & 127) - (l >> 28 & 127))) AS INTEGER) AS rxp,
      CAST(hex(substr(s, o + (l >> 35 & 127), (l >> 42 & 127) - (l >> 35 & 127))) AS INTEGER) AS txp
    FROM record)
  SELECT interface, start_ms, start_ms + CASE WHEN span = 0 THEN 1000 ELSE span END AS end_ms,
         rx AS rx_bytes, tx AS tx_bytes, rxp AS rx_packets, txp AS tx_packets, flags
  FROM field;
)sql";

// Version 7: an hour's profile is stored once its 5-minute buckets expire,
// and is NULL while they are kept: they hold the same parts (7 MB of a year
// of 8 busy interfaces, stored twice). A day's top is made from its hours'
// buckets where they have no profile, so the tops stay as they are.
constexpr std::string_view k_version_7 = R"sql(
-- bucket_hour.profile: NULL while the hour's 5-minute buckets are kept
-- (they give it) and for hours recorded before version 3; written from the
-- buckets when they expire. Cleared below where the buckets are still kept.
)sql";

// Version 8: a UTC month's row holds its days added up beside its busiest
// parts, so that a report over months reads a dozen rows an interface where
// it read and added up a year of days (365 rows of 10 columns: a sixth of
// the instructions of `--month`). Whether the days still add up to it is
// checked from three of their columns. The views, rewritten to parse in
// two thirds of the time, give the same rows.
constexpr std::string_view k_version_8 = R"sql(
-- key = interface_id * 2^42 + start_ms of a UTC month; the other columns as
-- in bucket_day, for the month's days added up (peaks offset from the
-- month's start), and top: the month's busiest parts, from its days' in
-- bucket_day_top (see month_top() in common/include/octolog/day_top.hpp).
-- The recorder writes a month's row once the month is over, not at every
-- flush inside it, and again when one of its days changes (see version 9).
-- No row for a month with a day that has no top.
DROP TABLE bucket_month_top;
CREATE TABLE bucket_month_top (
  key               INTEGER PRIMARY KEY,
  rx_bytes          INTEGER NOT NULL,
  tx_bytes          INTEGER NOT NULL,
  rx_packets        INTEGER NOT NULL,
  tx_packets        INTEGER NOT NULL,
  rx_peak_rate      REAL NOT NULL,
  rx_peak_offset_ms INTEGER,
  tx_peak_rate      REAL NOT NULL,
  tx_peak_offset_ms INTEGER,
  uncovered_ms      INTEGER NOT NULL,
  top               BLOB NOT NULL
);

-- The views again, shorter to parse (every connection parses them, on its
-- first statement: 124 of 198 us of a report's schema parse before, 82
-- after). Columns are unqualified, since a table's name makes each one
-- three parse nodes: the tables joined in a view must share no column name.
-- Inside a view's range, key - (id << 42) is key's low 42 bits.
DROP VIEW traffic_5min;
CREATE VIEW traffic_5min AS
  SELECT name AS interface, key & 0x3FFFFFFFFFF AS start_ms,
         (key & 0x3FFFFFFFFFF) + 300000 AS end_ms,
         rx_bytes, tx_bytes, rx_packets, tx_packets,
         rx_peak_rate, (key & 0x3FFFFFFFFFF) + rx_peak_offset_ms AS rx_peak_at_ms,
         tx_peak_rate, (key & 0x3FFFFFFFFFF) + tx_peak_offset_ms AS tx_peak_at_ms,
         300000 - uncovered_ms AS covered_ms
  FROM interface JOIN bucket_5min ON key >= id << 42 AND key < id + 1 << 42;
DROP VIEW traffic_hourly;
CREATE VIEW traffic_hourly AS
  SELECT name AS interface, key & 0x3FFFFFFFFFF AS start_ms,
         (key & 0x3FFFFFFFFFF) + 3600000 AS end_ms,
         rx_bytes, tx_bytes, rx_packets, tx_packets,
         rx_peak_rate, (key & 0x3FFFFFFFFFF) + rx_peak_offset_ms AS rx_peak_at_ms,
         tx_peak_rate, (key & 0x3FFFFFFFFFF) + tx_peak_offset_ms AS tx_peak_at_ms,
         3600000 - uncovered_ms AS covered_ms
  FROM interface JOIN bucket_hour ON key >= id << 42 AND key < id + 1 << 42;
DROP VIEW traffic_daily_utc;
CREATE VIEW traffic_daily_utc AS
  SELECT name AS interface, key & 0x3FFFFFFFFFF AS start_ms,
         (key & 0x3FFFFFFFFFF) + 86400000 AS end_ms,
         rx_bytes, tx_bytes, rx_packets, tx_packets,
         rx_peak_rate, (key & 0x3FFFFFFFFFF) + rx_peak_offset_ms AS rx_peak_at_ms,
         tx_peak_rate, (key & 0x3FFFFFFFFFF) + tx_peak_offset_ms AS tx_peak_at_ms,
         86400000 - uncovered_ms AS covered_ms
  FROM interface JOIN bucket_day ON key >= id << 42 AND key < id + 1 << 42;
-- e0 to e5: where fields 0 to 5 of a record end (see version 6), o: where
-- the record starts.
DROP VIEW traffic_samples;
CREATE VIEW traffic_samples AS
  WITH slot AS (SELECT 0 AS n UNION ALL SELECT n + 1 FROM slot LIMIT 60)
  SELECT name AS interface, start_ms, start_ms + iif(span, span, 1000) AS end_ms,
    CAST(hex(substr(samples, o + e2, e3 - e2)) AS INTEGER) AS rx_bytes,
    CAST(hex(substr(samples, o + e3, e4 - e3)) AS INTEGER) AS tx_bytes,
    CAST(hex(substr(samples, o + e4, e5 - e4)) AS INTEGER) AS rx_packets,
    CAST(hex(substr(samples, o + e5, (layout >> 42 & 127) - e5)) AS INTEGER) AS tx_packets,
    CAST(hex(substr(samples, o + e1, e2 - e1)) AS INTEGER) AS flags
  FROM (SELECT *, (key & 0x3FFFFFFFFFF) / 60000 * 60000 + iif(e0, CAST(hex(substr(samples, o, e0)) AS INTEGER) * (1 + 999 * (layout >> 55)),
                    ((layout >> 49 & 63) + n) * 1000) AS start_ms,
          CAST(hex(substr(samples, o + e0, e1 - e0)) AS INTEGER) AS span
        FROM (SELECT *, 1 + n * (layout >> 42 & 127) AS o, layout & 127 AS e0, layout >> 7 & 127 AS e1,
                layout >> 14 & 127 AS e2, layout >> 21 & 127 AS e3, layout >> 28 & 127 AS e4, layout >> 35 & 127 AS e5
              FROM interface JOIN sample_minute ON key >= id << 42 AND key < id + 1 << 42
                   JOIN slot ON n < length(samples) / (layout >> 42 & 127)));
)sql";

// Version 9: any change to a day, by the recorder or by hand, deletes its
// month's row in the same statement (three triggers), so that a report uses
// the month rows there are as they are. Before, it read three columns of
// each of the month's days to check that they still added up to the row
// (0.42 M of the 4.4 M instructions of a year's `--month`; every connection
// now parses the triggers instead, 0.15 M), and missed a change that kept
// those sums, such as a day's peak. The recorder builds the row again once
// the month is over; moving to version 9 builds every month's row again.
constexpr std::string_view k_version_9 = R"sql(
-- The month of a day's key k: its row's key is (k >> 42 << 42), the
-- interface's, plus the start of the UTC month of k % 2^42 (ms).
CREATE TRIGGER bucket_day_insert AFTER INSERT ON bucket_day BEGIN
  DELETE FROM bucket_month_top WHERE key = (NEW.key >> 42 << 42)
    + 1000 * strftime('%s', NEW.key % 4398046511104 / 1000, 'unixepoch', 'start of month');
END;
CREATE TRIGGER bucket_day_update AFTER UPDATE ON bucket_day BEGIN
  DELETE FROM bucket_month_top WHERE key IN (
    (OLD.key >> 42 << 42)
      + 1000 * strftime('%s', OLD.key % 4398046511104 / 1000, 'unixepoch', 'start of month'),
    (NEW.key >> 42 << 42)
      + 1000 * strftime('%s', NEW.key % 4398046511104 / 1000, 'unixepoch', 'start of month'));
END;
CREATE TRIGGER bucket_day_delete AFTER DELETE ON bucket_day BEGIN
  DELETE FROM bucket_month_top WHERE key = (OLD.key >> 42 << 42)
    + 1000 * strftime('%s', OLD.key % 4398046511104 / 1000, 'unixepoch', 'start of month');
END;
)sql";

void fill_days(SQLite::Database& db) { DayRollup(db).rebuild_all(); }
void fill_months(SQLite::Database& db) { MonthRollup(db).rebuild_all(); }
void fill_sample_minutes(SQLite::Database& db) {
  MinuteSamples::move_from_rows(db);
  db.exec("DROP TABLE sample");
}

// Clears the profile of each hour from the first one whose 5-minute buckets
// are all kept: from each interface's oldest bucket, rounded up to an hour.
// The hour that the retention has cut into (its first buckets deleted by
// bucket, as before version 7) keeps its profile, and its last buckets
// expire without changing it.
void clear_profiles_of_kept_hours(SQLite::Database& db) {
  RawStatement oldest(db, "SELECT key FROM bucket_5min WHERE key >= ? ORDER BY key LIMIT 1");
  RawStatement clear(db, "UPDATE bucket_hour SET profile = NULL WHERE key >= ? AND key < ?");
  std::int64_t from_key = 0;
  for (;;) {
    oldest.reset();
    oldest.bind(1, from_key);
    if (!oldest.step()) {
      return;
    }
    const std::int64_t key = oldest.integer(0);
    oldest.reset();
    const std::int64_t id = key >> k_row_key_shift;
    const std::int64_t first_whole_hour = floor_to(key - row_key(id, 0) + k_hour_ms - 1, k_hour_ms);
    from_key = row_key(id + 1, 0);
    clear.bind(1, row_key(id, first_whole_hour));
    clear.bind(2, from_key);
    clear.run();
  }
}

} // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> k_migrations{
      {k_version_1},
      {k_version_2},
      {k_version_3},
      {k_version_4, fill_days},
      // Its table is replaced, and filled, by version 8's.
      {k_version_5},
      {k_version_6, fill_sample_minutes},
      {k_version_7, clear_profiles_of_kept_hours},
      // Its table is filled by version 9's.
      {k_version_8},
      {k_version_9, fill_months}};
  return k_migrations;
}

} // namespace octolog::schema

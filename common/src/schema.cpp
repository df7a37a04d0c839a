#include "schema.hpp"

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

} // namespace

const std::vector<std::string_view>& migrations() {
  static const std::vector<std::string_view> k_migrations{k_version_1, k_version_2};
  return k_migrations;
}

} // namespace octolog::schema

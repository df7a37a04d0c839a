#include "octolog/civil_time.hpp"
#include "octolog/day_top.hpp"
#include "octolog/error.hpp"
#include "octolog/hour_profile.hpp"
#include "octolog/store.hpp"

#include "day_rollup.hpp"
#include "month_rollup.hpp"
#include "schema.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <random>

namespace octolog {
namespace {

using testing::TempDir;

constexpr std::int64_t k_edge = 1'780'000'200'000; // a 5-minute edge

std::string error_of(const std::filesystem::path& path, Store::Access access) {
  try {
    Store store(path, access);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

InterfaceCounters interface_named(const std::string& name, std::int64_t ifindex) {
  InterfaceCounters counters;
  counters.name = name;
  counters.ifindex = ifindex;
  counters.kind = "ether";
  return counters;
}

TEST(Store, CreatesTheCurrentSchemaWithOctologsApplicationId) {
  TempDir dir;
  Store store(dir / "sub" / "octolog.db", Store::Access::read_write);
  EXPECT_EQ(store.schema_version(), Store::k_schema_version);
  auto& db = store.database();
  EXPECT_EQ(db.execAndGet("PRAGMA application_id").getInt(), Store::k_application_id);
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
  for (const char* view : {"traffic_samples", "traffic_5min", "traffic_hourly"}) {
    EXPECT_EQ(db.execAndGet(std::string("SELECT count(*) FROM ") + view).getInt(), 0) << view;
  }
}

TEST(Store, WritesSamplesBucketsHoursAndStateInOneFlush) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge - 1000, k_edge + 1000, 2000, 400, 20, 4, 0});
  buffer.add(Delta{"eth0", k_edge + 1000, k_edge + 2000, 0, 0, 0, 0, 0});
  const std::vector<CounterState> state{
      CounterState{"eth0", 2, "boot", 18'446'744'073'709'551'615ULL, 5, 6, 7, 64, k_edge + 2000, 9}};
  store.flush(buffer, state, k_edge + 2000, {interface_named("eth0", 2)}, k_edge + 2000,
              Retention{});

  auto& db = store.database();
  EXPECT_EQ(db.execAndGet("SELECT group_concat((start_ms - " + std::to_string(k_edge) +
                          ") || ':' || rx_bytes || ':' || tx_bytes, ' ') FROM traffic_samples")
                .getString(),
            "-1000:1000:200 0:1000:200");
  EXPECT_EQ(db.execAndGet("SELECT group_concat(rx_bytes || ':' || covered_ms || ':' || "
                          "rx_peak_rate || ':' || (end_ms - start_ms), ' ') FROM traffic_5min")
                .getString(),
            "1000:1000:1000.0:300000 1000:2000:1000.0:300000");
  EXPECT_EQ(db.execAndGet("SELECT sum(rx_bytes) || ':' || sum(covered_ms) FROM traffic_hourly")
                .getString(),
            "2000:3000");
  EXPECT_EQ(store.load_state(), state);
  EXPECT_EQ(store.load_accounted_until(), k_edge + 2000);
}

TEST(Store, AddsLaterFlushesToTheSameBucket) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 100, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 1000, Retention{});
  buffer.clear();
  buffer.add(Delta{"eth0", k_edge + 1000, k_edge + 2000, 300, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 2000, Retention{});
  EXPECT_EQ(store.database()
                .execAndGet("SELECT rx_bytes || ':' || rx_peak_rate || ':' || (rx_peak_at_ms - " +
                            std::to_string(k_edge) + ") || ':' || covered_ms FROM traffic_5min")
                .getString(),
            "400:300.0:1000:2000");
}

// The profile stored with the hour that starts at `hour_ms` (of interface 1).
std::optional<HourProfile> stored_profile(Store& store, std::int64_t hour_ms) {
  SQLite::Statement query(store.database(), "SELECT profile FROM bucket_hour WHERE key = ?");
  query.bind(1, row_key(1, hour_ms));
  if (!query.executeStep() || query.getColumn(0).isNull()) {
    return std::nullopt;
  }
  const auto* data = static_cast<const unsigned char*>(query.getColumn(0).getBlob());
  return decode_profile({data, static_cast<std::size_t>(query.getColumn(0).getBytes())});
}

TEST(Store, WritesHoursWithoutAProfileWhileTheirBucketsAreKept) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  const std::int64_t hour = floor_to(k_edge, k_hour_ms);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge - 1000, k_edge + 1000, 2000, 400, 2, 2, 0});
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 1000, Retention{});
  EXPECT_EQ(stored_profile(store, hour), std::nullopt);
  buffer.clear();
  buffer.add(Delta{"eth0", k_edge + 1000, k_edge + 2000, 300, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 2000, Retention{});
  auto& db = store.database();
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM bucket_hour WHERE profile IS NOT NULL").getInt(), 0);
  EXPECT_EQ(db.execAndGet("SELECT count(*) || ':' || sum(rx_bytes) FROM bucket_5min").getString(),
            "2:2300");
}

TEST(Store, AddsLateTrafficToTheProfileOfAnHourWhoseBucketsExpired) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  const std::int64_t hour = floor_to(k_edge, k_hour_ms);
  const auto part = static_cast<std::size_t>((k_edge - hour) / k_five_minutes_ms);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge - 1000, k_edge + 1000, 2000, 400, 2, 2, 0});
  // Flushed once the hour's buckets have expired: its profile is stored.
  store.flush(buffer, {}, std::nullopt, {}, hour + 6 * k_hour_ms,
              Retention{k_hour_ms, 2 * k_hour_ms});
  HourProfile expected;
  expected.parts[part - 1] = FivePart{1000, 200, 1000};
  expected.parts[part] = FivePart{1000, 200, 1000};
  EXPECT_EQ(stored_profile(store, hour), expected);
  // Traffic that reaches the hour later (a coarse sample from before a long
  // stop) goes into its profile too, and into a bucket while one is kept.
  buffer.clear();
  buffer.add(Delta{"eth0", k_edge + 1000, k_edge + 2000, 300, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, hour + 7 * k_hour_ms, Retention{0, 0});
  expected.parts[part] = FivePart{1300, 200, 2000};
  EXPECT_EQ(stored_profile(store, hour), expected);
  EXPECT_EQ(store.database().execAndGet("SELECT rx_bytes FROM bucket_5min").getInt(), 300);
  EXPECT_EQ(store.database().execAndGet("SELECT rx_bytes FROM bucket_hour").getInt(), 2300);
}

TEST(Store, FillsTheProfileFromBucketsThatExpireInTheSameFlush) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  const std::int64_t hour = floor_to(k_edge, k_hour_ms);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 700, 70, 1, 1, 0});
  // Written 10 hours later with 5-minute buckets kept for 4: a replay of an
  // old trace. The bucket is not stored, its part of the hour is.
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 10 * k_hour_ms,
              Retention{2 * k_hour_ms, 4 * k_hour_ms});
  EXPECT_EQ(store.database().execAndGet("SELECT count(*) FROM bucket_5min").getInt(), 0);
  const auto profile = stored_profile(store, hour);
  ASSERT_TRUE(profile.has_value());
  EXPECT_EQ(profile->parts[static_cast<std::size_t>((k_edge - hour) / k_five_minutes_ms)],
            (FivePart{700, 70, 1000}));
}

TEST(Store, LeavesAnHourStoredWithoutAProfileWithoutOne) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 100, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 1000, Retention{});
  // As a version 2 database migrates once its buckets expired: the hour's
  // earlier parts are unknown.
  store.database().exec("DELETE FROM bucket_5min");
  buffer.clear();
  buffer.add(Delta{"eth0", k_edge + 1000, k_edge + 2000, 100, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 2000, Retention{});
  // Nor does the expiry of the later bucket give it one.
  store.flush(SampleBuffer{}, {}, std::nullopt, {}, k_edge + 10 * k_hour_ms,
              Retention{k_hour_ms, 2 * k_hour_ms});
  EXPECT_FALSE(stored_profile(store, floor_to(k_edge, k_hour_ms)).has_value());
  EXPECT_EQ(store.database().execAndGet("SELECT rx_bytes FROM bucket_hour").getInt(), 200);
  EXPECT_EQ(store.database().execAndGet("SELECT count(*) FROM bucket_5min").getInt(), 0);
}

TEST(Store, KeepsEachUtcDayTheSumOfItsHoursWithItsBusiestParts) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  const std::int64_t day = floor_to(k_edge, k_day_ms);
  const std::int64_t evening = day + 23 * k_hour_ms + 50 * 60'000; // 23:50 UTC
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", day + 1000, day + 2000, 500, 5, 1, 1, 0});
  buffer.add(Delta{"eth0", evening, evening + 1000, 9000, 90, 3, 3, 0});
  store.flush(buffer, {}, std::nullopt, {}, evening + 1000, Retention{});
  buffer.clear();
  // Across midnight: 1000 B on each side.
  buffer.add(Delta{"eth0", day + k_day_ms - 1000, day + k_day_ms + 1000, 2000, 0, 2, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, day + k_day_ms + 1000, Retention{});

  auto& db = store.database();
  // Every column of the view equals its hours added up.
  EXPECT_EQ(db.execAndGet(R"sql(
      SELECT group_concat(d.start_ms || ':' || d.rx_bytes || ',' || d.tx_bytes || ',' ||
                          d.rx_packets || ',' || d.covered_ms || ',' || d.rx_peak_rate || '@' ||
                          d.rx_peak_at_ms, ' ')
      FROM traffic_daily_utc d)sql")
                .getString(),
            std::to_string(day) + ":10500,95,5,3000,9000.0@" + std::to_string(evening) + " " +
                std::to_string(day + k_day_ms) + ":1000,0,1,1000,1000.0@" +
                std::to_string(day + k_day_ms));
  EXPECT_EQ(db.execAndGet(R"sql(
      SELECT count(*) FROM traffic_daily_utc d
      WHERE d.rx_bytes != (SELECT sum(h.rx_bytes) FROM traffic_hourly h
                           WHERE h.start_ms >= d.start_ms AND h.start_ms < d.end_ms))sql")
                .getInt(),
            0);
  // The first day's busiest parts: 23:50 (9000 B), 23:55 (1000 B), 00:00 (500 B).
  const SQLite::Column top =
      db.execAndGet("SELECT top FROM bucket_day_top ORDER BY key LIMIT 1");
  const auto* bytes = static_cast<const unsigned char*>(top.getBlob());
  const auto decoded =
      decode_day_top({bytes, static_cast<std::size_t>(top.getBytes())});
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->parts, 3U);
  EXPECT_EQ(decoded->rx, (std::vector<double>{9000.0, 1000.0, 500.0}));
}

// Turns a database of this version back into one of version 8: without
// the triggers that keep each month's row as fresh as its days.
void back_to_version_8(SQLite::Database& db) {
  db.exec(R"sql(
    DROP TRIGGER bucket_day_insert;
    DROP TRIGGER bucket_day_update;
    DROP TRIGGER bucket_day_delete;
    PRAGMA user_version = 8;)sql");
}

// Turns a database of this version back into one of version 5, whose
// samples were a row each.
void back_to_version_5(SQLite::Database& db) {
  back_to_version_8(db);
  db.exec(R"sql(
    CREATE TABLE sample (
      key        INTEGER PRIMARY KEY,
      span_ms    INTEGER,
      rx_bytes   INTEGER NOT NULL,
      tx_bytes   INTEGER NOT NULL,
      rx_packets INTEGER NOT NULL,
      tx_packets INTEGER NOT NULL,
      flags      INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO sample
      SELECT (i.id << 42) + s.start_ms, nullif(s.end_ms - s.start_ms, 1000), s.rx_bytes,
             s.tx_bytes, s.rx_packets, s.tx_packets, s.flags
      FROM traffic_samples s JOIN interface i ON i.name = s.interface;
    DROP VIEW traffic_samples;
    DROP TABLE sample_minute;
    CREATE VIEW traffic_samples AS
      SELECT i.name AS interface, s.key - (i.id << 42) AS start_ms,
             s.key - (i.id << 42) + coalesce(s.span_ms, 1000) AS end_ms,
             s.rx_bytes, s.tx_bytes, s.rx_packets, s.tx_packets
      FROM interface i JOIN sample s ON s.key >= (i.id << 42) AND s.key < ((i.id + 1) << 42);
    PRAGMA user_version = 5;)sql");
}

// The tops of `table` (bucket_day_top or bucket_month_top) by key, decoded.
std::map<std::int64_t, DayTop> tops_of(SQLite::Database& db, const std::string& table) {
  std::map<std::int64_t, DayTop> tops;
  SQLite::Statement all(db, "SELECT key, top FROM " + table + " ORDER BY key");
  while (all.executeStep()) {
    const SQLite::Column top = all.getColumn(1);
    const std::span<const unsigned char> bytes(static_cast<const unsigned char*>(top.getBlob()),
                                               static_cast<std::size_t>(top.getBytes()));
    const auto decoded =
        table == "bucket_day_top" ? decode_day_top(bytes) : decode_month_top(bytes);
    EXPECT_TRUE(decoded.has_value()) << table;
    tops[all.getColumn(0).getInt64()] = decoded.value_or(DayTop{});
  }
  return tops;
}

TEST(Store, KeepsEachUtcMonthsBusiestPartsFromItsDaysTops) {
  TempDir dir;
  const auto path = dir / "octolog.db";
  const std::int64_t june = days_from_civil({2026, 6, 1}) * k_day_ms;
  const std::int64_t july = days_from_civil({2026, 7, 1}) * k_day_ms;
  {
    Store store(path, Store::Access::read_write);
    // Two busy days at the end of June, in two flushes, then July 1st, and
    // a second interface on June 29th.
    SampleBuffer buffer;
    for (std::int64_t day = july - 2 * k_day_ms; day <= july; day += k_day_ms) {
      for (std::int64_t at = day; at < day + k_day_ms; at += k_five_minutes_ms) {
        const auto bytes = static_cast<std::uint64_t>((at / 60'000) % 97) * 1000;
        buffer.add(Delta{"eth0", at, at + 1000, bytes, bytes / 10, 1, 1, 0});
      }
      if (day == july - 2 * k_day_ms) {
        buffer.add(Delta{"eth1", day, day + 1000, 5, 5, 1, 1, 0});
      }
      store.flush(buffer, {}, std::nullopt, {}, day + k_day_ms, Retention{0, 0});
      buffer.clear();
    }
    auto& db = store.database();
    const auto same_as_days = [&] {
      std::map<std::int64_t, std::vector<DayTop>> by_month;
      for (const auto& [key, top] : tops_of(db, "bucket_day_top")) {
        const std::int64_t id = key >> k_row_key_shift;
        by_month[row_key(id, utc_month_start(key - row_key(id, 0)))].push_back(top);
      }
      for (const auto& [key, top] : tops_of(db, "bucket_month_top")) {
        EXPECT_EQ(top, month_top(by_month.at(key))) << key;
      }
    };
    // June's tops, eth1's built once June was over though no flush since
    // wrote to it; July goes on and has none.
    auto months = tops_of(db, "bucket_month_top");
    EXPECT_EQ(months.size(), 2U);
    same_as_days();
    const std::int64_t eth0_june = row_key(1, june);
    ASSERT_TRUE(months.contains(eth0_june));
    EXPECT_EQ(months.at(eth0_june).parts, 2 * k_parts_per_day);
    EXPECT_TRUE(months.contains(row_key(2, june)));
    EXPECT_FALSE(months.contains(row_key(1, july)));
    // eth1's June: its days added up (30 days long: 2,592,000,000 ms).
    EXPECT_EQ(db.execAndGet("SELECT (2592000000 - uncovered_ms) || ',' || rx_bytes || ',' || "
                            "tx_bytes || ',' || rx_packets || ',' || (rx_peak_offset_ms IS NULL) "
                            "FROM bucket_month_top WHERE key = " +
                            std::to_string(row_key(2, june)))
                  .getString(),
              "1000,5,5,1,0");
    // Late traffic for June rebuilds it.
    buffer.add(Delta{"eth0", july - k_day_ms + 1000, july - k_day_ms + 2000, 1'000'000'000, 0, 1,
                     0, 0});
    store.flush(buffer, {}, std::nullopt, {}, july + k_day_ms, Retention{0, 0});
    months = tops_of(db, "bucket_month_top");
    // June 30's first part: its own second's bytes and 10^9 B more, over the
    // 2 s covered.
    const std::int64_t june_30 = july - k_day_ms;
    const auto first_bytes = static_cast<double>((june_30 / 60'000) % 97 * 1000);
    EXPECT_EQ(months.at(eth0_june).rx.front(), (first_bytes + 1e9) / 2.0);
    same_as_days();

    // Moved back to version 4: the migration builds the same tops again.
    back_to_version_5(db);
    db.exec("DROP TABLE bucket_month_top");
    db.exec("PRAGMA user_version = 4");
  }
  Store store(path, Store::Access::read_write);
  EXPECT_EQ(store.schema_version(), Store::k_schema_version);
  EXPECT_EQ(tops_of(store.database(), "bucket_month_top").size(), 3U); // July's too
}

TEST(Store, TakesTheStartOfTheFirstBucketAsWhenAnInterfaceWasFirstSeen) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge + 65'000, k_edge + 66'000, 100, 0, 1, 0, 0});
  // Flushed ten hours later, as a replay might.
  store.flush(buffer, {}, std::nullopt, {interface_named("eth0", 2)}, k_edge + 10 * k_hour_ms,
              Retention{});
  buffer.clear();
  buffer.add(Delta{"eth0", k_edge + 10 * k_hour_ms, k_edge + 10 * k_hour_ms + 1000, 1, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {interface_named("eth0", 2)}, k_edge + 11 * k_hour_ms,
              Retention{});
  EXPECT_EQ(store.database()
                .execAndGet("SELECT first_seen_ms || ' ' || last_seen_ms FROM interface")
                .getString(),
            std::to_string(k_edge) + " " + std::to_string(k_edge + 11 * k_hour_ms));
}

TEST(Store, DeletesSamplesAndBucketsPastTheirRetentionButKeepsHours) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 100, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 1000, Retention{});
  buffer.clear();
  const std::int64_t later = k_edge + 10 * k_hour_ms;
  store.flush(buffer, {}, std::nullopt, {}, later, Retention{2 * k_hour_ms, 4 * k_hour_ms});
  auto& db = store.database();
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM traffic_samples").getInt(), 0);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM traffic_5min").getInt(), 0);
  EXPECT_EQ(db.execAndGet("SELECT sum(rx_bytes) FROM traffic_hourly").getInt(), 100);
}

// The stored profile of the hour of interface 1 at `hour_ms`, as stored.
std::optional<std::vector<unsigned char>> profile_bytes(Store& store, std::int64_t hour_ms) {
  SQLite::Statement query(store.database(), "SELECT profile FROM bucket_hour WHERE key = ?");
  query.bind(1, row_key(1, hour_ms));
  if (!query.executeStep() || query.getColumn(0).isNull()) {
    return std::nullopt;
  }
  const auto* data = static_cast<const unsigned char*>(query.getColumn(0).getBlob());
  return std::vector<unsigned char>(data, data + query.getColumn(0).getBytes());
}

// The profile that the stored 5-minute buckets of interface 1's hour at
// `hour_ms` make, read through the documented view.
HourProfile profile_of_stored_buckets(Store& store, std::int64_t hour_ms) {
  SQLite::Statement query(store.database(), R"sql(
    SELECT start_ms, rx_bytes, tx_bytes, covered_ms FROM traffic_5min
    WHERE interface = 'eth0' AND start_ms >= ? AND start_ms < ?)sql");
  query.bind(1, hour_ms);
  query.bind(2, hour_ms + k_hour_ms);
  HourProfile profile;
  while (query.executeStep()) {
    BucketTotals bucket;
    bucket.rx_bytes = static_cast<std::uint64_t>(query.getColumn(1).getInt64());
    bucket.tx_bytes = static_cast<std::uint64_t>(query.getColumn(2).getInt64());
    bucket.covered_ms = query.getColumn(3).getInt64();
    profile.add(hour_ms, query.getColumn(0).getInt64(), bucket);
  }
  return profile;
}

int buckets_stored(Store& store) {
  return store.database().execAndGet("SELECT count(*) FROM bucket_5min").getInt();
}

// Three hours of eth0 from `hour`, a delta in every 5-minute bucket, flushed
// with every bucket kept; the hours' profiles left to their buckets.
void record_three_hours(Store& store, std::int64_t hour) {
  SampleBuffer buffer;
  for (std::int64_t at = hour; at < hour + 3 * k_hour_ms; at += k_five_minutes_ms) {
    const auto bytes = static_cast<std::uint64_t>((at / k_five_minutes_ms) % 13 * 1000 + 1);
    buffer.add(Delta{"eth0", at + 5000, at + 65'000, bytes, bytes / 3, 2, 1, 0});
  }
  store.flush(buffer, {}, std::nullopt, {}, hour + 3 * k_hour_ms, Retention{0, 0});
  store.database().exec("UPDATE bucket_hour SET profile = NULL");
}

TEST(Store, ExpiresFiveMinuteBucketsByWholeHoursStoringTheProfileTheyMake) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  const std::int64_t hour = floor_to(k_edge, k_hour_ms);
  record_three_hours(store, hour);
  const HourProfile first = profile_of_stored_buckets(store, hour);
  // The retention ends 25 minutes into the second hour: its first five
  // buckets are past it, but only the first hour ended before it.
  const Retention retention{k_hour_ms, 4 * k_hour_ms};
  store.flush(SampleBuffer{}, {}, std::nullopt, {},
              hour + k_hour_ms + 25 * 60'000 + retention.five_minutes_ms, retention);
  EXPECT_EQ(profile_bytes(store, hour), encode_profile(first));
  EXPECT_EQ(profile_bytes(store, hour + k_hour_ms), std::nullopt);
  EXPECT_EQ(profile_bytes(store, hour + 2 * k_hour_ms), std::nullopt);
  EXPECT_EQ(buckets_stored(store), 24);
  EXPECT_EQ(store.database()
                .execAndGet("SELECT min(start_ms) FROM traffic_5min")
                .getInt64(),
            hour + k_hour_ms);
  // Once the second hour has ended the retention ago, its buckets go too.
  const HourProfile second = profile_of_stored_buckets(store, hour + k_hour_ms);
  store.flush(SampleBuffer{}, {}, std::nullopt, {},
              hour + 2 * k_hour_ms + retention.five_minutes_ms, retention);
  EXPECT_EQ(profile_bytes(store, hour), encode_profile(first));
  EXPECT_EQ(profile_bytes(store, hour + k_hour_ms), encode_profile(second));
  EXPECT_EQ(buckets_stored(store), 12);
}

TEST(Store, KeepsAStoredProfileAndLeavesNoneWhereTheExpiringBucketsFallShort) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  const std::int64_t hour = floor_to(k_edge, k_hour_ms);
  record_three_hours(store, hour);
  // The first hour has a profile of its own (one that a database moving to
  // version 7 keeps with its last buckets); the second is from before
  // profiles, one of its buckets expired already.
  HourProfile own;
  own.parts[0] = FivePart{1, 2, 3};
  SQLite::Statement update(store.database(), "UPDATE bucket_hour SET profile = ? WHERE key = ?");
  const std::vector<unsigned char> own_bytes = encode_profile(own);
  update.bind(1, own_bytes.data(), static_cast<int>(own_bytes.size()));
  update.bind(2, row_key(1, hour));
  update.exec();
  store.database().exec("DELETE FROM bucket_5min WHERE key = " +
                        std::to_string(row_key(1, hour + k_hour_ms)));
  const Retention retention{k_hour_ms, 4 * k_hour_ms};
  store.flush(SampleBuffer{}, {}, std::nullopt, {},
              hour + 2 * k_hour_ms + retention.five_minutes_ms, retention);
  EXPECT_EQ(profile_bytes(store, hour), own_bytes);
  EXPECT_EQ(profile_bytes(store, hour + k_hour_ms), std::nullopt);
  EXPECT_EQ(buckets_stored(store), 12);
}

TEST(Store, RefusesAFileThatIsNotADatabaseAndLeavesItUntouched) {
  TempDir dir;
  const auto path = dir / "garbage.db";
  const std::string garbage(8192, 'x');
  testing::write_file(path, garbage);
  const std::string error = error_of(path, Store::Access::read_write);
  EXPECT_EQ(error, path.string() +
                       " is not an octolog database (file is not a database); left untouched");
  EXPECT_EQ(testing::read_file(path), garbage);
}

TEST(Store, RefusesAnotherProgramsDatabaseAndLeavesItUntouched) {
  TempDir dir;
  const auto path = dir / "other.db";
  {
    SQLite::Database other(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  }
  const std::string before = testing::read_file(path);
  EXPECT_EQ(error_of(path, Store::Access::read_write),
            path.string() + " is an SQLite database of another program, not octolog's; left untouched");
  EXPECT_EQ(testing::read_file(path), before);
}

TEST(Store, RefusesANewerSchemaVersion) {
  TempDir dir;
  const auto path = dir / "future.db";
  {
    Store store(path, Store::Access::read_write);
    store.database().exec("PRAGMA user_version = 99");
  }
  EXPECT_EQ(error_of(path, Store::Access::read_write),
            path.string() + " has schema version 99, newer than this octolog understands (" +
                std::to_string(Store::k_schema_version) + "); use a newer octolog");
}

TEST(Store, KeepsTheLatestAccountedTimeEvenWithoutInterfaces) {
  TempDir dir;
  const auto path = dir / "octolog.db";
  {
    Store store(path, Store::Access::read_write);
    EXPECT_EQ(store.load_accounted_until(), std::nullopt);
    store.flush(SampleBuffer{}, {}, k_edge, {}, k_edge, Retention{});
  }
  Store store(path, Store::Access::read_write);
  EXPECT_TRUE(store.load_state().empty());
  EXPECT_EQ(store.load_accounted_until(), k_edge);
}

TEST(Store, OpensReadOnlyWithoutCreatingAnything) {
  TempDir dir;
  const auto path = dir / "missing.db";
  EXPECT_EQ(error_of(path, Store::Access::read_only),
            "no database at " + path.string() + " (octolog-recorder creates it)");
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Store, ReadsAStoppedRecordersDatabaseWithoutLeavingFilesBehind) {
  TempDir dir;
  const auto path = dir / "octolog.db";
  {
    Store store(path, Store::Access::read_write);
  }
  const std::string before = testing::read_file(path);
  {
    Store store(path, Store::Access::read_only);
    EXPECT_EQ(store.database().execAndGet("SELECT count(*) FROM interface").getInt(), 0);
  }
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"octolog.db"});
  EXPECT_EQ(testing::read_file(path), before);
}

TEST(Store, ReadsADatabaseAWriterHasOpenThroughItsWal) {
  TempDir dir;
  const auto path = dir / "odd name#1%.db"; // URI-special, and legal on Windows
  Store writer(path, Store::Access::read_write);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 100, 0, 1, 0, 0});
  writer.flush(buffer, {}, std::nullopt, {}, k_edge + 1000, Retention{0, 0});
  Store reader(path, Store::Access::read_only);
  EXPECT_EQ(reader.database().execAndGet("SELECT sum(rx_bytes) FROM traffic_samples").getInt(),
            100);
}

TEST(Store, MigratesAnEmptyFileStepByStepToTheCurrentVersion) {
  TempDir dir;
  const auto path = dir / "empty.db";
  testing::write_file(path, "");
  Store store(path, Store::Access::read_write);
  EXPECT_EQ(store.schema_version(), Store::k_schema_version);
  EXPECT_EQ(store.database().execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'view'")
                .getInt(),
            4);
}

// A version 1 database, as octolog 0.1 wrote it, with a sample of 1 s and one
// of 2 s, a bucket with a peak and one without traffic, and an hour.
void write_version_1(const std::filesystem::path& path) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(std::string(schema::migrations().at(0).sql));
  db.exec("PRAGMA application_id = " + std::to_string(Store::k_application_id));
  db.exec("PRAGMA user_version = 1");
  const std::string t = std::to_string(k_edge);
  db.exec("INSERT INTO interface (id, name, ifindex, kind, first_seen_ms, last_seen_ms) VALUES "
          "(1, 'eth0', 2, 'ether', " + t + ", " + t + "), (2, 'wlan0', 3, 'wlan', " + t + ", " +
          t + ")");
  db.exec("INSERT INTO sample VALUES (1, " + t + ", " + t + " + 1000, 5000, 600, 7, 8, 0), (2, " +
          t + " + 1000, " + t + " + 3000, 18446744073709551615 & 9223372036854775807, 2, 3, 4, 1)");
  db.exec("INSERT INTO bucket_5min VALUES (1, " + t + ", 5000, 600, 7, 8, 5000.0, " + t +
          ", 600.0, " + t + ", 1000), (2, " + t + ", 0, 0, 0, 0, 0.0, NULL, 0.0, NULL, 300000)");
  db.exec("INSERT INTO bucket_hour VALUES (1, " + t + " - 1200000, 5000, 600, 7, 8, 2500.5, " + t +
          " + 1000, 600.0, " + t + ", 1000)");
  db.exec("INSERT INTO counter_state VALUES (1, 2, 'boot', -1, 5, 6, 7, 64, " + t + ", 9)");
}

std::string dump(SQLite::Database& db, const std::string& view) {
  return db.execAndGet("SELECT group_concat(line, ' | ') FROM (SELECT " +
                       std::string("interface || ',' || start_ms || ',' || end_ms || ',' || "
                                   "rx_bytes || ',' || tx_bytes || ',' || rx_packets || ',' || "
                                   "tx_packets") +
                       (view == "traffic_samples"
                            ? std::string()
                            : " || ',' || rx_peak_rate || ',' || ifnull(rx_peak_at_ms, 'null') "
                              "|| ',' || tx_peak_rate || ',' || ifnull(tx_peak_at_ms, 'null') || "
                              "',' || covered_ms") +
                       " AS line FROM " + view + " ORDER BY interface, start_ms)")
      .getString();
}

TEST(Store, MigratesVersion1KeepingEveryViewRowAndTheCounterState) {
  TempDir dir;
  const auto path = dir / "v1.db";
  write_version_1(path);
  std::map<std::string, std::string> before;
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    for (const char* view : {"traffic_samples", "traffic_5min", "traffic_hourly"}) {
      before[view] = dump(db, view);
      EXPECT_NE(before[view], "") << view;
    }
  }
  Store store(path, Store::Access::read_write);
  EXPECT_EQ(store.schema_version(), Store::k_schema_version);
  for (const auto& [view, rows] : before) {
    EXPECT_EQ(dump(store.database(), view), rows) << view;
  }
  // Its UTC day, filled from its one hour, whose top comes from the hour's
  // 5-minute bucket: the hour has no profile (from before version 3), but
  // its buckets are all there.
  EXPECT_EQ(dump(store.database(), "traffic_daily_utc"),
            "eth0," + std::to_string(k_edge / k_day_ms * k_day_ms) + "," +
                std::to_string(k_edge / k_day_ms * k_day_ms + k_day_ms) +
                ",5000,600,7,8,2500.5," + std::to_string(k_edge + 1000) + ",600.0," +
                std::to_string(k_edge) + ",1000");
  const auto day_tops = tops_of(store.database(), "bucket_day_top");
  ASSERT_EQ(day_tops.size(), 1U);
  EXPECT_EQ(day_tops.begin()->second, (DayTop{1, {5000.0}, {600.0}}));
  EXPECT_EQ(store.database().execAndGet("SELECT count(*) FROM bucket_month_top").getInt(), 1);
  // The same columns in the same order, and the same types.
  EXPECT_EQ(store.database()
                .execAndGet("SELECT typeof(start_ms) || typeof(rx_peak_rate) || "
                            "typeof(rx_peak_at_ms) || typeof(covered_ms) FROM traffic_5min "
                            "WHERE interface = 'eth0'")
                .getString(),
            "integerrealintegerinteger");
  const std::vector<CounterState> state = store.load_state();
  ASSERT_EQ(state.size(), 1U);
  EXPECT_EQ(state[0].rx_bytes, 18'446'744'073'709'551'615ULL);

  // Later flushes add to the migrated rows.
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge + 3000, k_edge + 4000, 100, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 4000, Retention{0, 0});
  EXPECT_EQ(store.database()
                .execAndGet("SELECT rx_bytes || ',' || covered_ms || ',' || rx_peak_rate FROM "
                            "traffic_5min WHERE interface = 'eth0'")
                .getString(),
            "5100,2000,5000.0");
}

TEST(Store, MigratesAVersionOneDatabaseTakingItsNewestTimeAsAccounted) {
  TempDir dir;
  const auto path = dir / "v1.db";
  write_version_1(path);
  Store store(path, Store::Access::read_write);
  EXPECT_EQ(store.schema_version(), Store::k_schema_version);
  // The newest of the counter state's time and the samples' ends.
  EXPECT_EQ(store.load_accounted_until(), k_edge + 3000);
}

// Every hour's profile as stored, by key (NULL as nullopt).
std::map<std::int64_t, std::optional<std::vector<unsigned char>>> all_profiles(SQLite::Database& db) {
  std::map<std::int64_t, std::optional<std::vector<unsigned char>>> profiles;
  SQLite::Statement all(db, "SELECT key, profile FROM bucket_hour ORDER BY key");
  while (all.executeStep()) {
    const SQLite::Column profile = all.getColumn(1);
    const auto* data = static_cast<const unsigned char*>(profile.getBlob());
    profiles[all.getColumn(0).getInt64()] =
        profile.isNull() ? std::nullopt
                         : std::optional{std::vector<unsigned char>(data, data + profile.getBytes())};
  }
  return profiles;
}

// Three days of three interfaces across the end of June, as version 6 left
// them: every hour with the profile of its 5-minute parts, and buckets
// expired by bucket (eth0's up to 05:25 on June 30th: the hour from 05:00
// has its last seven; eth2's all; eth1's none). eth1 was not recorded
// for a few minutes now and then.
void write_version_6(const std::filesystem::path& path, std::int64_t eth0_cut_ms) {
  const std::int64_t june_29 = days_from_civil({2026, 6, 29}) * k_day_ms;
  Store store(path, Store::Access::read_write);
  SampleBuffer buffer;
  for (std::int64_t at = june_29; at < june_29 + 3 * k_day_ms; at += k_five_minutes_ms) {
    const auto bytes = static_cast<std::uint64_t>((at / k_five_minutes_ms) % 101 * 997);
    for (const char* name : {"eth0", "eth1", "eth2"}) {
      if (std::string(name) == "eth1" && (at / k_five_minutes_ms) % 37 == 0) {
        continue;
      }
      buffer.add(Delta{name, at + 1000, at + 240'000, bytes, bytes / 7, 3, 2, 0});
    }
  }
  store.flush(buffer, {}, std::nullopt, {}, june_29 + 3 * k_day_ms, Retention{0, 0});
  auto& db = store.database();
  for (const auto& [key, profile] : all_profiles(db)) {
    const std::int64_t id = key >> k_row_key_shift;
    const std::int64_t hour_ms = key - row_key(id, 0);
    SQLite::Statement buckets(db, R"sql(
      SELECT key, rx_bytes, tx_bytes, 300000 - uncovered_ms FROM bucket_5min
      WHERE key >= ? AND key < ?)sql");
    buckets.bind(1, key);
    buckets.bind(2, key + k_hour_ms);
    HourProfile made;
    while (buckets.executeStep()) {
      BucketTotals bucket;
      bucket.rx_bytes = static_cast<std::uint64_t>(buckets.getColumn(1).getInt64());
      bucket.tx_bytes = static_cast<std::uint64_t>(buckets.getColumn(2).getInt64());
      bucket.covered_ms = buckets.getColumn(3).getInt64();
      made.add(hour_ms, buckets.getColumn(0).getInt64() - row_key(id, 0), bucket);
    }
    SQLite::Statement update(db, "UPDATE bucket_hour SET profile = ? WHERE key = ?");
    const std::vector<unsigned char> bytes = encode_profile(made);
    update.bind(1, bytes.data(), static_cast<int>(bytes.size()));
    update.bind(2, key);
    update.exec();
  }
  db.exec("DELETE FROM bucket_5min WHERE key >= " + std::to_string(row_key(1, 0)) +
          " AND key < " + std::to_string(row_key(1, eth0_cut_ms)));
  db.exec("DELETE FROM bucket_5min WHERE key >= " + std::to_string(row_key(3, 0)));
  back_to_version_8(db);
  db.exec("PRAGMA user_version = 6");
}

TEST(Store, MigratesVersion6ClearingTheProfilesOfHoursWhoseBucketsAreAllKept) {
  TempDir dir;
  const auto path = dir / "v6.db";
  const std::int64_t june_30 = days_from_civil({2026, 6, 30}) * k_day_ms;
  const std::int64_t cut = june_30 + 5 * k_hour_ms + 25 * 60'000;
  write_version_6(path, cut);
  std::map<std::int64_t, std::optional<std::vector<unsigned char>>> before;
  std::map<std::int64_t, DayTop> days_before;
  std::map<std::int64_t, DayTop> months_before;
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    before = all_profiles(db);
    days_before = tops_of(db, "bucket_day_top");
    months_before = tops_of(db, "bucket_month_top");
  }
  ASSERT_EQ(before.size(), 3U * 72U);
  ASSERT_EQ(days_before.size(), 9U);
  ASSERT_EQ(months_before.size(), 3U); // June's; July goes on

  Store store(path, Store::Access::read_write);
  EXPECT_EQ(store.schema_version(), Store::k_schema_version);
  auto& db = store.database();
  const auto after = all_profiles(db);
  ASSERT_EQ(after.size(), before.size());
  int cleared = 0;
  for (const auto& [key, profile] : after) {
    const std::int64_t id = key >> k_row_key_shift;
    const std::int64_t hour_ms = key - row_key(id, 0);
    // eth0 from 06:00 on June 30th (its first whole hour of buckets), all of
    // eth1, none of eth2.
    const bool kept = id == 3 || (id == 1 && hour_ms < june_30 + 6 * k_hour_ms);
    ASSERT_TRUE(before.at(key).has_value());
    EXPECT_EQ(profile, kept ? before.at(key) : std::nullopt) << id << " " << hour_ms;
    cleared += kept ? 0 : 1;
  }
  EXPECT_EQ(cleared, 72 + 72 - 30);
  // The tops are as they were, and as built again from what is stored now
  // (moving to version 8 built the running July's too).
  const auto june_tops = [&] {
    auto tops = tops_of(db, "bucket_month_top");
    std::erase_if(tops, [&](const auto& top) { return !months_before.contains(top.first); });
    return tops;
  };
  EXPECT_EQ(tops_of(db, "bucket_day_top"), days_before);
  EXPECT_EQ(june_tops(), months_before);
  DayRollup(db).rebuild_all();
  MonthRollup months(db);
  for (const auto& [key, top] : months_before) {
    const std::int64_t id = key >> k_row_key_shift;
    months.rebuild(id, key - row_key(id, 0));
  }
  EXPECT_EQ(tops_of(db, "bucket_day_top"), days_before);
  EXPECT_EQ(june_tops(), months_before);

  // Once the hour the retention cut into and the next have expired, the
  // first keeps its profile, the next gets the one it had in version 5.
  const Retention retention{k_hour_ms, 24 * k_hour_ms};
  store.flush(SampleBuffer{}, {}, std::nullopt, {},
              june_30 + 7 * k_hour_ms + retention.five_minutes_ms, retention);
  EXPECT_EQ(all_profiles(db).at(row_key(1, june_30 + 5 * k_hour_ms)),
            before.at(row_key(1, june_30 + 5 * k_hour_ms)));
  EXPECT_EQ(all_profiles(db).at(row_key(1, june_30 + 6 * k_hour_ms)),
            before.at(row_key(1, june_30 + 6 * k_hour_ms)));
  EXPECT_EQ(all_profiles(db).at(row_key(1, june_30 + 7 * k_hour_ms)), std::nullopt);
}

TEST(Store, KeepsRowsOfEachInterfaceApartInTheViews) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  SampleBuffer buffer;
  buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 100, 0, 1, 0, 0});
  buffer.add(Delta{"wlan0", k_edge, k_edge + 2000, 300, 0, 1, 0, 0});
  store.flush(buffer, {}, std::nullopt, {}, k_edge + 2000, Retention{0, 0});
  EXPECT_EQ(dump(store.database(), "traffic_samples"),
            "eth0," + std::to_string(k_edge) + "," + std::to_string(k_edge + 1000) +
                ",100,0,1,0 | wlan0," + std::to_string(k_edge) + "," +
                std::to_string(k_edge + 2000) + ",300,0,1,0");
  EXPECT_EQ(store.database()
                .execAndGet("SELECT count(*) FROM traffic_hourly WHERE interface = 'wlan0'")
                .getInt(),
            1);
}

// Samples of every kind the recorder writes, none crossing a 5-minute edge
// (the buffer would split it) and each moving something: busy seconds, idle
// ones, starts off the second, long and short spans, flags, counts up to
// 2^63 - 1, and a minute of more samples than a chunk holds.
std::vector<Delta> varied_samples(const std::string& name, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<Delta> samples;
  const auto add = [&](std::int64_t start, std::int64_t end, std::uint32_t flags = 0) {
    const unsigned bits = 1 + static_cast<unsigned>(random() % 63);
    const std::uint64_t rx = random() >> (64 - bits);
    samples.push_back(Delta{name, start, end, rx, random() % 3 == 0 ? 0 : random() % 5000,
                            1 + random() % 9, random() % 9, flags});
  };
  std::int64_t t = k_edge;
  for (; t < k_edge + 150'000; t += 1000) { // dense
    add(t, t + 1000);
  }
  for (t += 3000; t < k_edge + 280'000; t += 1000 * (1 + static_cast<std::int64_t>(random() % 4))) {
    add(t, t + 1000); // idle seconds between
  }
  add(k_edge + 280'000, k_edge + 300'000, 1);       // spans a gap, up to the edge
  for (t = k_edge + 300'123; t < k_edge + 360'000; t += 250) { // 4 a second
    add(t, t + 250);
  }
  add(k_edge + 360'000, k_edge + 360'007, 2);
  add(k_edge + 360'007, k_edge + 361'000, 4);
  // The largest count the view shows (SQL integers are signed).
  constexpr auto k_largest = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  samples.push_back(Delta{name, k_edge + 361'000, k_edge + 362'000, k_largest, k_largest, 1, 1, 0});
  return samples;
}

std::string rows_of(const std::vector<Delta>& samples) {
  std::vector<std::string> rows;
  for (const Delta& d : samples) {
    rows.push_back(d.interface + "," + std::to_string(d.start_ms) + "," +
                   std::to_string(d.end_ms) + "," +
                   std::to_string(static_cast<std::int64_t>(d.rx_bytes)) + "," +
                   std::to_string(static_cast<std::int64_t>(d.tx_bytes)) + "," +
                   std::to_string(d.rx_packets) + "," + std::to_string(d.tx_packets));
  }
  std::sort(rows.begin(), rows.end());
  std::string all;
  for (const std::string& row : rows) {
    all += (all.empty() ? "" : " | ") + row;
  }
  return all;
}

// Flushes `samples` (in time order) in flushes that end every 37 s: most end
// inside a minute that the next one writes more of.
void flush_in_steps(Store& store, const std::vector<Delta>& samples, const Retention& retention) {
  SampleBuffer buffer;
  std::int64_t next_flush = k_edge + 37'000;
  for (const Delta& delta : samples) {
    if (delta.start_ms >= next_flush) {
      store.flush(buffer, {}, std::nullopt, {}, next_flush, retention);
      buffer.clear();
      next_flush += 37'000;
    }
    buffer.add(delta);
  }
  store.flush(buffer, {}, std::nullopt, {}, next_flush + k_hour_ms, retention);
}

TEST(Store, KeepsEverySampleExactlyThroughFlushesThatEndInsideAMinute) {
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  std::vector<Delta> samples = varied_samples("eth0", 1);
  const std::vector<Delta> wlan = varied_samples("wlan0", 2);
  samples.insert(samples.end(), wlan.begin(), wlan.end());
  std::stable_sort(samples.begin(), samples.end(),
                   [](const Delta& a, const Delta& b) { return a.start_ms < b.start_ms; });
  flush_in_steps(store, samples, Retention{0, 0});
  EXPECT_EQ(dump(store.database(), "traffic_samples"), rows_of(samples));
  std::string flagged;
  for (const Delta& d : samples) {
    if (d.flags != 0) {
      flagged += (flagged.empty() ? "" : ",") + d.interface + ":" + std::to_string(d.start_ms) +
                 ":" + std::to_string(d.flags);
    }
  }
  EXPECT_EQ(store.database()
                .execAndGet("SELECT group_concat(interface || ':' || start_ms || ':' || flags) "
                            "FROM (SELECT * FROM traffic_samples WHERE flags != 0 "
                            "ORDER BY start_ms, interface)")
                .getString(),
            flagged);
  // No chunk holds more than 60 samples or 228 bytes of them (four to a
  // 1 KiB page): the minute of 4 samples a second takes at least four.
  EXPECT_LE(store.database().execAndGet("SELECT max(length(samples)) FROM sample_minute").getInt(),
            228);
  EXPECT_GE(store.database()
                .execAndGet("SELECT count(*) FROM sample_minute WHERE key >> 42 = 1 AND "
                            "key - (1 << 42) BETWEEN " + std::to_string(k_edge + 300'000) +
                            " AND " + std::to_string(k_edge + 359'999))
                .getInt(),
            4);
}

TEST(Store, ExpiresExactlyTheSamplesThatEndedBeforeTheirRetention) {
  for (const std::int64_t cutoff : {k_edge + 60'000, k_edge + 100'500, k_edge + 330'010,
                                    k_edge + 360'003, k_edge + 400'000}) {
    TempDir dir;
    Store store(dir / "octolog.db", Store::Access::read_write);
    const std::vector<Delta> samples = varied_samples("eth0", 3);
    flush_in_steps(store, samples, Retention{0, 0});
    // Retention of 1 h: the flush an hour after `cutoff` expires up to it.
    store.flush(SampleBuffer{}, {}, std::nullopt, {}, cutoff + k_hour_ms,
                Retention{k_hour_ms, 0});
    std::vector<Delta> kept;
    std::copy_if(samples.begin(), samples.end(), std::back_inserter(kept),
                 [&](const Delta& d) { return d.end_ms > cutoff; });
    EXPECT_EQ(dump(store.database(), "traffic_samples"), rows_of(kept)) << cutoff - k_edge;
  }
}

TEST(Store, MigratesVersion5SamplesIntoMinuteChunks) {
  TempDir dir;
  const auto path = dir / "octolog.db";
  std::string before;
  std::string chunks;
  const auto chunks_of = [](Store& store) {
    return store.database()
        .execAndGet("SELECT group_concat(key || ':' || layout || ':' || hex(samples)) "
                    "FROM sample_minute")
        .getString();
  };
  {
    Store store(path, Store::Access::read_write);
    flush_in_steps(store, varied_samples("eth0", 4), Retention{0, 0});
    before = dump(store.database(), "traffic_samples");
    chunks = chunks_of(store);
    back_to_version_5(store.database());
    ASSERT_EQ(dump(store.database(), "traffic_samples"), before);
    ASSERT_GT(store.database().execAndGet("SELECT count(*) FROM sample").getInt(), 400);
  }
  Store store(path, Store::Access::read_write);
  EXPECT_EQ(store.schema_version(), Store::k_schema_version);
  EXPECT_EQ(dump(store.database(), "traffic_samples"), before);
  EXPECT_EQ(store.database()
                .execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'sample'")
                .getInt(),
            0);
  // The same chunks as the recorder wrote, though written in flushes.
  EXPECT_EQ(chunks_of(store), chunks);
}

} // namespace
} // namespace octolog

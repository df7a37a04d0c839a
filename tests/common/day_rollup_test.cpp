#include "octolog/day_top.hpp"
#include "octolog/hour_profile.hpp"
#include "octolog/store.hpp"

#include "day_rollup.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace octolog {
namespace {

using testing::TempDir;

constexpr std::int64_t k_day = 1'780'012'800'000; // a UTC midnight

// A random day of eth0 (interface 1), flushed with every 5-minute bucket
// kept: in each part, none to three deltas inside it, some idle, some parts
// not covered at all. `profiles` gets what each hour's twelve parts moved.
std::vector<HourProfile> record_random_day(Store& store, std::mt19937_64& random) {
  std::vector<HourProfile> profiles(24);
  SampleBuffer buffer;
  for (std::size_t part = 0; part < k_parts_per_day; ++part) {
    std::int64_t at = k_day + static_cast<std::int64_t>(part) * k_five_minutes_ms;
    const std::int64_t part_end = at + k_five_minutes_ms;
    for (auto deltas = random() % 4; deltas > 0; --deltas) {
      at += static_cast<std::int64_t>(random() % 20) * 1000;
      const std::int64_t end = std::min(part_end, at + 1000 + static_cast<std::int64_t>(random() % 120) * 1000);
      // A busy part now and then: the day's top is not just any part.
      const std::uint64_t scale = random() % 10 == 0 ? 1000 : 1;
      const std::uint64_t rx = random() % 3 == 0 ? 0 : (random() % 100'000) * scale;
      const std::uint64_t tx = rx / (1 + random() % 9);
      buffer.add(Delta{"eth0", at, end, rx, tx, rx / 1000, tx / 1000, 0});
      FivePart& five = profiles[part / k_parts_per_hour].parts[part % k_parts_per_hour];
      five.rx_bytes += rx;
      five.tx_bytes += tx;
      five.covered_ms += end - at;
      at = end;
    }
  }
  store.flush(buffer, {}, std::nullopt, {}, k_day + k_day_ms, Retention{0, 0});
  return profiles;
}

std::optional<DayTop> stored_top(SQLite::Database& db) {
  SQLite::Statement query(db, "SELECT top FROM bucket_day_top WHERE key = ?");
  query.bind(1, row_key(1, k_day));
  if (!query.executeStep()) {
    return std::nullopt;
  }
  const SQLite::Column top = query.getColumn(0);
  return decode_day_top({static_cast<const unsigned char*>(top.getBlob()),
                         static_cast<std::size_t>(top.getBytes())});
}

// Stores `profile` with the hour at `hour_ms` and deletes its 5-minute
// buckets, as their expiry does; or, without one, leaves the buckets and
// clears the hour's profile.
void archive(SQLite::Database& db, std::int64_t hour_ms, const std::optional<HourProfile>& profile) {
  const std::int64_t key = row_key(1, hour_ms);
  if (!profile) {
    db.exec("UPDATE bucket_hour SET profile = NULL WHERE key = " + std::to_string(key));
    return;
  }
  SQLite::Statement update(db, "UPDATE bucket_hour SET profile = ? WHERE key = ?");
  const std::vector<unsigned char> bytes = encode_profile(*profile);
  update.bind(1, bytes.data(), static_cast<int>(bytes.size()));
  update.bind(2, key);
  update.exec();
  db.exec("DELETE FROM bucket_5min WHERE key >= " + std::to_string(key) + " AND key < " +
          std::to_string(key + k_hour_ms));
}

// Random days, each hour given by its stored profile or by its buckets (at
// random): the day's top is always the one of its true profiles.
TEST(DayRollup, BuildsTheSameTopFromBucketsAsFromProfiles) {
  std::mt19937_64 random(61);
  for (int day_case = 0; day_case < 40; ++day_case) {
    const std::mt19937_64 day_random = random; // the same day for each mix
    random.discard(100'000);
    // From buckets alone, from profiles alone, and from a mix.
    for (const int mix : {0, 1, 2}) {
      TempDir dir;
      Store store(dir / "octolog.db", Store::Access::read_write);
      auto& db = store.database();
      std::mt19937_64 recording = day_random;
      const std::vector<HourProfile> profiles = record_random_day(store, recording);
      for (std::size_t hour = 0; hour < profiles.size(); ++hour) {
        const bool archived = mix == 1 || (mix == 2 && random() % 2 == 0);
        const std::int64_t hour_ms = k_day + static_cast<std::int64_t>(hour) * k_hour_ms;
        archive(db, hour_ms, archived ? std::optional{profiles[hour]} : std::nullopt);
      }
      DayRollup(db).rebuild(1, k_day);
      ASSERT_EQ(stored_top(db), day_top(profiles)) << "case " << day_case << ", mix " << mix;
    }
  }
}

TEST(DayRollup, GivesNoTopToADayWithAnHourThatHasNeitherProfileNorBuckets) {
  std::mt19937_64 random(5);
  TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  auto& db = store.database();
  const std::vector<HourProfile> profiles = record_random_day(store, random);
  db.exec("UPDATE bucket_hour SET profile = NULL"); // every hour from its buckets
  DayRollup(db).rebuild(1, k_day);
  EXPECT_EQ(stored_top(db), day_top(profiles));
  // Hour 5 from before profiles, its buckets expired; then one of hour 6's
  // buckets gone too: the rest no longer add up to it.
  archive(db, k_day + 5 * k_hour_ms, std::nullopt);
  db.exec("DELETE FROM bucket_5min WHERE key >= " + std::to_string(row_key(1, k_day + 5 * k_hour_ms)) +
          " AND key < " + std::to_string(row_key(1, k_day + 6 * k_hour_ms)));
  DayRollup(db).rebuild(1, k_day);
  EXPECT_EQ(stored_top(db), std::nullopt);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM bucket_day").getInt(), 1);
  archive(db, k_day + 5 * k_hour_ms, profiles[5]);
  DayRollup(db).rebuild(1, k_day);
  EXPECT_EQ(stored_top(db), day_top(profiles));
  db.exec("UPDATE bucket_hour SET profile = NULL WHERE key = " +
          std::to_string(row_key(1, k_day + 6 * k_hour_ms)));
  db.exec("DELETE FROM bucket_5min WHERE key = (SELECT min(key) FROM bucket_5min WHERE key >= " +
          std::to_string(row_key(1, k_day + 6 * k_hour_ms)) + ")");
  DayRollup(db).rebuild(1, k_day);
  EXPECT_EQ(stored_top(db), std::nullopt);
}

} // namespace
} // namespace octolog

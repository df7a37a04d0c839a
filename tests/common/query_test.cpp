#include "temp_dir.hpp"

#include "octolog/civil_time.hpp"
#include "octolog/error.hpp"
#include "octolog/query.hpp"

#include "hour_buckets.hpp"

#include <gtest/gtest.h>

#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <random>
#include <sstream>
#include <string>

namespace octolog {
namespace {

using testing::TempDir;

constexpr std::int64_t k_t0 = 1'780'002'000'000; // an hour edge (UTC)
constexpr std::int64_t k_five = k_five_minutes_ms;

// A database holding eth0: 1 s samples of 1000 B rx at the start of each of
// the hour's twelve buckets plus one 2 s sample of 4000 B across k_t0 + 10 min,
// and wlan0 with one sample.
class QueryTest : public ::testing::Test {
protected:
  void SetUp() override {
    Store store(m_dir / "octolog.db", Store::Access::read_write);
    SampleBuffer buffer;
    for (int i = 0; i < 12; ++i) {
      const std::int64_t start = k_t0 + i * k_five + 60'000;
      buffer.add(Delta{"eth0", start, start + 1000, 1000, 10, 1, 1, 0});
    }
    buffer.add(Delta{"eth0", k_t0 + 2 * k_five - 1000, k_t0 + 2 * k_five + 1000, 4000, 0, 2, 0, 0});
    buffer.add(Delta{"wlan0", k_t0, k_t0 + 1000, 5, 5, 1, 1, 0});
    store.flush(buffer, {}, std::nullopt, {}, k_t0, Retention{0, 0});
  }

  Store open() { return Store(m_dir / "octolog.db", Store::Access::read_write); }

  TempDir m_dir;
};

// Every figure of `m`, doubles exactly.
std::string figures(const Measurement& m) {
  std::ostringstream out;
  out << std::hexfloat << m.length_ms << ' ' << m.elapsed_ms << ' ' << m.expected_ms << ' '
      << m.covered_ms << ' ' << m.rx_bytes << ' ' << m.tx_bytes << ' ' << m.rx_peak.rate << '@'
      << m.rx_peak.at_ms.value_or(-1) << ' ' << m.tx_peak.rate << '@'
      << m.tx_peak.at_ms.value_or(-1) << ' ' << m.rx_p95 << ' ' << m.tx_p95;
  return out.str();
}

// Gives every hour of the database at `path` the profile that its buckets
// make, as their expiry stores it, and keeps the buckets.
void store_every_profile(const std::filesystem::path& path) {
  Store store(path, Store::Access::read_write);
  auto& db = store.database();
  StoredHours hours(db);
  SQLite::Statement update(db, "UPDATE bucket_hour SET profile = ? WHERE key = ?");
  for (const std::int64_t id : {1, 2}) {
    std::vector<Slot> slots = hours.read(id, 0, k_row_key_time_limit);
    hours.add_bucket_profiles(id, slots);
    for (const Slot& hour : slots) {
      ASSERT_NE(hour.profile, nullptr);
      const std::vector<unsigned char> bytes = encode_profile(*hour.profile);
      update.reset();
      update.bind(1, bytes.data(), static_cast<int>(bytes.size()));
      update.bind(2, row_key(id, hour.start_ms));
      update.exec();
    }
  }
}

TEST_F(QueryTest, ListsTheRecordedInterfacesByName) {
  Store store = open();
  const TrafficQuery query(store);
  EXPECT_EQ(query.interfaces(), (std::vector<std::string>{"eth0", "wlan0"}));
  EXPECT_TRUE(query.has_interface("wlan0"));
  EXPECT_FALSE(query.has_interface("eth1"));
}

TEST_F(QueryTest, LoadsAnHourNoWindowEdgeCutsWholeWithItsFiveMinuteProfile) {
  Store store = open();
  const TrafficSeries series = TrafficQuery(store).load("eth0", {k_t0, k_t0 + k_hour_ms}, {});
  ASSERT_EQ(series.slots().size(), 1U);
  const Slot& hour = series.slots()[0];
  EXPECT_EQ(hour.end_ms, k_t0 + k_hour_ms);
  EXPECT_EQ(hour.totals.rx_bytes, 16'000U);
  ASSERT_NE(hour.profile, nullptr);
  // Each part as its bucket: the 4000 B sample across 00:10 gives 2000 B to
  // each side.
  EXPECT_EQ(hour.profile->parts[0], (FivePart{1000, 10, 1000}));
  EXPECT_EQ(hour.profile->parts[1], (FivePart{3000, 10, 2000}));
  EXPECT_EQ(hour.profile->parts[2], (FivePart{3000, 10, 2000}));
  EXPECT_EQ(hour.profile->parts[11], (FivePart{1000, 10, 1000}));
}

TEST_F(QueryTest, LoadsAUtcDayNoWindowEdgeCutsAsOneSlotWithItsBusiestParts) {
  Store store = open();
  const std::int64_t day = floor_to(k_t0, k_day_ms);
  const TrafficSeries series = TrafficQuery(store).load("eth0", {day, day + k_day_ms}, {});
  ASSERT_EQ(series.slots().size(), 1U);
  const Slot& whole = series.slots()[0];
  EXPECT_EQ(whole.start_ms, day);
  EXPECT_EQ(whole.end_ms, day + k_day_ms);
  EXPECT_EQ(whole.totals.rx_bytes, 16'000U);
  ASSERT_NE(whole.top, nullptr);
  EXPECT_EQ(whole.top->parts, 12U);
  EXPECT_EQ(whole.top->rx.front(), 1500.0); // 3000 B over 2 s covered
}

TEST_F(QueryTest, LoadsTheHoursOfADayAWindowEdgeCutsAndOfASumsMembers) {
  Store store = open();
  const TrafficQuery query(store);
  const std::int64_t day = floor_to(k_t0, k_day_ms);
  TrafficQuery::Detail cut;
  cut.cuts = {day + k_hour_ms};
  const TrafficSeries series = query.load("eth0", {day, day + k_day_ms}, cut);
  ASSERT_EQ(series.slots().size(), 1U);
  EXPECT_EQ(series.slots()[0].start_ms, k_t0);
  EXPECT_EQ(series.slots()[0].end_ms, k_t0 + k_hour_ms);
  TrafficQuery::Detail member;
  member.days = false;
  EXPECT_EQ(query.load("eth0", {day, day + k_day_ms}, member).slots()[0].end_ms,
            k_t0 + k_hour_ms);
}

TEST_F(QueryTest, LoadsTheHoursOfADayStoredWithoutItsBusiestParts) {
  Store store = open();
  store.database().exec("DELETE FROM bucket_day_top");
  const std::int64_t day = floor_to(k_t0, k_day_ms);
  const TrafficSeries series = TrafficQuery(store).load("eth0", {day, day + k_day_ms}, {});
  ASSERT_EQ(series.slots().size(), 1U);
  EXPECT_EQ(series.slots()[0].end_ms, k_t0 + k_hour_ms);
  EXPECT_NE(series.slots()[0].profile, nullptr);
}

// A flush once May is over gives it its top.
void flush_in_june(Store& store) {
  SampleBuffer none;
  store.flush(none, {}, std::nullopt, {}, days_from_civil({2026, 6, 1}) * k_day_ms + 1000,
              Retention{0, 0});
}

TEST_F(QueryTest, LoadsAUtcMonthNoWindowEdgeCutsAsOneSlotWithItsBusiestParts) {
  Store store = open();
  const std::int64_t may = days_from_civil({2026, 5, 1}) * k_day_ms;
  const std::int64_t june = days_from_civil({2026, 6, 1}) * k_day_ms;
  ASSERT_TRUE(k_t0 > may && k_t0 < june);
  EXPECT_EQ(store.database().execAndGet("SELECT count(*) FROM bucket_month_top").getInt(), 0);
  flush_in_june(store);
  const TrafficQuery query(store);
  const TrafficSeries series = query.load("eth0", {may, june}, {});
  ASSERT_EQ(series.slots().size(), 1U);
  const Slot& whole = series.slots()[0];
  EXPECT_EQ(whole.start_ms, may);
  EXPECT_EQ(whole.end_ms, june);
  EXPECT_EQ(whole.totals.rx_bytes, 16'000U);
  EXPECT_EQ(whole.totals.covered_ms, 14'000);
  ASSERT_NE(whole.top, nullptr);
  EXPECT_EQ(whole.top->parts, 12U);
  EXPECT_EQ(whole.top->rx.front(), 1500.0);
  // Around the month, or with a cut inside it (not inside the day with
  // traffic), its day.
  const std::int64_t day = floor_to(k_t0, k_day_ms);
  for (const TimeWindow range : {TimeWindow{may + k_day_ms, june}, TimeWindow{may, june - k_hour_ms}}) {
    const TrafficSeries part = query.load("eth0", range, {});
    ASSERT_EQ(part.slots().size(), 1U);
    EXPECT_EQ(part.slots()[0].start_ms, day);
    EXPECT_EQ(part.slots()[0].end_ms, day + k_day_ms);
  }
  TrafficQuery::Detail cut;
  cut.cuts = {may + k_day_ms};
  EXPECT_EQ(query.load("eth0", {may, june}, cut).slots()[0].end_ms, day + k_day_ms);
  // Without percentiles too: the month's row holds its volumes.
  TrafficQuery::Detail volumes;
  volumes.percentiles = false;
  EXPECT_EQ(query.load("eth0", {may, june}, volumes).slots()[0].end_ms, june);
}

TEST_F(QueryTest, LoadsTheDaysOfAMonthWhoseRowAChangeToOneOfItsDaysDeleted) {
  Store store = open();
  flush_in_june(store);
  const std::int64_t may = days_from_civil({2026, 5, 1}) * k_day_ms;
  const std::int64_t june = days_from_civil({2026, 6, 1}) * k_day_ms;
  const auto first_slot = [&] {
    const TrafficSeries series = TrafficQuery(store).load("eth0", {may, june}, {});
    EXPECT_EQ(series.slots().size(), 1U);
    EXPECT_NE(series.slots().at(0).top, nullptr);
    return series.slots().at(0);
  };
  auto& db = store.database();
  const std::string eth0 = std::to_string(row_key(1, 0));
  const auto months = [&] { // eth0's May: 1 with its row
    return db.execAndGet("SELECT count(*) FROM bucket_month_top WHERE key = " + eth0 + " + " +
                         std::to_string(may))
        .getInt();
  };
  ASSERT_EQ(db.execAndGet("SELECT name FROM interface WHERE id = 1").getString(), "eth0");
  ASSERT_EQ(first_slot().end_ms - first_slot().start_ms, june - may);
  // A day changed by hand (or by a late flush): May's row goes with it, and
  // the days are read.
  db.exec("UPDATE bucket_day SET rx_bytes = rx_bytes + 1");
  EXPECT_EQ(months(), 0);
  EXPECT_EQ(first_slot().end_ms - first_slot().start_ms, k_day_ms);
  EXPECT_EQ(first_slot().totals.rx_bytes, 16'001U);
  // The next flush builds it again, from the days as they are now.
  flush_in_june(store);
  EXPECT_EQ(first_slot().end_ms - first_slot().start_ms, june - may);
  EXPECT_EQ(first_slot().totals.rx_bytes, 16'001U);
  // A day added to May, or one deleted, deletes it too; one of June or of
  // April does not.
  const auto day_row = [&](std::int64_t start_ms) {
    return "(" + eth0 + " + " + std::to_string(start_ms) + ", 0, 0, 0, 0, 0.0, NULL, 0.0, NULL, 0)";
  };
  db.exec("INSERT INTO bucket_day VALUES " + day_row(june) + ", " + day_row(may - k_day_ms));
  EXPECT_EQ(months(), 1);
  db.exec("DELETE FROM bucket_day WHERE key IN (" + eth0 + " + " + std::to_string(june) + ", " +
          eth0 + " + " + std::to_string(may - k_day_ms) + ")");
  EXPECT_EQ(months(), 1);
  // May 31st added without a top: May gets no row while it has that day.
  db.exec("INSERT INTO bucket_day VALUES " + day_row(june - k_day_ms));
  EXPECT_EQ(months(), 0);
  flush_in_june(store);
  EXPECT_EQ(months(), 0);
  db.exec("DELETE FROM bucket_day WHERE key = " + eth0 + " + " + std::to_string(june - k_day_ms));
  flush_in_june(store);
  EXPECT_EQ(months(), 1);
  // A day moved into May by a change of its key, and one moved out of it.
  db.exec("INSERT INTO bucket_day VALUES " + day_row(june + k_day_ms));
  EXPECT_EQ(months(), 1);
  db.exec("UPDATE bucket_day SET key = key - " + std::to_string(31 * k_day_ms) + " WHERE key = " +
          eth0 + " + " + std::to_string(june + k_day_ms));
  EXPECT_EQ(months(), 0);
  db.exec("UPDATE bucket_day SET key = key + " + std::to_string(31 * k_day_ms) + " WHERE key = " +
          eth0 + " + " + std::to_string(june + k_day_ms - 31 * k_day_ms));
  flush_in_june(store);
  ASSERT_EQ(months(), 1);
  db.exec("UPDATE bucket_day SET key = key + " + std::to_string(31 * k_day_ms) + " WHERE key = " +
          eth0 + " + " + std::to_string(floor_to(k_t0, k_day_ms)));
  EXPECT_EQ(months(), 0);
  db.exec("UPDATE bucket_day SET key = key - " + std::to_string(31 * k_day_ms) + " WHERE key = " +
          eth0 + " + " + std::to_string(floor_to(k_t0, k_day_ms) + 31 * k_day_ms));
  flush_in_june(store);
  ASSERT_EQ(months(), 1);
  // No month row: the days are read, until a recorder starts (in August:
  // no flush would build May's row again).
  db.exec("DELETE FROM bucket_month_top");
  EXPECT_EQ(first_slot().end_ms - first_slot().start_ms, k_day_ms);
  store.begin_run(days_from_civil({2026, 8, 1}) * k_day_ms, "test");
  ASSERT_EQ(months(), 1);
  EXPECT_EQ(first_slot().end_ms - first_slot().start_ms, june - may);
  // A day of May deleted.
  db.exec("DELETE FROM bucket_day WHERE key = " + eth0 + " + " +
          std::to_string(floor_to(k_t0, k_day_ms)));
  EXPECT_EQ(months(), 0);
}

// Three months of 5-minute traffic, steady but for a few days ten or a
// hundred times busier: the 95th percentile of any span read through months
// (and their days, where a month's top does not settle it) equals the one
// read through days, and through hours.
TEST(QueryPercentiles, AreTheSameThroughMonthsDaysAndHours) {
  TempDir dir;
  const std::int64_t march = days_from_civil({2026, 3, 1}) * k_day_ms;
  const std::int64_t june = days_from_civil({2026, 6, 1}) * k_day_ms;
  {
    Store store(dir / "octolog.db", Store::Access::read_write);
    std::mt19937_64 random(7);
    SampleBuffer buffer;
    for (std::int64_t day = march; day < june; day += k_day_ms) {
      const std::int64_t index = (day - march) / k_day_ms;
      const std::uint64_t scale = index == 40 ? 100 : index % 17 == 3 ? 10 : 1;
      for (std::int64_t at = day; at < day + k_day_ms; at += k_five) {
        const std::uint64_t rx = (1000 + random() % 1000) * scale;
        buffer.add(Delta{"eth0", at, at + 1000, rx, rx / 7 + random() % 50, 1, 1, 0});
      }
      store.flush(buffer, {}, std::nullopt, {}, day + k_day_ms, Retention{0, 0});
      buffer.clear();
    }
  }
  Store store(dir / "octolog.db", Store::Access::read_only);
  const TrafficQuery query(store);
  const std::int64_t april = days_from_civil({2026, 4, 1}) * k_day_ms;
  const std::int64_t may = days_from_civil({2026, 5, 1}) * k_day_ms;
  TrafficQuery::Detail no_months;
  no_months.months = false;
  TrafficQuery::Detail hours;
  hours.days = false;
  const std::vector<std::vector<TimeWindow>> cases{
      {{march, june}}, {{march, april}}, {{april, may}}, {{may, june}},
      {{march, april}, {may, june}}, {{march + 3 * k_day_ms, june - 5 * k_hour_ms}},
      {{april, june}}};
  for (const std::vector<TimeWindow>& windows : cases) {
    const auto p95 = [&](const TrafficQuery::Detail& detail) {
      const Measurement m = query.load("eth0", windows, detail).measure(windows, june);
      return std::pair{m.rx_p95, m.tx_p95};
    };
    const auto through_months = p95({});
    EXPECT_GT(through_months.first, 0.0);
    EXPECT_EQ(through_months, p95(no_months)) << windows.front().start_ms;
    EXPECT_EQ(through_months, p95(hours)) << windows.front().start_ms;
  }
  // April's day 40 is a hundred times busier than the rest: its month keeps
  // only rates at or above that day's 48th, which are that day's 48 (every
  // other part of April moves at most a tenth of that day's least), too few
  // for April's percentile.
  const TrafficSeries april_series = query.load("eth0", {{april, may}}, {});
  ASSERT_EQ(april_series.slots().size(), 1U);
  const Slot& april_slot = april_series.slots()[0];
  ASSERT_NE(april_slot.top, nullptr);
  EXPECT_EQ(april_slot.end_ms, may);
  EXPECT_EQ(april_slot.top->rx.size(), k_day_top_parts);
  EXPECT_EQ(april_slot.top->tx.size(), k_day_top_parts);
}

// Six weeks of two interfaces, April whole, covered differently in each
// 5-minute bucket: the report's figures (95th percentiles, volumes, peaks,
// coverage), of each interface and of their sum, are the same whether the
// hours have their profiles stored or their buckets give them.
TEST(QueryPercentiles, AreTheSameWhetherHoursHaveProfilesOrBuckets) {
  TempDir dir;
  const std::int64_t start = days_from_civil({2026, 3, 27}) * k_day_ms;
  const std::int64_t april = days_from_civil({2026, 4, 1}) * k_day_ms;
  const std::int64_t may = days_from_civil({2026, 5, 1}) * k_day_ms;
  const std::int64_t end = days_from_civil({2026, 5, 8}) * k_day_ms;
  {
    Store store(dir / "buckets.db", Store::Access::read_write);
    std::mt19937_64 random(11);
    SampleBuffer buffer;
    for (std::int64_t day = start; day < end; day += k_day_ms) {
      for (std::int64_t at = day; at < day + k_day_ms; at += k_five) {
        const bool third = (at / k_five) % 3 == 0;
        const std::uint64_t busy = (at - start) / k_day_ms % 9 == 4 ? 50 : 1;
        const std::uint64_t rx = (1000 + random() % 5000) * busy;
        buffer.add(Delta{"eth0", at, at + (third ? 60'000 : 240'000), rx, rx / 5, 1, 1, 0});
        if (random() % 17 != 0) {
          const std::uint64_t other = random() % 9000;
          buffer.add(Delta{"eth1", at + 1000, at + 1000 + (third ? 240'000 : 60'000), other,
                           other * 2, 1, 1, 0});
        }
      }
      store.flush(buffer, {}, std::nullopt, {}, day + k_day_ms, Retention{0, 0});
      buffer.clear();
    }
  }
  std::filesystem::copy_file(dir / "buckets.db", dir / "profiles.db");
  store_every_profile(dir / "profiles.db");

  const std::vector<std::vector<TimeWindow>> cases{
      {{start, end}},
      {{april, may}},
      {{april + 5 * k_hour_ms, april + 17 * k_day_ms + 3 * k_hour_ms}},
      {{start + 26 * k_hour_ms, start + 30 * k_hour_ms}, {april + 2 * k_day_ms, may + 7 * k_hour_ms}},
      {{april + 10 * k_day_ms + 7 * 60'000 + 13'000, april + 12 * k_day_ms}},
      {{may + 3 * k_day_ms + k_hour_ms, may + 3 * k_day_ms + 2 * k_hour_ms}}};
  const auto report = [&](const std::string& db) {
    Store store(dir / db, Store::Access::read_only);
    const TrafficQuery query(store);
    std::vector<std::string> lines;
    for (const std::vector<TimeWindow>& windows : cases) {
      TrafficQuery::Detail detail;
      detail.cuts.push_back(end);
      for (const TimeWindow& window : windows) {
        detail.cuts.push_back(window.start_ms);
        detail.cuts.push_back(window.end_ms);
      }
      for (const char* name : {"eth0", "eth1"}) {
        lines.push_back(figures(query.load(name, windows, detail).measure(windows, end)));
      }
      TrafficQuery::Detail member = detail;
      member.days = false;
      member.all_samples = true;
      std::vector<TrafficSeries> members;
      members.push_back(query.load("eth0", windows, member));
      members.push_back(query.load("eth1", windows, member));
      lines.push_back(figures(sum_series(std::move(members)).measure(windows, end)));
    }
    return lines;
  };
  const std::vector<std::string> from_buckets = report("buckets.db");
  const std::vector<std::string> from_profiles = report("profiles.db");
  ASSERT_EQ(from_buckets.size(), from_profiles.size());
  for (std::size_t i = 0; i < from_buckets.size(); ++i) {
    EXPECT_EQ(from_buckets[i], from_profiles[i]) << "case " << i / 3 << ", " << i % 3;
  }
}

TEST_F(QueryTest, LoadsTheFiveMinuteBucketsOfAnHourAWindowEdgeCuts) {
  Store store = open();
  TrafficQuery::Detail detail;
  detail.cuts = {k_t0 + 10 * k_five};
  const TrafficSeries series =
      TrafficQuery(store).load("eth0", {k_t0, k_t0 + k_hour_ms}, detail);
  ASSERT_EQ(series.slots().size(), 12U);
  EXPECT_EQ(series.slots()[1].start_ms, k_t0 + k_five);
  EXPECT_EQ(series.slots()[1].totals.rx_bytes, 3000U);
  EXPECT_EQ(series.slots()[1].totals.rx_peak_rate, 2000.0);
  EXPECT_EQ(series.slots()[1].totals.rx_peak_at_ms, k_t0 + 2 * k_five - 1000);
  EXPECT_FALSE(series.slots()[1].samples.has_value());
}

TEST_F(QueryTest, LoadsTheHourWhereItsBucketsHaveExpired) {
  Store store = open();
  store.database().exec("DELETE FROM bucket_5min WHERE key - (key >> 42 << 42) < " +
                        std::to_string(k_t0 + k_five));
  TrafficQuery::Detail detail;
  detail.cuts = {k_t0 + 10 * k_five};
  const TrafficSeries series =
      TrafficQuery(store).load("eth0", {k_t0, k_t0 + k_hour_ms}, detail);
  ASSERT_EQ(series.slots().size(), 1U);
  EXPECT_EQ(series.slots()[0].end_ms, k_t0 + k_hour_ms);
  EXPECT_EQ(series.slots()[0].totals.rx_bytes, 16'000U);
}

TEST_F(QueryTest, LoadsAnHourStoredWithoutAProfileWholeWithTheProfileItsBucketsMake) {
  store_every_profile(m_dir / "octolog.db");
  Store store = open();
  const TrafficQuery query(store);
  const TimeWindow hour{k_t0, k_t0 + k_hour_ms};
  const TrafficSeries stored = query.load("eth0", hour, {});
  store.database().exec("UPDATE bucket_hour SET profile = NULL");
  const TrafficSeries series = query.load("eth0", hour, {});
  ASSERT_EQ(series.slots().size(), 1U);
  EXPECT_EQ(series.slots()[0].totals, stored.slots().at(0).totals);
  ASSERT_NE(series.slots()[0].profile, nullptr);
  ASSERT_NE(stored.slots()[0].profile, nullptr);
  EXPECT_EQ(*series.slots()[0].profile, *stored.slots()[0].profile);
  // Without percentiles, the hour without its profile.
  TrafficQuery::Detail volumes;
  volumes.percentiles = false;
  const TrafficSeries plain = query.load("eth0", hour, volumes);
  ASSERT_EQ(plain.slots().size(), 1U);
  EXPECT_EQ(plain.slots()[0].profile, nullptr);
}

TEST_F(QueryTest, LoadsAnHourWithoutAProfileWhoseBucketsFallShortAsTheHour) {
  Store store = open();
  store.database().exec("UPDATE bucket_hour SET profile = NULL");
  store.database().exec("DELETE FROM bucket_5min WHERE key - (key >> 42 << 42) = " +
                        std::to_string(k_t0));
  const TrafficSeries series = TrafficQuery(store).load("eth0", {k_t0, k_t0 + k_hour_ms}, {});
  ASSERT_EQ(series.slots().size(), 1U);
  EXPECT_EQ(series.slots()[0].totals.rx_bytes, 16'000U);
  EXPECT_EQ(series.slots()[0].profile, nullptr);
}

TEST_F(QueryTest, AttachesSamplesToTheBucketsAWindowEdgeCuts) {
  Store store = open();
  TrafficQuery::Detail detail;
  detail.cuts = {k_t0, k_t0 + k_five + 30'000, k_t0 + 2 * k_five};
  const TrafficSeries series = TrafficQuery(store).load("eth0", {k_t0, k_t0 + k_hour_ms}, detail);
  ASSERT_EQ(series.slots().size(), 12U);
  EXPECT_FALSE(series.slots()[0].samples.has_value());
  ASSERT_TRUE(series.slots()[1].samples.has_value());
  EXPECT_EQ(
      *series.slots()[1].samples,
      (std::vector<SamplePiece>{{k_t0 + k_five + 60'000, k_t0 + k_five + 61'000, 1000, 10, true},
                                {k_t0 + 2 * k_five - 1000, k_t0 + 2 * k_five, 2000, 0, true}}));
}

TEST_F(QueryTest, LeavesOutSamplesOnceSomeHaveExpired) {
  Store store = open();
  // The minute of the sample at k_t0 + k_five + 60 s holds only that one.
  store.database().exec("DELETE FROM sample_minute WHERE key - (key >> 42 << 42) = " +
                        std::to_string(k_t0 + k_five + 60'000));
  TrafficQuery::Detail detail;
  detail.cuts = {k_t0 + k_five + 30'000};
  const TrafficSeries series = TrafficQuery(store).load("eth0", {k_t0, k_t0 + k_hour_ms}, detail);
  EXPECT_FALSE(series.slots()[1].samples.has_value());
}

TEST_F(QueryTest, AttachesEverySampleForASum) {
  Store store = open();
  TrafficQuery::Detail detail;
  detail.all_samples = true;
  const TrafficSeries series = TrafficQuery(store).load("eth0", {k_t0, k_t0 + k_hour_ms}, detail);
  for (const Slot& slot : series.slots()) {
    EXPECT_TRUE(slot.samples.has_value()) << slot.start_ms;
  }
}

TEST_F(QueryTest, AttachesEachSlotItsOwnSamplesInOneReadAndNoneToOneMissingSome) {
  Store store = open();
  // The minute of the sample at k_t0 + k_five + 60 s holds only that one.
  store.database().exec("DELETE FROM sample_minute WHERE key - (key >> 42 << 42) = " +
                        std::to_string(k_t0 + k_five + 60'000));
  TrafficQuery::Detail detail;
  detail.all_samples = true;
  detail.cuts = {k_t0 + 30'000}; // the hour as its 12 buckets
  const TrafficSeries series = TrafficQuery(store).load("eth0", {k_t0, k_t0 + k_hour_ms}, detail);
  ASSERT_EQ(series.slots().size(), 12U);
  using Samples = std::optional<std::vector<SamplePiece>>;
  EXPECT_EQ(series.slots()[0].samples,
            (Samples{{{k_t0 + 60'000, k_t0 + 61'000, 1000, 10, true}}}));
  EXPECT_EQ(series.slots()[1].samples, std::nullopt);
  // The 2 s sample across 00:10 was stored as a second on each side.
  EXPECT_EQ(series.slots()[2].samples,
            (Samples{{{k_t0 + 2 * k_five, k_t0 + 2 * k_five + 1000, 2000, 0, true},
                      {k_t0 + 2 * k_five + 60'000, k_t0 + 2 * k_five + 61'000, 1000, 10, true}}}));
  for (std::size_t i = 3; i < 12; ++i) {
    const std::int64_t start = k_t0 + static_cast<std::int64_t>(i) * k_five + 60'000;
    EXPECT_EQ(series.slots()[i].samples, (Samples{{{start, start + 1000, 1000, 10, true}}})) << i;
  }
}

TEST_F(QueryTest, TellsTheRecordedSpanFromTheCoverageOfTheEdgeBuckets) {
  Store store = open();
  const TrafficQuery query(store);
  // Kept samples show eth0 began with the first sample and ended with the last.
  EXPECT_EQ(query.recorded_span("eth0"), (TimeWindow{k_t0 + 60'000, k_t0 + 11 * k_five + 61'000}));
  EXPECT_EQ(query.recorded_span("wlan0"), (TimeWindow{k_t0, k_t0 + 1000}));
}

TEST_F(QueryTest, GuessesTheRecordedSpanFromCoverageWithoutSamples) {
  Store store = open();
  store.database().exec("DELETE FROM sample_minute");
  // The first bucket's 1 s of coverage is taken to be its tail, the last one's
  // its head.
  EXPECT_EQ(TrafficQuery(store).recorded_span("eth0"),
            (TimeWindow{k_t0 + k_five - 1000, k_t0 + 11 * k_five + 1000}));
}

TEST_F(QueryTest, HoldsTrafficUpToTheEndOfTheLastSampleKept) {
  Store store = open();
  const TrafficQuery query(store);
  const std::int64_t end = k_t0 + 11 * k_five + 61'000;
  EXPECT_TRUE(query.may_hold_after("eth0", k_t0));
  EXPECT_TRUE(query.may_hold_after("eth0", end - 1));
  EXPECT_FALSE(query.may_hold_after("eth0", end));
  EXPECT_FALSE(query.may_hold_after("wlan0", k_t0 + 1000));
}

TEST_F(QueryTest, HoldsTrafficUpToTheEndOfTheLastBucketWithoutItsSamples) {
  Store store = open();
  store.database().exec("DELETE FROM sample_minute");
  const TrafficQuery query(store);
  // The last bucket's 1 s could lie anywhere in it: its head is only a guess.
  EXPECT_EQ(query.recorded_span("eth0").end_ms, k_t0 + 11 * k_five + 1000);
  EXPECT_TRUE(query.may_hold_after("eth0", k_t0 + 11 * k_five + 1000));
  EXPECT_TRUE(query.may_hold_after("eth0", k_t0 + 12 * k_five - 1));
  EXPECT_FALSE(query.may_hold_after("eth0", k_t0 + 12 * k_five));
}

TEST_F(QueryTest, HoldsNoTrafficOfAnInterfaceWithoutBuckets) {
  Store store = open();
  store.database().exec("DELETE FROM bucket_hour WHERE key >> 42 = "
                        "(SELECT id FROM interface WHERE name = 'wlan0')");
  EXPECT_FALSE(TrafficQuery(store).may_hold_after("wlan0", 0));
}

TEST_F(QueryTest, RejectsAnUnknownInterface) {
  Store store = open();
  try {
    (void)TrafficQuery(store).load("eth9", {k_t0, k_t0 + k_hour_ms}, {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "no interface 'eth9' in the database");
  }
}

} // namespace
} // namespace octolog

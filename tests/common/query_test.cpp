#include "temp_dir.hpp"

#include "octolog/error.hpp"
#include "octolog/query.hpp"

#include <gtest/gtest.h>

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

TEST_F(QueryTest, LoadsTheBucketsOfAnHourStoredWithoutAProfile) {
  Store store = open();
  store.database().exec("UPDATE bucket_hour SET profile = NULL");
  const TrafficSeries series = TrafficQuery(store).load("eth0", {k_t0, k_t0 + k_hour_ms}, {});
  ASSERT_EQ(series.slots().size(), 12U);
  EXPECT_EQ(series.slots()[1].totals.rx_bytes, 3000U);
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
  store.database().exec("DELETE FROM sample WHERE key - (key >> 42 << 42) = " +
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

TEST_F(QueryTest, TellsTheRecordedSpanFromTheCoverageOfTheEdgeBuckets) {
  Store store = open();
  const TrafficQuery query(store);
  // Kept samples show eth0 began with the first sample and ended with the last.
  EXPECT_EQ(query.recorded_span("eth0"), (TimeWindow{k_t0 + 60'000, k_t0 + 11 * k_five + 61'000}));
  EXPECT_EQ(query.recorded_span("wlan0"), (TimeWindow{k_t0, k_t0 + 1000}));
}

TEST_F(QueryTest, GuessesTheRecordedSpanFromCoverageWithoutSamples) {
  Store store = open();
  store.database().exec("DELETE FROM sample");
  // The first bucket's 1 s of coverage is taken to be its tail, the last one's
  // its head.
  EXPECT_EQ(TrafficQuery(store).recorded_span("eth0"),
            (TimeWindow{k_t0 + k_five - 1000, k_t0 + 11 * k_five + 1000}));
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

// Traces with known traffic, replayed by octolog-recorder; every figure the
// report gives is compared with the value worked out by hand in the comment
// next to it.
#include "report_e2e.hpp"

#include <gtest/gtest.h>

namespace octolog::e2e {
namespace {

using Rates = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
using json = nlohmann::ordered_json;

// eth0, 1 s readings over 2026-05-01 00:00..00:10 UTC: 1000 B/s rx and
// 100 B/s tx, except 50000 B rx in [00:02:03, 00:02:04) and 7000 B tx in
// [00:04:10, 00:04:11).
TraceBuilder ten_quiet_minutes_with_two_bursts() {
  const std::int64_t t0 = utc(2026, 5, 1);
  TraceBuilder trace({"eth0"});
  trace.snapshot(t0 * 1000, {{0, 0}});
  for (std::int64_t s = 1; s <= 600; ++s) {
    trace.snapshot((t0 + s) * 1000, {{s == 124 ? 50'000 : 1000, s == 251 ? 7000 : 100}});
  }
  return trace;
}

class ReportNumbers : public ::testing::Test {
protected:
  ReportTest m_test;
};

// Idle readings of eth0 from 21:40:49 to 21:40:57 (8 s, inside the bucket of
// 21:40): what a report shows right after a first start.
TraceBuilder eight_idle_seconds() {
  const std::int64_t t0 = utc(2026, 11, 26, 21) + 40 * 60 + 49;
  TraceBuilder trace({"eth0"});
  for (std::int64_t s = 0; s <= 8; ++s) {
    trace.snapshot((t0 + s) * 1000, {{0, 0}});
  }
  return trace;
}

TEST_F(ReportNumbers, CountsTheRunningBucketsCoverageWholeBeforeNow) {
  m_test.replay(eight_idle_seconds());
  // "now" cuts the 5-minute bucket the recording lies in: all of its
  // coverage was recorded before now, so today is covered for 8 s of the
  // 8 s recorded, with no gap.
  const json row = m_test.json({"--now", "2026-11-26T21:41:02Z"})["interfaces"][0]["rows"][0];
  EXPECT_EQ(row["start"], "2026-11-26T00:00:00+00:00");
  EXPECT_EQ(row["covered_seconds"], 8);
  const ProcessResult text = m_test.report({"--now", "2026-11-26T21:41:02Z"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.find('%'), std::string::npos) << text.out; // no share of a gap shown
}

TEST_F(ReportNumbers, GivesTotalsAveragesPeaksAndP95OfAWindow) {
  m_test.replay(ten_quiet_minutes_with_two_bursts());
  const json doc = m_test.json({"--begin", "2026-05-01T00:00:00", "--end", "2026-05-01T00:10:00"});
  ASSERT_EQ(doc["interfaces"].size(), 1U);
  const json& eth0 = doc["interfaces"][0];
  EXPECT_EQ(eth0["name"], "eth0");
  EXPECT_EQ(eth0["view"], "window");
  ASSERT_EQ(eth0["rows"].size(), 1U);
  const json& row = eth0["rows"][0];
  EXPECT_EQ(row["start"], "2026-05-01T00:00:00+00:00");
  EXPECT_EQ(row["end"], "2026-05-01T00:10:00+00:00");
  EXPECT_EQ(row["seconds"], 600);
  EXPECT_EQ(row["covered_seconds"], 600);
  EXPECT_EQ(row["rx_bytes"], 649'000); // 599 x 1000 + 50000
  EXPECT_EQ(row["tx_bytes"], 66'900);  // 599 x 100 + 7000
  EXPECT_EQ(row["rx_avg"], 649'000.0 / 600.0);
  EXPECT_EQ(row["tx_avg"], 111.5);
  EXPECT_EQ(row["rx_peak"], 50'000.0);
  EXPECT_EQ(row["rx_peak_at"], "2026-05-01T00:02:03+00:00");
  EXPECT_EQ(row["tx_peak"], 7000.0);
  EXPECT_EQ(row["tx_peak_at"], "2026-05-01T00:04:10+00:00");
  // Two buckets: 349000 B and 300000 B rx in 300 s; the higher is rank 2 of 2.
  EXPECT_EQ(row["rx_p95"], 349'000.0 / 300.0);
  EXPECT_EQ(row["tx_p95"], 36'900.0 / 300.0);
  EXPECT_EQ(eth0["total"], row);
}

TEST_F(ReportNumbers, GivesOneRowPerFiveMinutes) {
  m_test.replay(ten_quiet_minutes_with_two_bursts());
  const json rows = m_test.json({"--five", "--begin", "2026-05-01T00:00:00", "--end",
                                 "2026-05-01T00:10:00"})["interfaces"][0]["rows"];
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0]["rx_bytes"], 349'000);
  EXPECT_EQ(rows[0]["rx_p95"], 349'000.0 / 300.0);
  EXPECT_EQ(rows[1]["start"], "2026-05-01T00:05:00+00:00");
  EXPECT_EQ(rows[1]["rx_bytes"], 300'000);
  EXPECT_EQ(rows[1]["tx_bytes"], 30'000);
  // Every second alike: the first one is the peak.
  EXPECT_EQ(rows[1]["rx_peak"], 1000.0);
  EXPECT_EQ(rows[1]["rx_peak_at"], "2026-05-01T00:05:00+00:00");
  EXPECT_EQ(rows[1]["rx_p95"], 1000.0);
}

TEST_F(ReportNumbers, SplitsABucketAWindowEdgeCutsThroughItsSamples) {
  m_test.replay(ten_quiet_minutes_with_two_bursts());
  const json row = m_test.json({"--begin", "2026-05-01T00:02:00", "--end",
                                "2026-05-01T00:05:00"})["interfaces"][0]["rows"][0];
  EXPECT_EQ(row["rx_bytes"], 229'000); // samples 120..299: 179 x 1000 + 50000
  EXPECT_EQ(row["covered_seconds"], 180);
  EXPECT_EQ(row["rx_peak"], 50'000.0);
  EXPECT_EQ(row["rx_peak_at"], "2026-05-01T00:02:03+00:00");
}

TEST_F(ReportNumbers, SplitsACutBucketInProportionToTimeOnceSamplesExpired) {
  m_test.replay(ten_quiet_minutes_with_two_bursts(), {"--keep-samples", "0.0001"});
  const json row = m_test.json({"--begin", "2026-05-01T00:02:00", "--end",
                                "2026-05-01T00:05:00"})["interfaces"][0]["rows"][0];
  EXPECT_EQ(row["rx_bytes"], 209'400); // 349000 - floor(349000 x 120 / 300)
  // The bucket's peak lies inside the window: it is still the 1-second peak.
  EXPECT_EQ(row["rx_peak"], 50'000.0);
  EXPECT_EQ(row["rx_peak_at"], "2026-05-01T00:02:03+00:00");
}

TEST_F(ReportNumbers, KeepsTheOneSecondPeakOfADayWhoseBucketsExpired) {
  m_test.replay(ten_quiet_minutes_with_two_bursts(),
                {"--keep-samples", "0.0001", "--keep-five-minutes", "0.00001"});
  const json row = m_test.json(
      {"--day", "--begin", "2026-05-01", "--end", "2026-05-02"})["interfaces"][0]["rows"][0];
  EXPECT_EQ(row["seconds"], 86'400);
  EXPECT_EQ(row["covered_seconds"], 600);
  EXPECT_EQ(row["rx_bytes"], 649'000);
  EXPECT_EQ(row["rx_avg"], 649'000.0 / 86'400.0);
  EXPECT_EQ(row["rx_peak"], 50'000.0);
  EXPECT_EQ(row["rx_peak_at"], "2026-05-01T00:02:03+00:00");
  // Only the hour is left, and its profile keeps the two covered 5-minute
  // parts (349000 B and 300000 B): the percentile is as when they were kept.
  EXPECT_EQ(row["rx_p95"], 349'000.0 / 300.0);
}

// A reading, then one 1000 s later after 1000003 B (a gap the recorder
// bridged with one coarse sample), then 200 quiet seconds.
TraceBuilder one_coarse_sample() {
  const std::int64_t t1 = utc(2026, 5, 2, 10);
  TraceBuilder trace({"eth0"});
  trace.snapshot(t1 * 1000, {{0, 0}});
  trace.snapshot((t1 + 1000) * 1000, {{1'000'003, 0}});
  trace.snapshot((t1 + 1200) * 1000, {{0, 0}});
  return trace;
}

TEST_F(ReportNumbers, SplitsAStraddlingSampleSoThatAdjacentWindowsAddUpExactly) {
  m_test.replay(one_coarse_sample());
  const json first = m_test.json({"--begin", "2026-05-02T10:00:00", "--end",
                                  "2026-05-02T10:06:40"})["interfaces"][0]["rows"][0];
  const json second = m_test.json({"--begin", "2026-05-02T10:06:40", "--end",
                                   "2026-05-02T10:20:00"})["interfaces"][0]["rows"][0];
  // The recorder cut the sample at 5-minute edges: 300000, 300001, 300001,
  // 100001 bytes. 10:06:40 cuts the second piece: floor(300001 x 100 / 300).
  EXPECT_EQ(first["rx_bytes"], 400'000);
  EXPECT_EQ(second["rx_bytes"], 600'003);
  EXPECT_EQ(first["covered_seconds"], 400);
  EXPECT_EQ(second["covered_seconds"], 800);
  // The whole sample's rate, at the start of its first piece (the earliest).
  EXPECT_EQ(first["rx_peak"], 1000.003);
  EXPECT_EQ(first["rx_peak_at"], "2026-05-02T10:00:00+00:00");
  // After the cut the whole buckets hold the whole sample's rate, but the cut
  // piece's own rate, 300001 B in 300 s, is a hair higher.
  EXPECT_EQ(second["rx_peak"], 300'001.0 / 300.0);
  EXPECT_EQ(second["rx_peak_at"], "2026-05-02T10:06:40+00:00");

  const json rows = m_test.json({"--five", "--begin", "2026-05-02T10:00", "--end",
                                 "2026-05-02T10:20"})["interfaces"][0]["rows"];
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0]["rx_bytes"], 300'000);
  EXPECT_EQ(rows[1]["rx_bytes"], 300'001);
  EXPECT_EQ(rows[2]["rx_bytes"], 300'001);
  EXPECT_EQ(rows[3]["rx_bytes"], 100'001);
  EXPECT_EQ(rows[3]["covered_seconds"], 300);
}

// 1000 B/s rx and 10 B/s tx, read every minute, from 00:00 on `first` to
// 00:00 on `last` in New York.
TraceBuilder steady_in_new_york(std::int64_t from_s, std::int64_t to_s) {
  TraceBuilder trace({"eth0"});
  trace.steady(from_s, to_s, 60, Rates{{1000, 10}});
  return trace;
}

TEST_F(ReportNumbers, GivesTheFallBackDayTwentyFiveHoursInNewYork) {
  // 2026-10-31T00:00-04:00 .. 2026-11-03T00:00-05:00
  m_test.replay(steady_in_new_york(1'793'419'200, 1'793'682'000), {"--interval", "60"});
  const json eth0 = m_test.json({"--day", "--begin", "2026-10-31", "--end", "2026-11-03"},
                                "America/New_York")["interfaces"][0];
  const json& rows = eth0["rows"];
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0]["seconds"], 86'400);
  EXPECT_EQ(rows[0]["rx_bytes"], 86'400'000);
  const json& day = rows[1];
  EXPECT_EQ(day["start"], "2026-11-01T00:00:00-04:00");
  EXPECT_EQ(day["end"], "2026-11-02T00:00:00-05:00");
  EXPECT_EQ(day["seconds"], 90'000);
  EXPECT_EQ(day["covered_seconds"], 90'000);
  EXPECT_EQ(day["rx_bytes"], 90'000'000);
  EXPECT_EQ(day["tx_bytes"], 900'000);
  EXPECT_EQ(day["rx_avg"], 1000.0);
  EXPECT_EQ(day["rx_peak"], 1000.0);
  EXPECT_EQ(day["rx_peak_at"], "2026-11-01T00:00:00-04:00");
  EXPECT_EQ(day["rx_p95"], 1000.0);
  EXPECT_EQ(rows[2]["seconds"], 86'400);
  EXPECT_EQ(eth0["total"]["seconds"], 262'800);
  EXPECT_EQ(eth0["total"]["rx_bytes"], 262'800'000);
  EXPECT_EQ(eth0["total"]["start"], "2026-10-31T00:00:00-04:00");
  EXPECT_EQ(eth0["total"]["end"], "2026-11-03T00:00:00-05:00");
}

TEST_F(ReportNumbers, ShowsTheRepeatedHourTwiceOnTheFallBackDay) {
  m_test.replay(steady_in_new_york(1'793'419'200, 1'793'682'000), {"--interval", "60"});
  const json rows = m_test.json({"--hour", "--begin", "2026-11-01", "--end", "2026-11-02"},
                                "America/New_York")["interfaces"][0]["rows"];
  ASSERT_EQ(rows.size(), 25U);
  EXPECT_EQ(rows[1]["start"], "2026-11-01T01:00:00-04:00");
  EXPECT_EQ(rows[2]["start"], "2026-11-01T01:00:00-05:00");
  EXPECT_EQ(rows[3]["start"], "2026-11-01T02:00:00-05:00");
  EXPECT_EQ(rows[24]["end"], "2026-11-02T00:00:00-05:00");
  for (const json& row : rows) {
    EXPECT_EQ(row["seconds"], 3600);
    EXPECT_EQ(row["rx_bytes"], 3'600'000);
  }
}

TEST_F(ReportNumbers, GivesTheSpringForwardDayTwentyThreeHoursInNewYork) {
  // 2026-03-07T00:00-05:00 .. 2026-03-10T00:00-04:00
  m_test.replay(steady_in_new_york(1'772'859'600, 1'773'115'200), {"--interval", "60"});
  const json rows = m_test.json({"--day", "--begin", "2026-03-08", "--end", "2026-03-09"},
                                "America/New_York")["interfaces"][0]["rows"];
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0]["start"], "2026-03-08T00:00:00-05:00");
  EXPECT_EQ(rows[0]["end"], "2026-03-09T00:00:00-04:00");
  EXPECT_EQ(rows[0]["seconds"], 82'800);
  EXPECT_EQ(rows[0]["rx_bytes"], 82'800'000);
  const json hours = m_test.json({"--hour", "--begin", "2026-03-08", "--end", "2026-03-09"},
                                 "America/New_York")["interfaces"][0]["rows"];
  ASSERT_EQ(hours.size(), 23U);
  EXPECT_EQ(hours[2]["start"], "2026-03-08T03:00:00-04:00");
}

TEST_F(ReportNumbers, CutsDaysAtQuarterPastInKathmandu) {
  // 1000 B/s, but 2000 B/s for exactly the local day 2026-06-01, which runs
  // from 2026-05-31T18:15Z to 2026-06-01T18:15Z.
  TraceBuilder trace({"eth0"});
  trace.steady(utc(2026, 5, 31, 12), utc(2026, 5, 31, 18, 15), 60, Rates{{1000, 0}});
  trace.steady(0, utc(2026, 6, 1, 18, 15), 60, Rates{{2000, 0}});
  trace.steady(0, utc(2026, 6, 2), 60, Rates{{1000, 0}});
  m_test.replay(trace, {"--interval", "60"});
  const json rows = m_test.json({"--day", "--begin", "2026-05-31", "--end", "2026-06-02"},
                                "Asia/Kathmandu")["interfaces"][0]["rows"];
  ASSERT_EQ(rows.size(), 2U);
  // Recorded from 12:00Z, 17:45 local: 6 h 15 min of the day before.
  EXPECT_EQ(rows[0]["start"], "2026-05-31T00:00:00+05:45");
  EXPECT_EQ(rows[0]["covered_seconds"], 22'500);
  EXPECT_EQ(rows[0]["rx_bytes"], 22'500'000);
  EXPECT_EQ(rows[0]["rx_avg"], 22'500'000.0 / 86'400.0);
  EXPECT_EQ(rows[1]["start"], "2026-06-01T00:00:00+05:45");
  EXPECT_EQ(rows[1]["end"], "2026-06-02T00:00:00+05:45");
  EXPECT_EQ(rows[1]["seconds"], 86'400);
  EXPECT_EQ(rows[1]["rx_bytes"], 172'800'000);
  EXPECT_EQ(rows[1]["rx_peak"], 2000.0);
  EXPECT_EQ(rows[1]["rx_peak_at"], "2026-06-01T00:00:00+05:45");
}

// 100 B/s from 2026-10-10 to 2026-11-20 UTC, read every 5 minutes.
TraceBuilder six_weeks() {
  TraceBuilder trace({"eth0"});
  trace.steady(utc(2026, 10, 10), utc(2026, 11, 20), 300, Rates{{100, 0}});
  return trace;
}

void expect_billing_cycles_from_the_fifteenth(const json& eth0) {
  const json& rows = eth0["rows"];
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0]["start"], "2026-09-15T00:00:00+00:00");
  EXPECT_EQ(rows[0]["end"], "2026-10-15T00:00:00+00:00");
  EXPECT_EQ(rows[0]["seconds"], 2'592'000);
  EXPECT_EQ(rows[0]["covered_seconds"], 432'000); // from Oct 10: 5 days
  EXPECT_EQ(rows[0]["rx_bytes"], 43'200'000);
  EXPECT_EQ(rows[0]["rx_avg"], 43'200'000.0 / 2'592'000.0);
  EXPECT_EQ(rows[1]["start"], "2026-10-15T00:00:00+00:00");
  EXPECT_EQ(rows[1]["seconds"], 2'678'400); // 31 days
  EXPECT_EQ(rows[1]["rx_bytes"], 267'840'000);
  EXPECT_EQ(rows[1]["rx_avg"], 100.0);
  EXPECT_EQ(rows[2]["start"], "2026-11-15T00:00:00+00:00");
  EXPECT_EQ(rows[2]["end"], "2026-12-15T00:00:00+00:00");
  EXPECT_EQ(rows[2]["rx_bytes"], 43'200'000);
  EXPECT_EQ(rows[2]["rx_avg"], 100.0); // over the 5 days elapsed
  EXPECT_EQ(eth0["total"]["rx_bytes"], 354'240'000);
  EXPECT_EQ(eth0["total"]["seconds"], 7'862'400);
}

TEST_F(ReportNumbers, StartsMonthsOnTheFifteenthForABillingCycle) {
  m_test.replay(six_weeks(), {"--interval", "300"});
  expect_billing_cycles_from_the_fifteenth(m_test.json(
      {"--month", "--month-start", "15", "--now", "2026-11-20T00:00:00Z"})["interfaces"][0]);
}

TEST_F(ReportNumbers, TakesTheMonthStartOfOneInterfaceFromTheConfigFile) {
  m_test.replay(six_weeks(), {"--interval", "300"});
  const std::filesystem::path config = m_test.dir() / "report.toml";
  testing::write_file(config, "month-start = [\"eth0=15\"]\n");
  expect_billing_cycles_from_the_fifteenth(m_test.json(
      {"--month", "--config", config.string(), "--now", "2026-11-20T00:00:00Z"})["interfaces"][0]);
}

// eth0 at 1000 B/s and wlan0 at 500 B/s for 5 minutes, both bursting in the
// same second (8000 + 4000 B), and eth0 alone later (11000 B).
TraceBuilder two_interfaces() {
  const std::int64_t t2 = utc(2026, 5, 3);
  TraceBuilder trace({"eth0", "wlan0"});
  trace.snapshot(t2 * 1000, {{0, 0}, {0, 0}});
  for (std::int64_t s = 1; s <= 300; ++s) {
    const std::uint64_t eth0 = s == 101 ? 8000 : s == 201 ? 11'000 : 1000;
    const std::uint64_t wlan0 = s == 101 ? 4000 : 500;
    trace.snapshot((t2 + s) * 1000, {{eth0, 0}, {wlan0, 0}});
  }
  return trace;
}

TEST_F(ReportNumbers, AddsInterfacesIntoOneRowSetWithThePeakOfTheSum) {
  m_test.replay(two_interfaces());
  const json doc = m_test.json(
      {"-i", "eth0+wlan0", "--five", "--begin", "2026-05-03T00:00", "--end", "2026-05-03T00:05"});
  ASSERT_EQ(doc["interfaces"].size(), 1U);
  EXPECT_EQ(doc["interfaces"][0]["name"], "eth0+wlan0");
  const json& row = doc["interfaces"][0]["rows"][0];
  EXPECT_EQ(row["rx_bytes"], 470'500); // 317000 + 153500
  EXPECT_EQ(row["covered_seconds"], 300);
  EXPECT_EQ(row["rx_peak"], 12'000.0); // both at once beat eth0's 11000 alone
  EXPECT_EQ(row["rx_peak_at"], "2026-05-03T00:01:40+00:00");
  EXPECT_EQ(row["rx_p95"], 470'500.0 / 300.0);
  EXPECT_EQ(row["tx_bytes"], 0);
  EXPECT_EQ(row["tx_peak"], 0.0);
  EXPECT_TRUE(row["tx_peak_at"].is_null());
}

TEST_F(ReportNumbers, FallsBackToTheHighestMemberPeakOnceSamplesExpired) {
  m_test.replay(two_interfaces(), {"--keep-samples", "0.0001"});
  const json row = m_test.json({"-i", "eth0+wlan0", "--five", "--begin", "2026-05-03T00:00",
                                "--end", "2026-05-03T00:05"})["interfaces"][0]["rows"][0];
  EXPECT_EQ(row["rx_bytes"], 470'500);
  EXPECT_EQ(row["rx_peak"], 11'000.0);
  EXPECT_EQ(row["rx_peak_at"], "2026-05-03T00:03:20+00:00");
}

// 17 buckets at 100..1700 B/s in scrambled order, read every minute; then the
// machine is off until one minute before 01:35, when it boots and moves
// 600000 B in that minute; then 5 minutes at 5000 B/s.
TraceBuilder crafted_buckets() {
  const std::int64_t t3 = utc(2026, 5, 4);
  TraceBuilder trace({"eth0"});
  trace.snapshot(t3 * 1000, {{0, 0}});
  for (std::int64_t bucket = 0; bucket < 17; ++bucket) {
    const std::uint64_t rate = static_cast<std::uint64_t>((7 * bucket) % 17 + 1) * 100;
    trace.steady(t3 + bucket * 300, t3 + (bucket + 1) * 300, 60, Rates{{rate, 0}});
  }
  trace.reboot("b2").boot_ms(60'000).snapshot((t3 + 95 * 60) * 1000, {{600'000, 0}});
  trace.steady(t3 + 95 * 60, t3 + 100 * 60, 60, Rates{{5000, 0}});
  return trace;
}

TEST_F(ReportNumbers, TakesTheNearestRankP95OverCoveredBucketRates) {
  m_test.replay(crafted_buckets(), {"--interval", "60"});
  const json row = m_test.json(
      {"--begin", "2026-05-04T00:00", "--end", "2026-05-04T01:40"})["interfaces"][0]["rows"][0];
  EXPECT_EQ(row["rx_bytes"], 6'690'000); // 153 x 100 x 300 + 600000 + 1500000
  EXPECT_EQ(row["covered_seconds"], 5460);
  // 19 covered buckets: 100..1700, 10000 (600000 B over its 60 covered s) and
  // 5000; rank ceil(0.95 x 19) = 19 is the highest. Counting the two buckets
  // without coverage as 0, or the boot bucket's rate over 300 s, would give 5000.
  EXPECT_EQ(row["rx_p95"], 10'000.0);
  EXPECT_EQ(row["rx_peak"], 10'000.0);
  EXPECT_EQ(row["rx_peak_at"], "2026-05-04T01:34:00+00:00");
}

TEST_F(ReportNumbers, GivesABucketWithoutRecordingNoFigures) {
  m_test.replay(crafted_buckets(), {"--interval", "60"});
  const json rows = m_test.json({"--five", "--begin", "2026-05-04T01:25", "--end",
                                 "2026-05-04T01:35"})["interfaces"][0]["rows"];
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0]["covered_seconds"], 0);
  EXPECT_EQ(rows[0]["rx_bytes"], 0);
  EXPECT_TRUE(rows[0]["rx_peak_at"].is_null());
  EXPECT_EQ(rows[1]["covered_seconds"], 60);
  EXPECT_EQ(rows[1]["rx_avg"], 2000.0); // 600000 B over the bucket's 300 s
  EXPECT_EQ(rows[1]["rx_p95"], 10'000.0);
}

} // namespace
} // namespace octolog::e2e

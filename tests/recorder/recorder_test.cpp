#include "../common/temp_dir.hpp"
#include "recorder.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

namespace octolog::recorder {
namespace {

constexpr std::int64_t k_edge = 1'780'000'200'000; // a 5-minute edge

Snapshot reading(std::int64_t unix_ms, std::uint64_t rx) {
  InterfaceCounters eth;
  eth.name = "eth0";
  eth.ifindex = 2;
  eth.rx_bytes = rx;
  eth.tx_bytes = rx / 2;
  return Snapshot{unix_ms, std::nullopt, "boot", {eth}};
}

std::string totals(Store& store, const std::string& view) {
  return store.database()
      .execAndGet("SELECT coalesce(sum(rx_bytes), 0) || ' ' || coalesce(sum(tx_bytes), 0) FROM " +
                  view)
      .getString();
}

struct Outage : ::testing::Test {
  Outage() { spdlog::set_level(spdlog::level::off); }
  ~Outage() override { spdlog::set_level(spdlog::level::info); }
  testing::TempDir dir;
};

// Readings 5 minutes apart each fill a bucket of their own, so merging frees
// nothing and the 10-row buffer fills after five of them.
TEST_F(Outage, KeepsEveryByteThroughAnOutageLongerThanItsBuffer) {
  Options options;
  options.db = dir / "octolog.db";
  options.max_buffered_rows = 10;
  Store store(options.db, Store::Access::read_write);
  Recorder recorder(options, store);
  recorder.record(reading(k_edge, 1000));
  ASSERT_TRUE(recorder.flush(k_edge));

  store.database().exec("PRAGMA query_only = 1"); // every write now fails
  std::uint64_t rx = 1000;
  for (int i = 1; i <= 12; ++i) {
    rx += 1000 * static_cast<std::uint64_t>(i);
    recorder.record(reading(k_edge + i * k_five_minutes_ms, rx));
    EXPECT_FALSE(recorder.flush(k_edge + i * k_five_minutes_ms));
  }
  EXPECT_EQ(recorder.buffered(), 6U); // six deltas, then accounting paused

  store.database().exec("PRAGMA query_only = 0");
  ASSERT_TRUE(recorder.flush(k_edge + 12 * k_five_minutes_ms));
  rx += 500;
  recorder.record(reading(k_edge + 12 * k_five_minutes_ms + 1000, rx));
  ASSERT_TRUE(recorder.flush(k_edge + 12 * k_five_minutes_ms + 1000));

  const std::string expected = std::to_string(rx - 1000) + " " + std::to_string((rx - 1000) / 2);
  EXPECT_EQ(totals(store, "traffic_hourly"), expected);
  EXPECT_EQ(totals(store, "traffic_5min"), expected);
  EXPECT_EQ(totals(store, "traffic_samples"), expected);
  // The paused time, from the sixth reading to the last, is one coarse delta,
  // cut at the 5-minute edges into 7 pieces.
  EXPECT_EQ(store.database()
                .execAndGet("SELECT count(*) FROM traffic_samples WHERE start_ms >= " +
                            std::to_string(k_edge + 6 * k_five_minutes_ms))
                .getInt(),
            7);
}

TEST_F(Outage, WritesTheBufferOnceWhenWritingWorksAgain) {
  Options options;
  options.db = dir / "octolog.db";
  Store store(options.db, Store::Access::read_write);
  Recorder recorder(options, store);
  recorder.record(reading(k_edge, 0));
  ASSERT_TRUE(recorder.flush(k_edge));
  store.database().exec("PRAGMA query_only = 1");
  for (int i = 1; i <= 5; ++i) {
    recorder.record(reading(k_edge + 1000 * i, 100U * static_cast<std::uint64_t>(i)));
    EXPECT_FALSE(recorder.flush(k_edge + 1000 * i));
  }
  store.database().exec("PRAGMA query_only = 0");
  ASSERT_TRUE(recorder.flush(k_edge + 5000));
  ASSERT_TRUE(recorder.flush(k_edge + 5000));
  EXPECT_EQ(totals(store, "traffic_samples"), "500 250");
  EXPECT_EQ(store.database().execAndGet("SELECT count(*) FROM traffic_samples").getInt(), 5);
}

InterfaceCounters counters(std::string name, std::int64_t ifindex, std::uint64_t rx) {
  InterfaceCounters interface;
  interface.name = std::move(name);
  interface.ifindex = ifindex;
  interface.rx_bytes = rx;
  return interface;
}

// What decides that the live recorder may sleep: the recorded interfaces
// read as before, whatever the filtered-out ones do.
TEST(Recorder, FindsCountersUnchangedOnlyOnTheInterfacesItRecords) {
  testing::TempDir dir;
  Options options;
  options.db = dir / "octolog.db";
  options.exclude = {"lo", "veth*"};
  Store store(options.db, Store::Access::read_write);
  Recorder recorder(options, store);
  const auto snapshot = [](std::int64_t unix_ms, std::uint64_t eth_rx, std::uint64_t lo_rx) {
    return Snapshot{unix_ms,
                    std::nullopt,
                    "boot",
                    {counters("lo", 1, lo_rx), counters("eth0", 2, eth_rx),
                     counters("veth7", 9, lo_rx), counters("veth8", 0, lo_rx)}};
  };
  EXPECT_FALSE(recorder.unchanged(snapshot(k_edge, 100, 5))); // nothing recorded yet
  recorder.record(snapshot(k_edge, 100, 5));
  EXPECT_EQ(recorder.ignored_ifindexes(), (std::vector<std::int64_t>{1, 9})); // index 0: unknown

  EXPECT_TRUE(recorder.unchanged(snapshot(k_edge + 1000, 100, 5)));
  EXPECT_TRUE(recorder.unchanged(snapshot(k_edge + 1000, 100, 777))); // only lo and veths moved
  EXPECT_FALSE(recorder.unchanged(snapshot(k_edge + 1000, 101, 5)));

  Snapshot appeared = snapshot(k_edge + 1000, 100, 5);
  appeared.interfaces.push_back(counters("wg0", 12, 0));
  EXPECT_FALSE(recorder.unchanged(appeared));
  Snapshot vanished = snapshot(k_edge + 1000, 100, 5);
  vanished.interfaces.erase(vanished.interfaces.begin() + 1);
  EXPECT_FALSE(recorder.unchanged(vanished));
  Snapshot renumbered = snapshot(k_edge + 1000, 100, 5);
  renumbered.interfaces[1].ifindex = 3; // eth0 recreated: not the same interface
  EXPECT_FALSE(recorder.unchanged(renumbered));

  // record() tells the same of the snapshot it accounts.
  EXPECT_TRUE(recorder.record(snapshot(k_edge + 1000, 100, 777)));
  EXPECT_FALSE(recorder.record(snapshot(k_edge + 2000, 101, 5)));
  EXPECT_FALSE(recorder.record(appeared));
}

TEST(Recorder, TakesWhatAFlushWouldWriteAndStartsAnEmptyBuffer) {
  testing::TempDir dir;
  Options options;
  options.db = dir / "octolog.db";
  Store store(options.db, Store::Access::read_write);
  Recorder recorder(options, store);
  EXPECT_EQ(recorder.take_batch(k_edge), std::nullopt);

  recorder.record(reading(k_edge, 1000));
  recorder.record(reading(k_edge + 1000, 1600));
  std::optional<FlushBatch> batch = recorder.take_batch(k_edge + 1000);
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->buffer.samples(),
            (std::vector<Delta>{{"eth0", k_edge, k_edge + 1000, 600, 300, 0, 0, 0}}));
  ASSERT_EQ(batch->state.size(), 1U);
  EXPECT_EQ(batch->state[0].rx_bytes, 1600U);
  EXPECT_EQ(batch->accounted_until_ms, k_edge + 1000);
  ASSERT_EQ(batch->present.size(), 1U);
  EXPECT_EQ(batch->present[0].name, "eth0");
  EXPECT_EQ(batch->now_ms, k_edge + 1000);
  EXPECT_EQ(recorder.buffered(), 0U);

  // The next batch counts on from the state handed over.
  recorder.record(reading(k_edge + 2000, 1700));
  batch = recorder.take_batch(k_edge + 2000);
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->buffer.samples(),
            (std::vector<Delta>{{"eth0", k_edge + 1000, k_edge + 2000, 100, 50, 0, 0, 0}}));
}

// Readings 5 minutes apart, each one sample and one bucket, with samples kept
// for an hour: a half-full buffer of 100 rows first drops the samples that
// ended over an hour ago, and is written once that frees too little.
TEST(Recorder, ReplayWritesWhenDroppingExpiredSamplesFreesTooLittle) {
  testing::TempDir dir;
  Options options;
  options.db = dir / "octolog.db";
  options.max_buffered_rows = 100;
  options.retention.samples_ms = k_hour_ms;
  Store store(options.db, Store::Access::read_write);
  Recorder recorder(options, store);
  const auto at = [](int reading) { return k_edge + reading * k_five_minutes_ms; };
  const auto record = [&](int i) {
    recorder.record(reading(at(i), 1000U * static_cast<std::uint64_t>(i)));
    return recorder.wants_replay_flush(at(i));
  };
  for (int i = 0; i <= 24; ++i) {
    ASSERT_FALSE(record(i)) << i; // up to 48 rows
  }
  // 50 rows: the samples ending by reading 13 go (13 of them, over an eighth).
  EXPECT_FALSE(record(25));
  for (int i = 26; i <= 31; ++i) {
    ASSERT_FALSE(record(i)) << i;
  }
  // 51 rows again; only the samples ending at 14 to 20 to drop: written.
  EXPECT_TRUE(record(32));
  std::optional<FlushBatch> batch = recorder.take_batch(at(32));
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->buffer.samples().size(), 12U);
  EXPECT_EQ(batch->buffer.samples().front().start_ms, at(20));
  EXPECT_EQ(batch->buffer.five_minutes().size(), 32U);
}

TEST(Recorder, CountsTheGapsOfAReplay) {
  testing::TempDir dir;
  Options options;
  options.db = dir / "octolog.db";
  options.replay = dir / "history.trace";
  Store store(options.db, Store::Access::read_write);
  Recorder recorder(options, store);
  recorder.record(reading(k_edge, 0));
  recorder.record(reading(k_edge + 1000, 100));
  recorder.record(reading(k_edge + 301'000, 200)); // 300 s after the one before
  recorder.record(reading(k_edge + 302'000, 300));
  recorder.record(reading(k_edge + 602'000, 400));
  EXPECT_EQ(recorder.gaps(), 2U);
}

} // namespace
} // namespace octolog::recorder

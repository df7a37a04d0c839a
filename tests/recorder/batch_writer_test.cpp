#include "../common/temp_dir.hpp"
#include "batch_writer.hpp"

#include "octolog/error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace octolog::recorder {
namespace {

constexpr std::int64_t k_edge = 1'780'000'200'000; // a 5-minute edge

// One second of eth0 moving `rx` bytes, starting `second` seconds after k_edge.
FlushBatch second_of_traffic(int second, std::uint64_t rx) {
  FlushBatch batch;
  const std::int64_t start_ms = k_edge + std::int64_t{second} * 1000;
  batch.buffer.add(Delta{"eth0", start_ms, start_ms + 1000, rx, 0, 1, 0, 0});
  batch.accounted_until_ms = start_ms + 1000;
  batch.now_ms = start_ms + 1000;
  return batch;
}

std::string samples(Store& store) {
  return store.database()
      .execAndGet("SELECT count(*) || ' ' || coalesce(sum(rx_bytes), 0) FROM traffic_samples")
      .getString();
}

TEST(BatchWriter, WritesEveryBatchGivenByFinish) {
  testing::TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  BatchWriter writer(store, Retention{}, dir / "octolog.db");
  for (int second = 0; second < 10; ++second) {
    writer.write(second_of_traffic(second, 100));
  }
  writer.finish();
  EXPECT_EQ(samples(store), "10 1000");
  EXPECT_EQ(store.load_accounted_until(), k_edge + 10'000);
}

// An exception in the thread that reads (a malformed trace) destroys the
// writer unfinished: what it was given is written all the same.
TEST(BatchWriter, WritesWhatItWasGivenWhenDestroyedUnfinished) {
  testing::TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  {
    BatchWriter writer(store, Retention{}, dir / "octolog.db");
    writer.write(second_of_traffic(0, 100));
    writer.write(second_of_traffic(1, 200));
  }
  EXPECT_EQ(samples(store), "2 300");
}

TEST(BatchWriter, ThrowsAFailedWriteNamingTheDatabaseAndWritesNothingAfterIt) {
  testing::TempDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  BatchWriter writer(store, Retention{}, dir / "octolog.db");
  writer.write(second_of_traffic(0, 100));
  // Let the first batch be written before every write fails.
  writer.finish();
  store.database().exec("PRAGMA query_only = 1");

  BatchWriter failing(store, Retention{}, dir / "octolog.db");
  std::string error;
  try {
    for (int second = 1; second < 10; ++second) {
      failing.write(second_of_traffic(second, 100));
    }
    failing.finish();
  } catch (const Error& e) {
    error = e.what();
  }
  EXPECT_EQ(error.rfind("cannot write to " + (dir / "octolog.db").string() + ": ", 0), 0U)
      << error;
  store.database().exec("PRAGMA query_only = 0");
  EXPECT_EQ(samples(store), "1 100");
}

} // namespace
} // namespace octolog::recorder

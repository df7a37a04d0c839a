#include "../temp_dir.hpp"

#include "octolog/error.hpp"
#include "octolog/store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

// POSIX only: Windows does not let a file that SQLite holds open be replaced
// or overwritten by another program.
namespace octolog {
namespace {

using testing::TempDir;

constexpr std::int64_t k_edge = 1'780'000'200'000; // a 5-minute edge

std::string flush_error(Store& store) {
  try {
    store.flush(SampleBuffer{}, {}, k_edge, {}, k_edge, Retention{});
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Store, StopsWritingWhenItsFileIsOverwrittenWhileOpen) {
  TempDir dir;
  const auto path = dir / "octolog.db";
  const std::string garbage(20000, 'g');
  {
    Store store(path, Store::Access::read_write);
    SampleBuffer buffer;
    buffer.add(Delta{"eth0", k_edge, k_edge + 1000, 100, 0, 1, 0, 0});
    store.flush(buffer, {}, k_edge + 1000, {}, k_edge + 1000, Retention{});
    testing::write_file(path, garbage);
    const std::string expected =
        path.string() + " was overwritten with something that is not SQLite while recording; "
                        "stopped without writing to it (the readings since the last flush are "
                        "not recorded)";
    EXPECT_EQ(flush_error(store), expected);
    EXPECT_EQ(flush_error(store), expected);
  }
  EXPECT_EQ(testing::read_file(path), garbage);
}

TEST(Store, StopsWritingWhenItsFileIsReplacedWhileOpen) {
  TempDir dir;
  const auto path = dir / "octolog.db";
  Store store(path, Store::Access::read_write);
  testing::write_file(dir / "other", "other");
  std::filesystem::rename(dir / "other", path);
  EXPECT_EQ(flush_error(store), path.string() +
                                    " was replaced by another file while recording; stopped "
                                    "without writing to it (the readings since the last flush "
                                    "are not recorded)");
}

} // namespace
} // namespace octolog

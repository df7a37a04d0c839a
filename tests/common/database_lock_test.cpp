#include "octolog/database_lock.hpp"
#include "octolog/error.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace octolog {
namespace {

TEST(DatabaseLock, CreatesTheDirectoryAndTheLockFile) {
  testing::TempDir dir;
  const std::filesystem::path database = dir / "deep" / "er" / "octolog.db";
  const DatabaseLock lock(database);
  EXPECT_TRUE(std::filesystem::is_regular_file(database.string() + ".lock"));
}

TEST(DatabaseLock, TakesAPathOutsideAscii) {
  testing::TempDir dir;
  const std::filesystem::path database = dir.path() / u8"caf\u00e9" / u8"\u00e9t\u00e9.db";
  const DatabaseLock lock(database);
  EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::path(database) += ".lock"));
}

TEST(DatabaseLock, RefusesASecondHolderUntilTheFirstIsGone) {
  testing::TempDir dir;
  const std::filesystem::path database = dir / "octolog.db";
  std::optional<DatabaseLock> first(std::in_place, database);
  try {
    const DatabaseLock second(database);
    FAIL() << "a second lock on the same database was granted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "another octolog-recorder is already recording to " + database.string());
  }
  first.reset();
  EXPECT_NO_THROW(DatabaseLock{database});
}

} // namespace
} // namespace octolog

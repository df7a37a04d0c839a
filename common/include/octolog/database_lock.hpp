#pragma once

#include <filesystem>

namespace octolog {

// An exclusive, advisory lock that stops a second recorder from writing the
// same database. Released when the object is destroyed or the process dies.
class DatabaseLock {
public:
  // Creates the database's directory if needed, then takes the lock on
  // "<database>.lock". Throws Error naming the database when another process
  // holds it, or the directory or lock file cannot be created.
  explicit DatabaseLock(const std::filesystem::path& database);
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;
  ~DatabaseLock();

private:
  std::filesystem::path m_lock_path;
  long long m_handle = -1;
};

} // namespace octolog

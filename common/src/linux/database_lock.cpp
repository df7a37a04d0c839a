#include "octolog/database_lock.hpp"

#include "octolog/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <system_error>
#include <sys/file.h>
#include <unistd.h>

namespace octolog {

// The lock is flock() on "<database>.lock", a file of its own: flock on the
// database itself would be safe from SQLite's fcntl locks, but closing any
// descriptor of the database file drops SQLite's locks on it.
DatabaseLock::DatabaseLock(const std::filesystem::path& database)
    : m_lock_path(database.string() + ".lock") {
  if (database.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(database.parent_path(), ec);
    if (ec) {
      throw Error("cannot create directory " + database.parent_path().string() + ": " +
                  ec.message());
    }
  }
  const int fd = ::open(m_lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw Error("cannot create lock file " + m_lock_path.string() + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) {
      throw Error("another octolog-recorder is already recording to " + database.string());
    }
    throw Error("cannot lock " + m_lock_path.string() + ": " + std::strerror(error));
  }
  m_handle = fd;
}

DatabaseLock::~DatabaseLock() {
  if (m_handle >= 0) {
    ::close(static_cast<int>(m_handle));
  }
}

} // namespace octolog

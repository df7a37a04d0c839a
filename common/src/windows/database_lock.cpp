#include "octolog/database_lock.hpp"

#include "octolog/error.hpp"

#include "windows/win32.hpp"

#include <cstdint>
#include <system_error>

namespace octolog {

// The lock is "<database>.lock" held open with share mode 0: no other process
// can open the file while we hold it, and Windows closes the handle, ending
// the lock, when the process dies however it dies. A file of its own, as on
// Linux: a share mode on the database itself would lock SQLite out of it.
// The lock path is built as a path, not through string(): on Windows that
// round trip through a narrow string loses every character outside ASCII.
DatabaseLock::DatabaseLock(const std::filesystem::path& database)
    : m_lock_path(std::filesystem::path(database) += L".lock") {
  if (database.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(database.parent_path(), ec);
    if (ec) {
      throw Error("cannot create directory " + database.parent_path().string() + ": " +
                  ec.message());
    }
  }
  UniqueHandle file(::CreateFileW(m_lock_path.c_str(), GENERIC_READ | GENERIC_WRITE,
                                  0 /* no sharing: this is the lock */, nullptr, OPEN_ALWAYS,
                                  FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!file) {
    const DWORD error = ::GetLastError();
    if (error == ERROR_SHARING_VIOLATION || error == ERROR_LOCK_VIOLATION) {
      throw Error("another octolog-recorder is already recording to " + database.string());
    }
    throw Error("cannot create lock file " + m_lock_path.string() + ": " + error_text(error));
  }
  m_handle = static_cast<long long>(reinterpret_cast<std::intptr_t>(file.release()));
}

DatabaseLock::~DatabaseLock() {
  if (m_handle != -1) {
    // The shared header keeps the HANDLE as an integer (it names no Windows type).
    // NOLINTNEXTLINE(performance-no-int-to-ptr)
    const UniqueHandle file(reinterpret_cast<HANDLE>(static_cast<std::intptr_t>(m_handle)));
  }
}

} // namespace octolog

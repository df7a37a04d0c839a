#pragma once

#include <unistd.h>

#include <utility>

namespace octolog {

// Owns one POSIX file descriptor and closes it on destruction. Move-only.
class UniqueFd {
public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : m_fd(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd(UniqueFd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset(std::exchange(other.m_fd, -1));
    }
    return *this;
  }
  ~UniqueFd() { reset(); }

  [[nodiscard]] int get() const { return m_fd; }
  explicit operator bool() const { return m_fd >= 0; }

  // Closes the owned descriptor, if any, and takes `fd`.
  void reset(int fd = -1) {
    if (m_fd >= 0) {
      // close() releases the descriptor even when it reports an error; on a
      // read-only file or a socket there is nothing to flush, so none is lost.
      ::close(m_fd);
    }
    m_fd = fd;
  }

private:
  int m_fd = -1;
};

} // namespace octolog

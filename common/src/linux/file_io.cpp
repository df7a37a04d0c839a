#include "linux/file_io.hpp"

#include "linux/unique_fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace octolog {

namespace {

constexpr std::size_t k_read_chunk = 4096;

} // namespace

std::string errno_text(int code) { return std::generic_category().message(code); }

bool read_whole_file(const std::filesystem::path& path, std::string& out, std::string& error) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) {
    error = "cannot open " + path.string() + ": " + errno_text(errno);
    return false;
  }
  // Read straight into the string's storage, growing it by at least a chunk
  // when full, so a reused string needs no allocation in steady state.
  std::size_t used = 0;
  out.resize(std::max(out.capacity(), k_read_chunk));
  while (true) {
    if (used == out.size()) {
      if (out.size() >= k_max_file_bytes) {
        error = path.string() + " is larger than " + std::to_string(k_max_file_bytes) + " bytes";
        return false;
      }
      out.resize(std::min(out.size() * 2, k_max_file_bytes));
    }
    const ssize_t count = ::read(fd.get(), out.data() + used, out.size() - used);
    if (count < 0) {
      if (errno == EINTR) {
        continue;
      }
      error = "cannot read " + path.string() + ": " + errno_text(errno);
      return false;
    }
    if (count == 0) {
      break;
    }
    used += static_cast<std::size_t>(count);
  }
  out.resize(used);
  return true;
}

} // namespace octolog

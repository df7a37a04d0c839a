#include "linux/sys_class_net.hpp"

#include "linux/unique_fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <system_error>

namespace octolog {

namespace {

constexpr std::uint64_t k_bits_per_megabit = 1'000'000;

bool is_safe_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string_view("/\0", 2)) == std::string_view::npos;
}

// The signed decimal number a small sysfs attribute file holds, or nullopt.
std::optional<std::int64_t> read_number(const std::filesystem::path& sys_root,
                                        std::string_view name, const char* attribute) {
  if (!is_safe_name(name)) {
    return std::nullopt;
  }
  const std::filesystem::path path = sys_root / "class" / "net" / name / attribute;
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) {
    return std::nullopt;
  }
  std::array<char, 64> buffer{};
  ssize_t count = -1;
  do {
    count = ::read(fd.get(), buffer.data(), buffer.size());
  } while (count < 0 && errno == EINTR);
  if (count <= 0) {
    return std::nullopt;
  }
  const char* const last = buffer.data() + count;
  std::int64_t value = 0;
  const auto [end, status] = std::from_chars(buffer.data(), last, value);
  if (status != std::errc{}) {
    return std::nullopt;
  }
  for (const char* p = end; p != last; ++p) {
    if (*p != '\n' && *p != ' ') {
      return std::nullopt;
    }
  }
  return value;
}

} // namespace

std::uint64_t read_link_speed_bps(const std::filesystem::path& sys_root, std::string_view name) {
  const std::optional<std::int64_t> megabits = read_number(sys_root, name, "speed");
  if (!megabits || *megabits <= 0) {
    return 0;
  }
  const auto value = static_cast<std::uint64_t>(*megabits);
  if (value > std::numeric_limits<std::uint64_t>::max() / k_bits_per_megabit) {
    return 0;
  }
  return value * k_bits_per_megabit;
}

std::int64_t read_ifindex(const std::filesystem::path& sys_root, std::string_view name) {
  const std::optional<std::int64_t> index = read_number(sys_root, name, "ifindex");
  return index && *index > 0 ? *index : 0;
}

} // namespace octolog

#include "local_time.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>

namespace octolog::local_time {

void load() { tzset(); }

std::string zone_name() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
    std::string_view name = tz;
    if (name.front() == ':') {
      name.remove_prefix(1);
    }
    if (const auto at = name.find("zoneinfo/"); at != std::string_view::npos) {
      name.remove_prefix(at + 9);
    }
    return std::string(name);
  }
  std::error_code ec;
  const std::filesystem::path target = std::filesystem::read_symlink("/etc/localtime", ec);
  if (!ec) {
    const std::string text = target.generic_string();
    if (const auto at = text.find("zoneinfo/"); at != std::string::npos) {
      return text.substr(at + 9);
    }
  }
  std::ifstream etc_timezone("/etc/timezone");
  std::string line;
  if (std::getline(etc_timezone, line) && !line.empty()) {
    return line;
  }
  return "localtime";
}

std::optional<CivilTime> civil_time(std::int64_t unix_s) {
  const auto time = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  if (localtime_r(&time, &tm) == nullptr) {
    return std::nullopt;
  }
  return CivilTime{CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}, tm.tm_hour, tm.tm_min,
                   std::min(tm.tm_sec, 59)};
}

} // namespace octolog::local_time

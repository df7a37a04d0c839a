#include "octolog/time_zone.hpp"

#include "octolog/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>

namespace octolog {
namespace {

CivilTime civil_from_tm(const std::tm& tm) {
  return CivilTime{CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}, tm.tm_hour, tm.tm_min,
                   std::min(tm.tm_sec, 59)};
}

// The tz database name behind /etc/localtime or TZ, for display only.
std::string local_zone_name() {
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

} // namespace

TimeZone TimeZone::local() {
  tzset();
  return TimeZone(false, local_zone_name());
}

TimeZone TimeZone::utc() { return TimeZone(true, "UTC"); }

CivilTime TimeZone::to_civil(std::int64_t unix_s) const {
  if (m_utc) {
    return civil_from_seconds(unix_s);
  }
  const auto time = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  if (localtime_r(&time, &tm) == nullptr) {
    throw Error("time " + std::to_string(unix_s) + " is out of the C library's range");
  }
  return civil_from_tm(tm);
}

std::int64_t TimeZone::utc_offset(std::int64_t unix_s) const {
  return m_utc ? 0 : seconds_from_civil(to_civil(unix_s)) - unix_s;
}

std::vector<std::int64_t> TimeZone::instants_of(const CivilTime& time) const {
  const std::int64_t naive = seconds_from_civil(time);
  // Offsets change at most once or twice within a day in every zone there is:
  // the offsets a day either side cover every candidate.
  std::vector<std::int64_t> instants;
  for (const std::int64_t probe : {naive - 86'400, naive, naive + 86'400}) {
    const std::int64_t candidate = naive - utc_offset(probe);
    if (to_civil(candidate) == time &&
        std::find(instants.begin(), instants.end(), candidate) == instants.end()) {
      instants.push_back(candidate);
    }
  }
  std::sort(instants.begin(), instants.end());
  return instants;
}

std::int64_t TimeZone::first_instant_from(const CivilTime& time) const {
  if (const std::vector<std::int64_t> instants = instants_of(time); !instants.empty()) {
    return instants.front();
  }
  // Skipped by a forward jump: the jump lies between the readings under the
  // offsets before and after it; search that stretch for the first instant
  // whose reading is at or past `time`.
  const std::int64_t naive = seconds_from_civil(time);
  const std::int64_t before = utc_offset(naive - 86'400);
  const std::int64_t after = utc_offset(naive + 86'400);
  std::int64_t low = naive - std::max(before, after);
  std::int64_t high = naive - std::min(before, after);
  const auto reached = [&](std::int64_t t) { return t + utc_offset(t) >= naive; };
  if (low >= high || reached(low) || !reached(high)) {
    return naive - before;
  }
  while (high - low > 1) {
    const std::int64_t middle = low + (high - low) / 2;
    (reached(middle) ? high : low) = middle;
  }
  return high;
}

std::string format_iso8601(std::int64_t unix_ms, const TimeZone& zone) {
  const std::int64_t unix_s = floor_div(unix_ms, 1000);
  const auto millis = static_cast<int>(floor_mod(unix_ms, 1000));
  const CivilTime t = zone.to_civil(unix_s);
  std::string text = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", t.date.year, t.date.month,
                                 t.date.day, t.hour, t.minute, t.second);
  if (millis != 0) {
    text += fmt::format(".{:03}", millis);
  }
  const std::int64_t offset = zone.utc_offset(unix_s);
  const std::int64_t magnitude = offset < 0 ? -offset : offset;
  text +=
      fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', magnitude / 3600, magnitude % 3600 / 60);
  if (magnitude % 60 != 0) {
    text += fmt::format(":{:02}", magnitude % 60);
  }
  return text;
}

} // namespace octolog

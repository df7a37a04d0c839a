#include "octolog/time_zone.hpp"

#include "octolog/error.hpp"

#include "local_time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace octolog {

namespace {

// The tz database's names of UTC: a local zone by one of them never changes
// its offset, so its conversions are the arithmetic of utc() (many servers
// run in UTC; a year of local days costs no C library calls then).
bool names_utc(std::string_view name) {
  if (name.starts_with("Etc/")) {
    name.remove_prefix(4);
  }
  constexpr std::array<std::string_view, 9> k_names{"UTC",  "UCT",  "Universal", "Zulu",
                                                    "GMT",  "GMT0", "Greenwich", "UTC0",
                                                    "GMT+0"};
  return std::find(k_names.begin(), k_names.end(), name) != k_names.end();
}

} // namespace

TimeZone TimeZone::local() {
  local_time::load();
  std::string name = local_time::zone_name();
  const bool utc = names_utc(name);
  return TimeZone(utc, std::move(name));
}

TimeZone TimeZone::utc() { return TimeZone(true, "UTC"); }

CivilTime TimeZone::to_civil(std::int64_t unix_s) const {
  if (m_utc) {
    return civil_from_seconds(unix_s);
  }
  std::optional<CivilTime> civil = local_time::civil_time(unix_s);
  if (!civil) {
    throw Error("time " + std::to_string(unix_s) + " is out of the local time zone's range");
  }
  return *civil;
}

std::int64_t TimeZone::utc_offset(std::int64_t unix_s) const {
  return m_utc ? 0 : seconds_from_civil(to_civil(unix_s)) - unix_s;
}

std::vector<std::int64_t> TimeZone::instants_of(const CivilTime& time) const {
  const std::int64_t naive = seconds_from_civil(time);
  if (m_utc) {
    return {naive};
  }
  // Offsets change at most once or twice within a day in every zone there is:
  // the offsets a day either side cover every candidate.
  std::vector<std::int64_t> instants;
  std::vector<std::int64_t> tried;
  for (const std::int64_t probe : {naive - 86'400, naive, naive + 86'400}) {
    const std::int64_t candidate = naive - utc_offset(probe);
    if (std::find(tried.begin(), tried.end(), candidate) != tried.end()) {
      continue; // the same offset as a probe before: nearly always
    }
    tried.push_back(candidate);
    if (to_civil(candidate) == time) {
      instants.push_back(candidate);
    }
  }
  std::sort(instants.begin(), instants.end());
  return instants;
}

std::int64_t TimeZone::first_instant_from(const CivilTime& time) const {
  if (m_utc) {
    return seconds_from_civil(time); // every reading is one instant
  }
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

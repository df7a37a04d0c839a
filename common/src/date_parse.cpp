#include "octolog/date_parse.hpp"

#include "octolog/error.hpp"

#include <charconv>
#include <optional>
#include <string>

namespace octolog {
namespace {

constexpr std::string_view k_forms =
    "use YYYY-MM-DD, YYYY-MM, YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], today, yesterday, now "
    "or -N followed by s, m, h, d or w";

// Reads exactly `digits` decimal digits from the front of `text`.
std::optional<int> take_digits(std::string_view& text, std::size_t digits) {
  if (text.size() < digits) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  text.remove_prefix(digits);
  return value;
}

bool take_char(std::string_view& text, char c) {
  if (!text.empty() && text.front() == c) {
    text.remove_prefix(1);
    return true;
  }
  return false;
}

// "Z", "+HH", "+HHMM" or "+HH:MM" (or '-'), the whole of `text`: seconds east of UTC.
std::optional<std::int64_t> parse_offset(std::string_view text) {
  if (text == "Z" || text == "z") {
    return 0;
  }
  if (text.empty() || (text.front() != '+' && text.front() != '-')) {
    return std::nullopt;
  }
  const int sign = text.front() == '-' ? -1 : 1;
  text.remove_prefix(1);
  const std::optional<int> hours = take_digits(text, 2);
  take_char(text, ':');
  std::optional<int> minutes = 0;
  if (!text.empty()) {
    minutes = take_digits(text, 2);
  }
  if (!hours || !minutes || !text.empty() || *hours > 23 || *minutes > 59) {
    return std::nullopt;
  }
  return sign * (std::int64_t{*hours} * 3600 + std::int64_t{*minutes} * 60);
}

std::optional<std::int64_t> parse_relative(std::string_view text, std::int64_t now_ms) {
  if (text.size() < 3 || text.front() != '-') {
    return std::nullopt;
  }
  std::int64_t unit_s = 0;
  switch (text.back()) {
  case 's':
    unit_s = 1;
    break;
  case 'm':
    unit_s = 60;
    break;
  case 'h':
    unit_s = 3600;
    break;
  case 'd':
    unit_s = 86'400;
    break;
  case 'w':
    unit_s = std::int64_t{7} * 86'400;
    break;
  default:
    return std::nullopt;
  }
  const std::string_view number = text.substr(1, text.size() - 2);
  std::int64_t count = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), count);
  if (ec != std::errc{} || end != number.data() + number.size() || count < 0 ||
      count > std::int64_t{100'000} * 366) {
    return std::nullopt;
  }
  return now_ms - count * unit_s * 1000;
}

std::int64_t start_of_day(const CivilDate& date, const TimeZone& zone) {
  return zone.first_instant_from(CivilTime{date, 0, 0, 0}) * 1000;
}

[[noreturn]] void fail(std::string_view text, std::string_view why) {
  throw UsageError("bad time '" + std::string(text) + "': " + std::string(why));
}

} // namespace

std::int64_t parse_time_point(std::string_view text, const TimeZone& zone, std::int64_t now_ms) {
  const CivilDate today = zone.to_civil(floor_div(now_ms, 1000)).date;
  if (text == "now") {
    return now_ms;
  }
  if (text == "today") {
    return start_of_day(today, zone);
  }
  if (text == "yesterday") {
    return start_of_day(add_days(today, -1), zone);
  }
  if (std::optional<std::int64_t> relative = parse_relative(text, now_ms)) {
    return *relative;
  }

  std::string_view rest = text;
  const std::optional<int> year = take_digits(rest, 4);
  if (!year || !take_char(rest, '-')) {
    fail(text, k_forms);
  }
  const std::optional<int> month = take_digits(rest, 2);
  if (!month || *month < 1 || *month > 12) {
    fail(text, k_forms);
  }
  if (rest.empty()) {
    return start_of_day(CivilDate{*year, *month, 1}, zone);
  }
  std::optional<int> day;
  if (take_char(rest, '-')) {
    day = take_digits(rest, 2);
  }
  if (!day) {
    fail(text, k_forms);
  }
  const CivilDate date{*year, *month, *day};
  if (!is_valid(date)) {
    fail(text, "there is no such day");
  }
  if (rest.empty()) {
    return start_of_day(date, zone);
  }

  if (!take_char(rest, 'T') && !take_char(rest, 't') && !take_char(rest, ' ')) {
    fail(text, k_forms);
  }
  const std::optional<int> hour = take_digits(rest, 2);
  std::optional<int> minute;
  if (hour && take_char(rest, ':')) {
    minute = take_digits(rest, 2);
  }
  std::optional<int> second = 0;
  if (minute && take_char(rest, ':')) {
    second = take_digits(rest, 2);
  }
  if (!hour || !minute || !second) {
    fail(text, k_forms);
  }
  if (*hour > 23 || *minute > 59 || *second > 59) {
    fail(text, "hours go to 23, minutes and seconds to 59");
  }
  const CivilTime reading{date, *hour, *minute, *second};
  if (!rest.empty()) {
    const std::optional<std::int64_t> offset = parse_offset(rest);
    if (!offset) {
      fail(text, "the offset must be Z, +HH, +HHMM or +HH:MM");
    }
    return (seconds_from_civil(reading) - *offset) * 1000;
  }
  const std::vector<std::int64_t> instants = zone.instants_of(reading);
  if (instants.empty()) {
    fail(text, "that reading does not exist in " + zone.name() +
                   " (the clocks skip it); give an offset or another time");
  }
  return instants.front() * 1000;
}

} // namespace octolog

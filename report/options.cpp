#include "options.hpp"

#include "octolog/store.hpp"
#include "octolog/command_line.hpp"
#include "octolog/version.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace octolog::report {
namespace {

std::optional<int> parse_day(std::string_view text) {
  int day = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), day);
  if (ec != std::errc{} || end != text.data() + text.size() || day < 1 || day > 31) {
    return std::nullopt;
  }
  return day;
}

// "D" sets the default day, "NAME=D" the day of one interface or sum.
std::string apply_month_start(const std::string& value, Options& options) {
  const std::size_t equals = value.rfind('=');
  const std::string_view day_text = equals == std::string::npos
                                        ? std::string_view(value)
                                        : std::string_view(value).substr(equals + 1);
  const std::optional<int> day = parse_day(day_text);
  if (!day || equals == 0) {
    return "--month-start: '" + value + "' is not a day 1..31 or NAME=DAY";
  }
  if (equals == std::string::npos) {
    options.month_start = *day;
  } else {
    options.month_start_of[value.substr(0, equals)] = *day;
  }
  return {};
}

} // namespace

ParsedOptions parse_options(int argc, const char* const* argv) {
  Options options;
  options.db = default_database_path();

  CLI::App app{"octolog-report: how much traffic each interface moved, how fast on average, "
               "at its peak and at the 95th percentile, from octolog-recorder's database "
               "(opened read-only).",
               "octolog-report"};
  app.set_version_flag("--version", std::string("octolog-report ") + std::string(version()));
  app.set_config("--config", "", "Read options from this TOML file (keys are the long flag names)")
      ->type_name("FILE");
  app.allow_config_extras(CLI::config_extras_mode::error);

  bool five = false;
  bool hour = false;
  bool day = false;
  bool month = false;
  bool year = false;
  std::optional<int> top;
  std::vector<std::string> month_starts;
  app.add_flag("--five", five, "One row per 5 minutes (default: the last 36)")->group("Views");
  app.add_flag("--hour", hour, "One row per hour (default: the last 24)")->group("Views");
  app.add_flag("--day", day, "One row per day (default: the last 30)")->group("Views");
  app.add_flag("--month", month, "One row per month (default: the last 12)")->group("Views");
  app.add_flag("--year", year, "One row per year (default: every year)")->group("Views");
  app.add_option("--top", top, "The N busiest days, busiest first")
      ->type_name("N")
      ->check(CLI::Range(1, 1'000'000).description(""))
      ->group("Views");
  app.add_option("--begin", options.begin,
                 "From this time: YYYY-MM-DD, YYYY-MM, YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], today, "
                 "yesterday, now, -2h, -7d (local time unless an offset is given); without a "
                 "view, one row for exactly --begin .. --end")
      ->type_name("TIME")
      ->group("Range");
  app.add_option("--end", options.end, "Up to (not including) this time; same forms as --begin")
      ->type_name("TIME")
      ->group("Range");
  app.add_option("--limit", options.limit, "Show at most the newest N rows")
      ->type_name("N")
      ->check(CLI::Range(1, 10'000'000).description(""))
      ->group("Range");
  app.add_option("-i,--interface", options.interfaces,
                 "Only this interface (repeatable); a+b adds interfaces into one row set "
                 "(default: every recorded interface)")
      ->type_name("NAME")
      ->take_all()
      ->allow_extra_args(false)
      ->group("Range");
  app.add_option("--month-start", month_starts,
                 "Day of the month on which months (billing cycles) start, 1..31, or NAME=DAY "
                 "for one interface (repeatable; default 1)")
      ->type_name("DAY")
      ->take_all()
      ->allow_extra_args(false)
      ->group("Range");
  app.add_flag("--utc", options.utc, "Cut days and months in UTC instead of local time (TZ)")
      ->group("Time");
  app.add_option("--now", options.now,
                 "Report as if it were this time (same forms as --begin): later traffic is left "
                 "out; for reproducible output")
      ->type_name("TIME")
      ->group("Time");
  app.add_flag("--json", options.json, "Write JSON (rates in bytes per second)")->group("Output");
  app.add_flag("--csv", options.csv, "Write CSV: a header line, one line per row and total")
      ->group("Output");
  app.add_flag("--bytes-rate", options.bytes_rate,
               "Rates in bytes per second (KiB/s) instead of bits per second")
      ->group("Output");
  app.add_flag("--si", options.si, "Volumes (and byte rates) in SI units: kB, MB, GB")
      ->group("Output");
  app.add_option("--db", options.db, "Database file (opened read-only)")
      ->type_name("PATH")
      ->capture_default_str();

  ParsedOptions parsed;
  const auto ended = [&](EarlyExit early) {
    parsed.exit_code = early.exit_code;
    parsed.message = std::move(early.message);
    return parsed;
  };
  if (auto early = parse_command_line(app, "octolog-report", argc, argv)) {
    return ended(std::move(*early));
  }
  const auto usage_error = [&](std::string_view message) {
    return ended(octolog::usage_error("octolog-report", message));
  };

  const std::array<bool, 6> views{five, hour, day, month, year, top.has_value()};
  if (std::count(views.begin(), views.end(), true) > 1) {
    return usage_error("choose one of --five, --hour, --day, --month, --year and --top");
  }
  if (options.json && options.csv) {
    return usage_error("choose one of --json and --csv");
  }
  options.view = five                             ? View::five_minutes
                 : hour                           ? View::hour
                 : day                            ? View::day
                 : month                          ? View::month
                 : year                           ? View::year
                 : top                            ? View::top
                 : (options.begin || options.end) ? View::window
                                                  : View::summary;
  if (options.limit && (options.view == View::summary || options.view == View::window ||
                        options.view == View::top)) {
    return usage_error("--limit goes with --five, --hour, --day, --month or --year");
  }
  options.top = top.value_or(10);
  for (const std::string& value : month_starts) {
    if (const std::string error = apply_month_start(value, options); !error.empty()) {
      return usage_error(error);
    }
  }
  for (const std::string& name : options.interfaces) {
    if (name.empty() || name.front() == '+' || name.back() == '+' ||
        name.find("++") != std::string::npos) {
      return usage_error("--interface: '" + name + "' is not NAME or NAME+NAME");
    }
  }
  parsed.options = std::move(options);
  return parsed;
}

} // namespace octolog::report

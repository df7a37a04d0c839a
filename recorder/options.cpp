#include "options.hpp"

#include "octolog/command_line.hpp"
#include "octolog/version.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <map>
#include <system_error>

namespace octolog::recorder {

ParsedOptions parse_options(int argc, const char* const* argv) {
  Options options;
  options.db = default_database_path();

  CLI::App app{"octolog-recorder: records every network interface's traffic, to the byte, "
               "into an SQLite database.",
               "octolog-recorder"};
  app.option_defaults()->always_capture_default();
  app.set_version_flag("--version", std::string("octolog-recorder ") + std::string(version()));
  app.set_config("--config", "", "Read options from this TOML file (keys are the long flag names)");
  app.allow_config_extras(CLI::config_extras_mode::error);

  app.add_option("--db", options.db, "Database file")->capture_default_str();
  app.add_option("--interval", options.interval_s, "Seconds between readings; must divide 300")
      ->check(CLI::Validator(
          [](const std::string& value) {
            int seconds = 0;
            const auto [end, ec] =
                std::from_chars(value.data(), value.data() + value.size(), seconds);
            const bool whole = ec == std::errc{} && end == value.data() + value.size();
            return whole && seconds > 0 && 300 % seconds == 0
                       ? std::string{}
                       : "must be a whole number of seconds that divides 300 "
                         "(1, 2, 3, 5, 10, 15, 20, 30, 60, ...)";
          },
          "DIVIDES 300"));
  app.add_option("--flush-interval", options.flush_interval_s,
                 "Seconds between database writes; a crash loses resolution, never bytes; "
                 "a power cut loses the traffic since the last write")
      ->check(CLI::Range(1, 3600));
  app.add_option("--idle-wake", options.idle_wake_s,
                 "While no counter moves, sleep until the first packet, reading the counters "
                 "only this many seconds apart (0: read on every tick); one-second "
                 "resolution is kept")
      ->check(CLI::Range(0, 3600));
  app.add_option("--include", options.include,
                 "Record only interfaces matching this glob (repeatable)")
      ->take_all();
  app.add_option("--exclude", options.exclude,
                 "Do not record interfaces matching this glob (repeatable; with neither "
                 "--include nor --exclude: lo, veth*, docker*, br-*)")
      ->take_all();
  app.add_option("--replay", options.replay,
                 "Record the readings of this trace file as fast as possible, then exit")
      ->check(CLI::ExistingFile);
  app.add_option("--trace-out", options.trace_out, "Append every live reading to this trace file");
  app.add_option("--max-rate", options.max_rate,
                 "Bytes per second no interface can exceed; larger jumps are dropped "
                 "(default: 1.5 x link speed where known)");
  app.add_option("--max-buffered-rows", options.max_buffered_rows,
                 "Rows kept in memory while the database cannot be written; past them the "
                 "oldest samples are merged into 5-minute ones (bytes kept, resolution lost)")
      ->check(CLI::Range(std::size_t{10}, std::size_t{100'000'000}));
  double keep_samples_h = static_cast<double>(options.retention.samples_ms) / 3.6e6;
  double keep_five_d = static_cast<double>(options.retention.five_minutes_ms) / 8.64e7;
  app.add_option("--keep-samples", keep_samples_h,
                 "Hours to keep sample-resolution rows (0: for ever)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--keep-five-minutes", keep_five_d,
                 "Days to keep 5-minute buckets (0: for ever); hours are kept for ever")
      ->check(CLI::NonNegativeNumber);
  const std::map<std::string, SourceOptions::Kind> sources{
      {"auto", SourceOptions::Kind::automatic},
      {"netlink", SourceOptions::Kind::netlink},
      {"procfs", SourceOptions::Kind::procfs},
      {"iphelper", SourceOptions::Kind::iphelper}};
  std::string source = "auto";
  app.add_option("--source", source, "Where counters are read: auto, netlink, procfs, iphelper")
      ->check(CLI::IsMember({"auto", "netlink", "procfs", "iphelper"}));
  app.add_option("--log-level", options.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  ParsedOptions parsed;
  if (auto early = parse_command_line(app, "octolog-recorder", argc, argv)) {
    parsed.exit_code = early->exit_code;
    parsed.message = std::move(early->message);
    return parsed;
  }
  options.source.kind = sources.at(source);
  options.retention.samples_ms = static_cast<std::int64_t>(keep_samples_h * 3.6e6);
  options.retention.five_minutes_ms = static_cast<std::int64_t>(keep_five_d * 8.64e7);
  parsed.options = std::move(options);
  return parsed;
}

} // namespace octolog::recorder

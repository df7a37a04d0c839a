#pragma once

#include "octolog/report_rows.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace octolog::report {

// Everything octolog-report can be told, by flag or by config-file key.
struct Options {
  std::filesystem::path db;
  View view = View::summary;
  int top = 10;
  std::optional<std::string> begin; // as typed: parsed once the time zone is known
  std::optional<std::string> end;
  std::optional<int> limit;
  std::vector<std::string> interfaces; // "eth0", or "eth0+wlan0" for a sum
  int month_start = 1;
  std::map<std::string, int> month_start_of; // per interface (or sum) name
  bool utc = false;
  bool json = false;
  bool csv = false;
  bool bytes_rate = false;
  bool si = false;
  std::optional<std::string> now; // report as if it were this time
};

// What parse_options() decided: run with the options, or exit at once with
// `exit_code` after `message` (help, version, or one line of error).
struct ParsedOptions {
  std::optional<Options> options;
  int exit_code = 0;
  std::string message;
};

[[nodiscard]] ParsedOptions parse_options(int argc, const char* const* argv);

} // namespace octolog::report

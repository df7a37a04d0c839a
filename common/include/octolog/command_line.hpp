#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace octolog {

// How a command line ends a run before it starts: --help and --version print
// their text and exit 0; a usage error prints one line and exits 2.
struct EarlyExit {
  int exit_code = 0;
  std::string message;
};

// `program`'s one line for a usage error.
[[nodiscard]] EarlyExit usage_error(std::string_view program, std::string_view message);

// Parses the command line into `app`'s options; the early exit when the run
// ends there.
[[nodiscard]] std::optional<EarlyExit> parse_command_line(CLI::App& app, std::string_view program,
                                                          int argc, const char* const* argv);

} // namespace octolog

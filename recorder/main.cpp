#include "options.hpp"
#include "recorder.hpp"

#include "octolog/error.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
  const octolog::recorder::ParsedOptions parsed = octolog::recorder::parse_options(argc, argv);
  if (!parsed.options) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  const octolog::recorder::Options& options = *parsed.options;
  // Logs go to stderr, where service managers collect them; stdout stays free.
  spdlog::set_default_logger(spdlog::stderr_color_st("octolog-recorder"));
  spdlog::set_level(spdlog::level::from_str(options.log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S%z octolog-recorder %l: %v");
  try {
    return options.replay ? octolog::recorder::run_replay(options)
                          : octolog::recorder::run_live(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "octolog-recorder: %s\n", e.what());
    return 1;
  }
}

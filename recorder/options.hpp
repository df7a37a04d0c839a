#pragma once

#include "octolog/counter_source.hpp"
#include "octolog/sample_buffer.hpp"
#include "octolog/store.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace octolog::recorder {

// Everything the recorder can be told, by flag or by config-file key.
struct Options {
  std::filesystem::path db;
  int interval_s = 1;
  int flush_interval_s = 300; // as vnStat saves: at most 5 minutes of traffic lost to a power cut
  // While no recorded counter moves, read only this often and wake on the
  // first packet (Linux, with CAP_NET_RAW); 0 reads on every tick.
  int idle_wake_s = 60;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::optional<std::filesystem::path> replay;
  std::optional<std::filesystem::path> trace_out;
  std::uint64_t max_rate = 0; // bytes per second; 0: from link speed
  std::size_t max_buffered_rows = k_default_max_buffered_rows;
  Retention retention;
  SourceOptions source;
  std::string log_level = "info";
};

// What parse_options() decided: run with the options, or exit at once with
// `exit_code` after `message` (help, version, or one line of error).
struct ParsedOptions {
  std::optional<Options> options;
  int exit_code = 0;
  std::string message;
};

[[nodiscard]] ParsedOptions parse_options(int argc, const char* const* argv);

} // namespace octolog::recorder

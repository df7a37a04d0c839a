#pragma once

#include "../common/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

// Helpers for the report's end-to-end tests: traces with known traffic are
// replayed by the built octolog-recorder, then the built octolog-report is
// run on the database. The executables' paths come from CMake.
namespace octolog::e2e {

// Unix seconds of a UTC date-time, for writing traces by hand.
[[nodiscard]] std::int64_t utc(int year, int month, int day, int hour = 0, int minute = 0,
                               int second = 0);

// Writes a trace of interfaces whose counters start at zero: every snapshot
// holds every interface (one missing from a snapshot would count as gone).
class TraceBuilder {
public:
  explicit TraceBuilder(std::vector<std::string> interfaces);

  // A snapshot at `unix_ms` after the interfaces moved `deltas` (rx, tx per
  // interface, in order) since the last one.
  TraceBuilder& snapshot(std::int64_t unix_ms,
                         const std::vector<std::pair<std::uint64_t, std::uint64_t>>& deltas);

  // Snapshots every `step_s` seconds up to and including `to_s`, each
  // interface moving its (rx, tx) bytes per second in between: after the
  // last snapshot, or from `from_s` (taking one there) when there is none.
  TraceBuilder& steady(std::int64_t from_s, std::int64_t to_s, std::int64_t step_s,
                       const std::vector<std::pair<std::uint64_t, std::uint64_t>>& rates);

  // Later snapshots come from a new boot: `boot_ms` after it, counters from zero.
  TraceBuilder& reboot(std::string boot_id);
  TraceBuilder& boot_ms(std::int64_t since_boot_ms);

  [[nodiscard]] const std::string& text() const { return m_text; }
  [[nodiscard]] std::int64_t last_ms() const { return m_last_ms; }

private:
  std::vector<std::string> m_interfaces;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> m_counters;
  std::string m_boot = "b1";
  std::int64_t m_boot_ms = -1;
  std::int64_t m_last_ms = -1;
  std::string m_text = "# octolog-trace v1\n";
};

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` with TZ set to `tz` (unset when empty) and waits for it.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& tz);

// A temporary directory with a database that traces are replayed into.
class ReportTest {
public:
  ReportTest();

  [[nodiscard]] const std::filesystem::path& db() const { return m_db; }
  [[nodiscard]] const testing::TempDir& dir() const { return m_dir; }

  // Replays `trace` with octolog-recorder --include '*' and `flags`;
  // throws std::runtime_error when the recorder fails.
  void replay(const TraceBuilder& trace, const std::vector<std::string>& flags = {});

  // Runs octolog-report on the database with `args` in time zone `tz`.
  [[nodiscard]] ProcessResult report(const std::vector<std::string>& args,
                                     const std::string& tz = "UTC") const;

  // octolog-report --json with `args`; throws std::runtime_error when it
  // fails or writes anything on stderr.
  [[nodiscard]] nlohmann::ordered_json json(const std::vector<std::string>& args,
                                            const std::string& tz = "UTC") const;

private:
  testing::TempDir m_dir;
  std::filesystem::path m_db;
  int m_replays = 0;
};

// The whole content of a file, for checking that it did not change.
[[nodiscard]] std::string file_bytes(const std::filesystem::path& path);

} // namespace octolog::e2e

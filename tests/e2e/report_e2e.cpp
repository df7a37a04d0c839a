#include "report_e2e.hpp"

#include "octolog/civil_time.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

extern char** environ;

namespace octolog::e2e {

std::int64_t utc(int year, int month, int day, int hour, int minute, int second) {
  return seconds_from_civil(CivilTime{CivilDate{year, month, day}, hour, minute, second});
}

TraceBuilder::TraceBuilder(std::vector<std::string> interfaces)
    : m_interfaces(std::move(interfaces)), m_counters(m_interfaces.size()) {}

TraceBuilder&
TraceBuilder::snapshot(std::int64_t unix_ms,
                       const std::vector<std::pair<std::uint64_t, std::uint64_t>>& deltas) {
  if (deltas.size() != m_interfaces.size()) {
    throw std::invalid_argument("one (rx, tx) pair per interface");
  }
  m_last_ms = unix_ms;
  for (std::size_t i = 0; i < m_interfaces.size(); ++i) {
    m_counters[i].first += deltas[i].first;
    m_counters[i].second += deltas[i].second;
    m_text += std::to_string(unix_ms) + ' ' + m_interfaces[i] + ' ' +
              std::to_string(m_counters[i].first) + ' ' + std::to_string(m_counters[i].second) +
              " boot=" + m_boot;
    if (m_boot_ms >= 0) {
      m_text += " boot_ms=" + std::to_string(m_boot_ms);
    }
    m_text += '\n';
  }
  m_boot_ms = -1;
  return *this;
}

TraceBuilder&
TraceBuilder::steady(std::int64_t from_s, std::int64_t to_s, std::int64_t step_s,
                     const std::vector<std::pair<std::uint64_t, std::uint64_t>>& rates) {
  if (m_last_ms < 0) {
    snapshot(from_s * 1000, std::vector<std::pair<std::uint64_t, std::uint64_t>>(rates.size()));
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> deltas;
  for (const auto& [rx, tx] : rates) {
    deltas.emplace_back(rx * static_cast<std::uint64_t>(step_s),
                        tx * static_cast<std::uint64_t>(step_s));
  }
  for (std::int64_t t = m_last_ms / 1000 + step_s; t <= to_s; t += step_s) {
    snapshot(t * 1000, deltas);
  }
  return *this;
}

TraceBuilder& TraceBuilder::reboot(std::string boot_id) {
  m_boot = std::move(boot_id);
  for (auto& counters : m_counters) {
    counters = {0, 0};
  }
  return *this;
}

TraceBuilder& TraceBuilder::boot_ms(std::int64_t since_boot_ms) {
  m_boot_ms = since_boot_ms;
  return *this;
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& tz) {
  const testing::TempDir io;
  const std::string out_path = (io / "out").string();
  const std::string err_path = (io / "err").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "TZ=", 3) != 0) {
      environment.emplace_back(*entry);
    }
  }
  if (!tz.empty()) {
    environment.push_back("TZ=" + tz);
  }
  std::vector<char*> env_pointers;
  for (std::string& entry : environment) {
    env_pointers.push_back(entry.data());
  }
  env_pointers.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> arg_pointers;
  for (std::string& arg : args) {
    arg_pointers.push_back(arg.data());
  }
  arg_pointers.push_back(nullptr);

  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, arg_pointers[0], &actions, nullptr, arg_pointers.data(),
                                  env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(spawned));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      throw std::runtime_error("waitpid failed");
    }
  }
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = testing::read_file(out_path);
  result.err = testing::read_file(err_path);
  return result;
}

ReportTest::ReportTest() : m_db(m_dir / "octolog.db") {}

void ReportTest::replay(const TraceBuilder& trace, const std::vector<std::string>& flags) {
  const std::filesystem::path path = m_dir / ("replay" + std::to_string(++m_replays) + ".trace");
  testing::write_file(path, trace.text());
  std::vector<std::string> argv{OCTOLOG_RECORDER, "--replay", path.string(), "--db", m_db.string(),
                                "--include",      "*",        "--log-level", "warn"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  const ProcessResult result = run_process(argv, "UTC");
  if (result.exit_code != 0) {
    throw std::runtime_error("octolog-recorder failed: " + result.err);
  }
}

ProcessResult ReportTest::report(const std::vector<std::string>& args,
                                 const std::string& tz) const {
  std::vector<std::string> argv{OCTOLOG_REPORT, "--db", m_db.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, tz);
}

nlohmann::ordered_json ReportTest::json(const std::vector<std::string>& args,
                                        const std::string& tz) const {
  std::vector<std::string> with_json = args;
  with_json.emplace_back("--json");
  const ProcessResult result = report(with_json, tz);
  if (result.exit_code != 0 || !result.err.empty()) {
    throw std::runtime_error("octolog-report exited " + std::to_string(result.exit_code) + ": " +
                             result.err);
  }
  return nlohmann::ordered_json::parse(result.out);
}

std::string file_bytes(const std::filesystem::path& path) { return testing::read_file(path); }

} // namespace octolog::e2e

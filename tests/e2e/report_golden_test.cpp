// The report's text tables, with TZ fixed, compared with golden files in
// tests/data/report/. After a deliberate change of the layout, regenerate
// them with OCTOLOG_UPDATE_GOLDEN=1 and read the difference before committing.
#include "report_e2e.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <ostream>
#include <sstream>

namespace octolog::e2e {
namespace {

// Four and a half days around the end of DST in New York, read every minute:
// eth0 busy in office hours with a 3 MB/s burst and a quiet hour, wlan0 small
// and steady; the machine off from 14:00 to 15:50 EDT on Oct 30.
TraceBuilder days_around_fall_back() {
  TraceBuilder trace({"eth0", "wlan0"});
  const std::int64_t start = utc(2026, 10, 29, 4);
  const std::int64_t end = utc(2026, 11, 2, 17);
  const std::int64_t off = utc(2026, 10, 30, 18);
  const std::int64_t on = utc(2026, 10, 30, 20);
  const std::int64_t burst = utc(2026, 10, 30, 15, 8);
  const std::int64_t quiet = utc(2026, 10, 31, 8);
  trace.snapshot(start * 1000, {{0, 0}, {0, 0}});
  for (std::int64_t t = start + 60; t <= end; t += 60) {
    if (t > off && t < on) {
      continue;
    }
    const std::int64_t hour = t / 3600;
    const auto utc_hour = static_cast<std::uint64_t>(hour % 24);
    const bool busy = utc_hour >= 13 && utc_hour <= 22;
    std::uint64_t eth0 =
        20'000 + (busy ? 180'000 : 0) + static_cast<std::uint64_t>(hour * 7919 % 5000);
    if (t == burst) {
      eth0 = 3'000'000;
    }
    if (t > quiet && t <= quiet + 3600) {
      eth0 = 0;
    }
    const std::uint64_t wlan0 = 3000 + (utc_hour % 5) * 1000;
    if (t == on) {
      trace.reboot("b2").boot_ms(600'000).snapshot(
          t * 1000, {{eth0 * 600, eth0 * 75}, {wlan0 * 600, 400 * 600}});
      continue;
    }
    trace.snapshot(t * 1000, {{eth0 * 60, eth0 * 60 / 8}, {wlan0 * 60, 400 * 60}});
  }
  return trace;
}

struct GoldenCase {
  std::string name;
  std::vector<std::string> args;
};

const std::vector<GoldenCase> k_cases{
    {"summary", {"--now", "2026-11-02T12:00"}},
    {"days", {"--day", "--now", "2026-11-02T12:00"}},
    {"hours_fall_back",
     {"--hour", "--begin", "2026-11-01T00:00", "--end", "2026-11-01T03:00", "-i", "eth0"}},
    {"months_from_the_30th", {"--month", "--month-start", "30", "--now", "2026-11-02T12:00"}},
    {"years", {"--year", "--now", "2026-11-02T12:00", "-i", "wlan0"}},
    {"top", {"--top", "3", "-i", "eth0", "--now", "2026-11-02T12:00"}},
    {"five_minutes_bytes_si",
     {"--five", "--limit", "6", "-i", "wlan0", "--bytes-rate", "--si", "--now",
      "2026-10-30T16:10"}},
    {"window_sum_with_gap", {"--begin", "2026-10-30", "--end", "2026-10-31", "-i", "eth0+wlan0"}},
    {"days_utc", {"--day", "--utc", "--limit", "3", "-i", "eth0", "--now", "2026-11-02T12:00"}},
};

class ReportGolden : public ::testing::TestWithParam<GoldenCase> {
protected:
  static void SetUpTestSuite() {
    s_test = new ReportTest;
    s_test->replay(days_around_fall_back(), {"--interval", "60"});
  }
  static void TearDownTestSuite() {
    delete s_test;
    s_test = nullptr;
  }

  static ReportTest* s_test;
};

ReportTest* ReportGolden::s_test = nullptr;

TEST_P(ReportGolden, MatchesTheGoldenText) {
  const GoldenCase& golden = GetParam();
  const ProcessResult result = s_test->report(golden.args, "America/New_York");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LE(line.size(), 80U) << line;
  }
  const std::filesystem::path path =
      std::filesystem::path(OCTOLOG_TEST_DATA_DIR) / "report" / (golden.name + ".txt");
  if (std::getenv("OCTOLOG_UPDATE_GOLDEN") != nullptr) {
    std::filesystem::create_directories(path.parent_path());
    testing::write_file(path, result.out);
    GTEST_SKIP() << "wrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " missing; see the top of this file";
  EXPECT_EQ(result.out, testing::read_file(path));
}

// "hours_fall_back" -> "HoursFallBack": test names without underscores.
std::string camel_case(const ::testing::TestParamInfo<GoldenCase>& param) {
  std::string name;
  bool upper = true;
  for (const char c : param.param.name) {
    if (c == '_') {
      upper = true;
    } else {
      name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Views, ReportGolden, ::testing::ValuesIn(k_cases), camel_case);

// Printed by GoogleTest for a failing case.
void PrintTo(const GoldenCase& golden, std::ostream* out) { *out << golden.name; }

} // namespace
} // namespace octolog::e2e

#include "../common/temp_dir.hpp"
#include "options.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace octolog::report {
namespace {

ParsedOptions parse(std::vector<const char*> args) {
  args.insert(args.begin(), "octolog-report");
  return parse_options(static_cast<int>(args.size()), args.data());
}

TEST(ReportOptions, HasTheDocumentedDefaults) {
  const ParsedOptions parsed = parse({});
  ASSERT_TRUE(parsed.options);
  EXPECT_EQ(parsed.options->view, View::summary);
  EXPECT_EQ(parsed.options->db, default_database_path());
  EXPECT_EQ(parsed.options->month_start, 1);
  EXPECT_TRUE(parsed.options->interfaces.empty());
  EXPECT_FALSE(parsed.options->json);
  EXPECT_FALSE(parsed.options->utc);
}

TEST(ReportOptions, PicksTheViewFromItsFlag) {
  EXPECT_EQ(parse({"--five"}).options->view, View::five_minutes);
  EXPECT_EQ(parse({"--hour"}).options->view, View::hour);
  EXPECT_EQ(parse({"--day"}).options->view, View::day);
  EXPECT_EQ(parse({"--month"}).options->view, View::month);
  EXPECT_EQ(parse({"--year"}).options->view, View::year);
  const ParsedOptions top = parse({"--top", "7"});
  EXPECT_EQ(top.options->view, View::top);
  EXPECT_EQ(top.options->top, 7);
}

TEST(ReportOptions, GivesOneWindowForBeginAndEndWithoutAView) {
  const ParsedOptions parsed = parse({"--begin", "-2h", "--end", "now"});
  EXPECT_EQ(parsed.options->view, View::window);
  EXPECT_EQ(parsed.options->begin, "-2h");
  EXPECT_EQ(parsed.options->end, "now");
}

TEST(ReportOptions, TakesRepeatedInterfacesAndSums) {
  const ParsedOptions parsed = parse({"-i", "eth0", "--interface", "eth1+wlan0"});
  EXPECT_EQ(parsed.options->interfaces, (std::vector<std::string>{"eth0", "eth1+wlan0"}));
}

TEST(ReportOptions, TakesADefaultMonthStartAndOnePerInterface) {
  const ParsedOptions parsed =
      parse({"--month-start", "15", "--month-start", "eth1+wlan0=3", "--month-start", "a=b=31"});
  ASSERT_TRUE(parsed.options) << parsed.message;
  EXPECT_EQ(parsed.options->month_start, 15);
  EXPECT_EQ(parsed.options->month_start_of,
            (std::map<std::string, int>{{"eth1+wlan0", 3}, {"a=b", 31}}));
}

TEST(ReportOptions, RefusesBadValuesWithExitCodeTwo) {
  for (const std::vector<const char*>& args :
       std::vector<std::vector<const char*>>{{"--month-start", "0"},
                                             {"--month-start", "=5"},
                                             {"--month-start", "eth0=x"},
                                             {"--top", "0"},
                                             {"--five", "--top", "3"},
                                             {"--csv", "--json"},
                                             {"--top", "3", "--limit", "2"},
                                             {"-i", "a++b"},
                                             {"--nonsense"}}) {
    const ParsedOptions parsed = parse(args);
    EXPECT_FALSE(parsed.options) << args.front();
    EXPECT_EQ(parsed.exit_code, 2) << args.front();
    EXPECT_EQ(parsed.message.rfind("octolog-report: ", 0), 0U) << parsed.message;
    EXPECT_EQ(parsed.message.back(), '\n');
  }
}

TEST(ReportOptions, ReadsAConfigFileAndRefusesUnknownKeys) {
  const testing::TempDir dir;
  testing::write_file(dir / "good.toml", "day = true\nmonth-start = [\"eth0=15\"]\n");
  const std::string good = (dir / "good.toml").string();
  const ParsedOptions parsed = parse({"--config", good.c_str()});
  ASSERT_TRUE(parsed.options) << parsed.message;
  EXPECT_EQ(parsed.options->view, View::day);
  EXPECT_EQ(parsed.options->month_start_of, (std::map<std::string, int>{{"eth0", 15}}));

  testing::write_file(dir / "bad.toml", "colour = \"blue\"\n");
  const std::string bad = (dir / "bad.toml").string();
  const ParsedOptions refused = parse({"--config", bad.c_str()});
  EXPECT_FALSE(refused.options);
  EXPECT_EQ(refused.exit_code, 2);
}

TEST(ReportOptions, PrintsHelpAndVersionWithExitCodeZero) {
  const ParsedOptions help = parse({"--help"});
  EXPECT_FALSE(help.options);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.message.find("--month-start"), std::string::npos);
  const ParsedOptions version = parse({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.message, std::string("octolog-report ") + OCTOLOG_VERSION + "\n");
}

} // namespace
} // namespace octolog::report

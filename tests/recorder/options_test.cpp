#include "options.hpp"

#include "../common/temp_dir.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace octolog::recorder {
namespace {

ParsedOptions parse(std::vector<const char*> args) {
  args.insert(args.begin(), "octolog-recorder");
  return parse_options(static_cast<int>(args.size()), args.data());
}

TEST(RecorderOptions, HasTheDocumentedDefaults) {
  const ParsedOptions parsed = parse({});
  ASSERT_TRUE(parsed.options);
  EXPECT_EQ(parsed.options->interval_s, 1);
  EXPECT_EQ(parsed.options->flush_interval_s, 300);
  EXPECT_EQ(parsed.options->idle_wake_s, 60);
  EXPECT_EQ(parsed.options->retention.samples_ms, 48 * 3'600'000);
  EXPECT_EQ(parsed.options->retention.five_minutes_ms, 400LL * 86'400'000);
  EXPECT_EQ(parsed.options->db, default_database_path());
  EXPECT_TRUE(parsed.options->include.empty());
  EXPECT_EQ(parsed.options->source.kind, SourceOptions::Kind::automatic);
  EXPECT_EQ(parsed.options->max_buffered_rows, 100'000U);
}

TEST(RecorderOptions, BoundsTheBufferedRows) {
  const ParsedOptions parsed = parse({"--max-buffered-rows", "50"});
  ASSERT_TRUE(parsed.options);
  EXPECT_EQ(parsed.options->max_buffered_rows, 50U);
  EXPECT_FALSE(parse({"--max-buffered-rows", "9"}).options);
  EXPECT_FALSE(parse({"--max-buffered-rows", "-1"}).options);
}

TEST(RecorderOptions, TakesAnIdleWakeFromNeverToAnHour) {
  EXPECT_EQ(parse({"--idle-wake", "0"}).options->idle_wake_s, 0);
  EXPECT_EQ(parse({"--idle-wake", "3600"}).options->idle_wake_s, 3600);
  const ParsedOptions parsed = parse({"--idle-wake", "3601"});
  EXPECT_FALSE(parsed.options);
  EXPECT_EQ(parsed.exit_code, 2);
  EXPECT_FALSE(parse({"--idle-wake", "-1"}).options);
}

TEST(RecorderOptions, TakesRepeatedGlobsAndRetention) {
  const ParsedOptions parsed = parse({"--include", "eth*", "--include", "wl*", "--exclude",
                                      "eth9", "--keep-samples", "1.5", "--keep-five-minutes",
                                      "0", "--source", "procfs", "--interval", "5"});
  ASSERT_TRUE(parsed.options);
  EXPECT_EQ(parsed.options->include, (std::vector<std::string>{"eth*", "wl*"}));
  EXPECT_EQ(parsed.options->exclude, (std::vector<std::string>{"eth9"}));
  EXPECT_EQ(parsed.options->retention.samples_ms, 5'400'000);
  EXPECT_EQ(parsed.options->retention.five_minutes_ms, 0);
  EXPECT_EQ(parsed.options->source.kind, SourceOptions::Kind::procfs);
  EXPECT_EQ(parsed.options->interval_s, 5);
}

TEST(RecorderOptions, ReadsEveryFlagAsAConfigKey) {
  testing::TempDir dir;
  testing::write_file(dir / "octolog.toml", "db = \"/srv/traffic.db\"\n"
                                            "interval = 10\n"
                                            "flush-interval = 120\n"
                                            "idle-wake = 15\n"
                                            "include = [\"eth*\", \"wg*\"]\n"
                                            "max-rate = 125000000\n"
                                            "keep-samples = 24\n");
  const std::string config = (dir / "octolog.toml").string();
  const ParsedOptions parsed = parse({"--config", config.c_str(), "--interval", "30"});
  ASSERT_TRUE(parsed.options) << parsed.message;
  EXPECT_EQ(parsed.options->db, "/srv/traffic.db");
  EXPECT_EQ(parsed.options->interval_s, 30); // the command line wins
  EXPECT_EQ(parsed.options->flush_interval_s, 120);
  EXPECT_EQ(parsed.options->idle_wake_s, 15);
  EXPECT_EQ(parsed.options->include, (std::vector<std::string>{"eth*", "wg*"}));
  EXPECT_EQ(parsed.options->max_rate, 125'000'000U);
  EXPECT_EQ(parsed.options->retention.samples_ms, 24 * 3'600'000);
}

TEST(RecorderOptions, RejectsAnIntervalThatDoesNotDivideFiveMinutes) {
  const ParsedOptions parsed = parse({"--interval", "7"});
  EXPECT_FALSE(parsed.options);
  EXPECT_EQ(parsed.exit_code, 2);
  EXPECT_EQ(parsed.message, "octolog-recorder: --interval: must be a whole number of seconds "
                            "that divides 300 (1, 2, 3, 5, 10, 15, 20, 30, 60, ...) (see --help)\n");
}

TEST(RecorderOptions, RejectsAnUnknownConfigKey) {
  testing::TempDir dir;
  testing::write_file(dir / "bad.toml", "intervall = 10\n");
  const std::string config = (dir / "bad.toml").string();
  const ParsedOptions parsed = parse({"--config", config.c_str()});
  EXPECT_FALSE(parsed.options);
  EXPECT_EQ(parsed.exit_code, 2);
}

} // namespace
} // namespace octolog::recorder

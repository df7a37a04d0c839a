// The JSON contract of DESIGN.md, checked field by field on every row and
// total of every view, and CSV checked against JSON value by value.
#include "report_e2e.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace octolog::e2e {
namespace {

using json = nlohmann::ordered_json;

const std::vector<std::string> k_row_fields{
    "start",  "end",     "seconds",    "covered_seconds", "rx_bytes",   "tx_bytes", "rx_avg",
    "tx_avg", "rx_peak", "rx_peak_at", "tx_peak",         "tx_peak_at", "rx_p95",   "tx_p95"};

const std::regex k_iso8601(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?[+-]\d\d:\d\d)");

// Every view the report has, with a fixed "now" for the ones relative to it.
const std::vector<std::vector<std::string>> k_views{
    {"--now", "2026-05-06T12:00"},
    {"--five", "--now", "2026-05-06T12:00"},
    {"--hour", "--now", "2026-05-06T12:00"},
    {"--day", "--now", "2026-05-06T12:00"},
    {"--month", "--now", "2026-05-06T12:00"},
    {"--year", "--now", "2026-05-06T12:00"},
    {"--top", "3", "--now", "2026-05-06T12:00"},
    {"--day", "--begin", "2026-05-04T06:30", "--end", "2026-05-06T18:00"},
    {"--begin", "2026-05-05T10:00", "--end", "2026-05-05T11:00"},
    {"-i", "eth0+wlan0", "-i", "eth0", "--hour", "--begin", "-1d", "--now", "2026-05-06T00:00"},
};

// Two interfaces over two and a half days of 1-minute readings, with traffic
// that changes every hour, a quiet hour and a stretch without recording.
TraceBuilder busy_days() {
  TraceBuilder trace({"eth0", "wlan0"});
  std::int64_t t = utc(2026, 5, 4);
  trace.snapshot(t * 1000, {{0, 0}, {0, 0}});
  for (std::int64_t hour = 0; hour < 60; ++hour) {
    const auto h = static_cast<std::uint64_t>(hour);
    if (hour == 30) {
      trace.reboot("b2").boot_ms(1'800'000); // off for the first half hour
      t += 3600;
      trace.snapshot(t * 1000, {{1'800'000, 1000}, {0, 0}});
      continue;
    }
    const std::uint64_t quiet = hour == 20 ? 0 : 1;
    trace.steady(0, t + 3600, 60,
                 {{quiet * (1000 + 37 * (h % 7)), quiet * (100 + h)}, {quiet * 500, quiet * 50}});
    t += 3600;
  }
  return trace;
}

class ReportContract : public ::testing::Test {
protected:
  void SetUp() override { m_test.replay(busy_days(), {"--interval", "60"}); }

  ReportTest m_test;
};

void expect_row_fields(const json& row, const std::string& where) {
  SCOPED_TRACE(where);
  ASSERT_TRUE(row.is_object());
  std::vector<std::string> keys;
  for (const auto& [key, value] : row.items()) {
    keys.push_back(key);
  }
  EXPECT_EQ(keys, k_row_fields);
  ASSERT_TRUE(row["start"].is_string());
  ASSERT_TRUE(row["end"].is_string());
  EXPECT_TRUE(std::regex_match(row["start"].get<std::string>(), k_iso8601)) << row["start"];
  EXPECT_TRUE(std::regex_match(row["end"].get<std::string>(), k_iso8601)) << row["end"];
  for (const char* field : {"seconds", "covered_seconds", "rx_bytes", "tx_bytes"}) {
    EXPECT_TRUE(row[field].is_number_unsigned()) << field << ": " << row[field];
  }
  EXPECT_LE(row["covered_seconds"].get<std::int64_t>(), row["seconds"].get<std::int64_t>());
  for (const char* field : {"rx_avg", "tx_avg", "rx_peak", "tx_peak", "rx_p95", "tx_p95"}) {
    EXPECT_TRUE(row[field].is_number_float()) << field << ": " << row[field];
    EXPECT_GE(row[field].get<double>(), 0.0) << field;
  }
  for (const std::string direction : {"rx", "tx"}) {
    const json& at = row[direction + "_peak_at"];
    if (row[direction + "_peak"].get<double>() == 0.0) {
      EXPECT_TRUE(at.is_null()) << direction;
    } else {
      ASSERT_TRUE(at.is_string()) << direction;
      EXPECT_TRUE(std::regex_match(at.get<std::string>(), k_iso8601)) << at;
    }
  }
}

TEST_F(ReportContract, GivesEveryFieldOnEveryRowAndTotalOfEveryView) {
  for (const std::vector<std::string>& view : k_views) {
    const json doc = m_test.json(view);
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) {
      keys.push_back(key);
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"timezone", "generated_at", "interfaces"}));
    EXPECT_EQ(doc["timezone"], "UTC");
    EXPECT_TRUE(std::regex_match(doc["generated_at"].get<std::string>(), k_iso8601));
    ASSERT_FALSE(doc["interfaces"].empty());
    for (const json& entry : doc["interfaces"]) {
      std::vector<std::string> entry_keys;
      for (const auto& [key, value] : entry.items()) {
        entry_keys.push_back(key);
      }
      EXPECT_EQ(entry_keys, (std::vector<std::string>{"name", "view", "rows", "total"}));
      const std::string where = view.front() + " " + entry["name"].get<std::string>();
      ASSERT_FALSE(entry["rows"].empty()) << where;
      for (const json& row : entry["rows"]) {
        expect_row_fields(row, where);
      }
      expect_row_fields(entry["total"], where + " total");
    }
  }
}

TEST_F(ReportContract, NamesEachView) {
  std::vector<std::string> names;
  for (const std::vector<std::string>& view : k_views) {
    names.push_back(m_test.json(view)["interfaces"][0]["view"]);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"summary", "five", "hour", "day", "month", "year",
                                             "top", "day", "window", "hour"}));
}

TEST_F(ReportContract, GivesRowsThatAddUpToTheTotal) {
  const json entry = m_test.json({"--hour", "--begin", "2026-05-04T06:30:17", "--end",
                                  "2026-05-06T11:59:59", "-i", "eth0"})["interfaces"][0];
  std::uint64_t rx = 0;
  std::uint64_t tx = 0;
  std::uint64_t seconds = 0;
  for (const json& row : entry["rows"]) {
    rx += row["rx_bytes"].get<std::uint64_t>();
    tx += row["tx_bytes"].get<std::uint64_t>();
    seconds += row["seconds"].get<std::uint64_t>();
  }
  EXPECT_EQ(rx, entry["total"]["rx_bytes"]);
  EXPECT_EQ(tx, entry["total"]["tx_bytes"]);
  EXPECT_EQ(seconds, entry["total"]["seconds"]);
  const json window = m_test.json({"--begin", "2026-05-04T06:30:17", "--end", "2026-05-06T11:59:59",
                                   "-i", "eth0"})["interfaces"][0];
  EXPECT_EQ(window["rows"][0]["rx_bytes"], rx);
  EXPECT_EQ(window["rows"][0]["rx_p95"], entry["total"]["rx_p95"]);
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) {
    fields.push_back(field);
  }
  if (!line.empty() && line.back() == ',') {
    fields.emplace_back();
  }
  return fields;
}

TEST_F(ReportContract, WritesCsvWithTheSameValuesAsJson) {
  for (std::vector<std::string> view : k_views) {
    SCOPED_TRACE(view.front());
    const json doc = m_test.json(view);
    view.emplace_back("--csv");
    const ProcessResult csv = m_test.report(view);
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    std::stringstream lines(csv.out);
    std::string line;
    std::getline(lines, line);
    std::string header = "interface,view,kind";
    for (const std::string& field : k_row_fields) {
      header += "," + field;
    }
    EXPECT_EQ(line, header);
    std::size_t count = 0;
    for (const json& entry : doc["interfaces"]) {
      std::vector<std::pair<std::string, json>> expected;
      for (const json& row : entry["rows"]) {
        expected.emplace_back("row", row);
      }
      expected.emplace_back("total", entry["total"]);
      for (const auto& [kind, row] : expected) {
        ASSERT_TRUE(std::getline(lines, line));
        ++count;
        const std::vector<std::string> fields = split_csv_line(line);
        ASSERT_EQ(fields.size(), 3 + k_row_fields.size()) << line;
        EXPECT_EQ(fields[0], entry["name"]);
        EXPECT_EQ(fields[1], entry["view"]);
        EXPECT_EQ(fields[2], kind);
        for (std::size_t i = 0; i < k_row_fields.size(); ++i) {
          const json& value = row[k_row_fields[i]];
          const std::string text = value.is_null()     ? ""
                                   : value.is_string() ? value.get<std::string>()
                                                       : value.dump();
          EXPECT_EQ(fields[3 + i], text) << k_row_fields[i];
        }
      }
    }
    EXPECT_FALSE(std::getline(lines, line)) << "extra line: " << line;
    EXPECT_GT(count, 0U);
  }
}

} // namespace
} // namespace octolog::e2e

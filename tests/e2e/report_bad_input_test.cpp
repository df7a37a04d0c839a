// Bad input to octolog-report: one clear line on stderr, exit code 2 for a
// bad command line and 1 for a problem with the data, nothing on stdout, and
// the database file exactly as it was (or still absent).
#include "report_e2e.hpp"

#include "octolog/store.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

namespace octolog::e2e {
namespace {

class ReportBadInput : public ::testing::Test {
protected:
  void SetUp() override {
    TraceBuilder trace({"eth0", "wlan0"});
    trace.steady(utc(2026, 5, 1), utc(2026, 5, 1, 1), 60, {{1000, 100}, {10, 1}});
    m_test.replay(trace, {"--interval", "60"});
  }

  // Runs the report with `args` on `db` and checks the outcome.
  void expect_refusal(const std::vector<std::string>& args, int exit_code,
                      const std::string& message, const std::filesystem::path& db) {
    SCOPED_TRACE(message);
    const bool existed = std::filesystem::exists(db);
    const std::string before = existed ? file_bytes(db) : "";
    std::vector<std::string> argv{OCTOLOG_REPORT, "--db", db.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const ProcessResult result = run_process(argv, "America/New_York");
    EXPECT_EQ(result.exit_code, exit_code);
    EXPECT_EQ(result.err, "octolog-report: " + message + "\n");
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(std::filesystem::exists(db), existed);
    if (existed) {
      EXPECT_TRUE(file_bytes(db) == before) << "the database file changed";
    }
  }

  void expect_refusal(const std::vector<std::string>& args, int exit_code,
                      const std::string& message) {
    expect_refusal(args, exit_code, message, m_test.db());
  }

  ReportTest m_test;
};

TEST_F(ReportBadInput, RefusesAnUnknownFlag) {
  expect_refusal({"--bogus"}, 2, "The following argument was not expected: --bogus (see --help)");
}

TEST_F(ReportBadInput, RefusesABadDate) {
  expect_refusal({"--begin", "2026-13-01"}, 2,
                 "bad time '2026-13-01': use YYYY-MM-DD, YYYY-MM, "
                 "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], today, yesterday, now or -N followed by s, m, "
                 "h, d or w (see --help)");
  expect_refusal({"--day", "--end", "2026-02-30"}, 2,
                 "bad time '2026-02-30': there is no such day (see --help)");
}

TEST_F(ReportBadInput, RefusesALocalTimeTheClocksSkip) {
  expect_refusal({"--begin", "2026-03-08T02:30"}, 2,
                 "bad time '2026-03-08T02:30': that reading does not exist in America/New_York "
                 "(the clocks skip it); give an offset or another time (see --help)");
}

TEST_F(ReportBadInput, RefusesABeginAfterTheEnd) {
  expect_refusal({"--begin", "2026-05-02", "--end", "2026-05-01"}, 2,
                 "--begin 2026-05-02 is not before --end 2026-05-01 (see --help)");
  expect_refusal({"--begin", "today", "--end", "today"}, 2,
                 "--begin today is not before --end today (see --help)");
}

TEST_F(ReportBadInput, RefusesTwoViewsOrTwoFormats) {
  expect_refusal({"--day", "--month"}, 2,
                 "choose one of --five, --hour, --day, --month, --year and --top (see --help)");
  expect_refusal({"--json", "--csv"}, 2, "choose one of --json and --csv (see --help)");
}

TEST_F(ReportBadInput, RefusesBadNumbers) {
  expect_refusal({"--month", "--month-start", "32"}, 2,
                 "--month-start: '32' is not a day 1..31 or NAME=DAY (see --help)");
  expect_refusal({"--day", "--limit", "0"}, 2,
                 "--limit: Value 0 not in range 1 to 10000000 (see --help)");
  expect_refusal({"--limit", "5"}, 2,
                 "--limit goes with --five, --hour, --day, --month or --year (see --help)");
}

TEST_F(ReportBadInput, RefusesAnUnknownInterface) {
  expect_refusal({"-i", "eth9"}, 1, "unknown interface 'eth9'; recorded: eth0, wlan0");
  expect_refusal({"-i", "eth0+eth9"}, 1, "unknown interface 'eth9'; recorded: eth0, wlan0");
  expect_refusal({"-i", "eth0+"}, 2, "--interface: 'eth0+' is not NAME or NAME+NAME (see --help)");
}

TEST_F(ReportBadInput, RefusesAMissingDatabaseWithoutCreatingIt) {
  const std::filesystem::path missing = m_test.dir() / "missing.db";
  expect_refusal({}, 1, "no database at " + missing.string() + " (octolog-recorder creates it)",
                 missing);
}

TEST_F(ReportBadInput, RefusesAFileThatIsNotADatabase) {
  const std::filesystem::path garbage = m_test.dir() / "garbage.db";
  testing::write_file(garbage, "garbage that is not SQLite, long enough to have a header ......");
  expect_refusal({}, 1,
                 garbage.string() + " is not an octolog database (file is not a database); left "
                                    "untouched",
                 garbage);
}

TEST_F(ReportBadInput, RefusesAnotherProgramsDatabase) {
  const std::filesystem::path foreign = m_test.dir() / "foreign.db";
  {
    SQLite::Database db(foreign.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')");
  }
  expect_refusal({}, 1,
                 foreign.string() +
                     " is an SQLite database of another program, not octolog's; left untouched",
                 foreign);
}

TEST_F(ReportBadInput, RefusesADatabaseOfANewerSchema) {
  {
    SQLite::Database db(m_test.db().string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(Store::k_schema_version + 1));
  }
  expect_refusal({}, 1,
                 m_test.db().string() + " has schema version " +
                     std::to_string(Store::k_schema_version + 1) +
                     ", newer than this octolog understands (" +
                     std::to_string(Store::k_schema_version) + "); use a newer octolog");
}

TEST_F(ReportBadInput, LeavesTheDatabaseUnchangedWhenItSucceeds) {
  const std::string before = file_bytes(m_test.db());
  const ProcessResult result = m_test.report({"--day", "--json"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(file_bytes(m_test.db()) == before) << "the database file changed";
  EXPECT_FALSE(std::filesystem::exists(m_test.db().string() + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(m_test.db().string() + "-shm"));
}

} // namespace
} // namespace octolog::e2e

#include "scoped_time_zone.hpp"

#include "octolog/date_parse.hpp"
#include "octolog/error.hpp"

#include <gtest/gtest.h>

namespace octolog {
namespace {

using testing::ScopedTimeZone;

constexpr std::int64_t k_now_ms = 1'795'712'040'000; // 2026-11-26T16:54:00Z, 11:54 in New York

std::int64_t parse_in_new_york(std::string_view text) {
  ScopedTimeZone tz("America/New_York");
  return parse_time_point(text, TimeZone::local(), k_now_ms);
}

std::string error_of(std::string_view text) {
  try {
    (void)parse_in_new_york(text);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ParseTimePoint, ReadsADateAsTheStartOfThatLocalDay) {
  EXPECT_EQ(parse_in_new_york("2026-11-01"), 1'793'505'600'000);
}

TEST(ParseTimePoint, ReadsAMonthAsTheStartOfItsFirstDay) {
  EXPECT_EQ(parse_in_new_york("2026-11"), 1'793'505'600'000);
}

TEST(ParseTimePoint, ReadsALocalDateTimeWithOrWithoutSeconds) {
  EXPECT_EQ(parse_in_new_york("2026-11-01T00:00"), 1'793'505'600'000);
  EXPECT_EQ(parse_in_new_york("2026-11-01 00:00:07"), 1'793'505'607'000);
}

TEST(ParseTimePoint, TakesTheEarlierInstantOfARepeatedReading) {
  EXPECT_EQ(parse_in_new_york("2026-11-01T01:30"), 1'793'511'000'000);
}

TEST(ParseTimePoint, RejectsAReadingTheClocksSkip) {
  EXPECT_EQ(error_of("2026-03-08T02:30"),
            "bad time '2026-03-08T02:30': that reading does not exist in America/New_York "
            "(the clocks skip it); give an offset or another time");
}

TEST(ParseTimePoint, HonoursAnExplicitOffsetWhateverTheZone) {
  EXPECT_EQ(parse_in_new_york("2026-11-14T12:00:00+05:45"), 1'794'636'900'000);
  EXPECT_EQ(parse_in_new_york("2026-11-14T06:15:00Z"), 1'794'636'900'000);
  EXPECT_EQ(parse_in_new_york("2026-11-14T01:15:00-0500"), 1'794'636'900'000);
  EXPECT_EQ(parse_in_new_york("2026-11-14T15:15+09"), 1'794'636'900'000);
}

TEST(ParseTimePoint, ReadsTodayAndYesterdayAsLocalMidnights) {
  EXPECT_EQ(parse_in_new_york("today"), 1'795'669'200'000);
  EXPECT_EQ(parse_in_new_york("yesterday"), parse_in_new_york("today") - 86'400'000);
  EXPECT_EQ(parse_in_new_york("now"), k_now_ms);
}

TEST(ParseTimePoint, ReadsRelativeFormsAsExactDurationsBeforeNow) {
  EXPECT_EQ(parse_in_new_york("-2h"), k_now_ms - 7'200'000);
  EXPECT_EQ(parse_in_new_york("-7d"), k_now_ms - 604'800'000);
  EXPECT_EQ(parse_in_new_york("-30m"), k_now_ms - 1'800'000);
  EXPECT_EQ(parse_in_new_york("-90s"), k_now_ms - 90'000);
  EXPECT_EQ(parse_in_new_york("-1w"), k_now_ms - 604'800'000);
}

TEST(ParseTimePoint, RejectsMalformedTimesNamingTheAcceptedForms) {
  const std::string forms =
      "use YYYY-MM-DD, YYYY-MM, YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], today, yesterday, now or -N "
      "followed by s, m, h, d or w";
  EXPECT_EQ(error_of("tomorrow"), "bad time 'tomorrow': " + forms);
  EXPECT_EQ(error_of("2026-1-5"), "bad time '2026-1-5': " + forms);
  EXPECT_EQ(error_of("-2y"), "bad time '-2y': " + forms);
  EXPECT_EQ(error_of("2026-11-01T7"), "bad time '2026-11-01T7': " + forms);
  EXPECT_EQ(error_of(""), "bad time '': " + forms);
}

TEST(ParseTimePoint, RejectsDaysAndTimesThatDoNotExist) {
  EXPECT_EQ(error_of("2026-02-29"), "bad time '2026-02-29': there is no such day");
  EXPECT_EQ(error_of("2026-11-01T24:00"),
            "bad time '2026-11-01T24:00': hours go to 23, minutes and seconds to 59");
  EXPECT_EQ(error_of("2026-11-01T10:00+25:00"),
            "bad time '2026-11-01T10:00+25:00': the offset must be Z, +HH, +HHMM or +HH:MM");
}

} // namespace
} // namespace octolog

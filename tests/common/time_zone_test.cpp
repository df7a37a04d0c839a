#include "scoped_time_zone.hpp"

#include "octolog/time_zone.hpp"

#include <gtest/gtest.h>

namespace octolog {
namespace {

using testing::ScopedTimeZone;

constexpr std::int64_t k_first_130_edt = 1'793'511'000; // 2026-11-01T05:30:00Z
constexpr std::int64_t k_spring_jump = 1'772'953'200;   // 2026-03-08T07:00:00Z

TEST(TimeZone, ReadsTheZoneNameFromTz) {
  ScopedTimeZone tz("America/New_York");
  EXPECT_EQ(TimeZone::local().name(), "America/New_York");
  EXPECT_EQ(TimeZone::utc().name(), "UTC");
}

TEST(TimeZone, FindsBothInstantsOfARepeatedReading) {
  ScopedTimeZone tz("America/New_York");
  const TimeZone zone = TimeZone::local();
  const std::vector<std::int64_t> instants = zone.instants_of({{2026, 11, 1}, 1, 30, 0});
  ASSERT_EQ(instants.size(), 2U);
  EXPECT_EQ(instants[0], k_first_130_edt);
  EXPECT_EQ(instants[1], k_first_130_edt + 3600);
  EXPECT_EQ(zone.first_instant_from({{2026, 11, 1}, 1, 30, 0}), k_first_130_edt);
}

TEST(TimeZone, FindsNoInstantOfASkippedReadingButTheJumpPastIt) {
  ScopedTimeZone tz("America/New_York");
  const TimeZone zone = TimeZone::local();
  EXPECT_TRUE(zone.instants_of({{2026, 3, 8}, 2, 30, 0}).empty());
  EXPECT_EQ(zone.first_instant_from({{2026, 3, 8}, 2, 30, 0}), k_spring_jump);
  EXPECT_EQ(zone.to_civil(k_spring_jump), (CivilTime{{2026, 3, 8}, 3, 0, 0}));
  EXPECT_EQ(zone.to_civil(k_spring_jump - 1), (CivilTime{{2026, 3, 8}, 1, 59, 59}));
}

TEST(TimeZone, KnowsTheQuarterHourOffsetOfKathmandu) {
  ScopedTimeZone tz("Asia/Kathmandu");
  const TimeZone zone = TimeZone::local();
  EXPECT_EQ(zone.utc_offset(1'780'000'000), 20'700);
  EXPECT_EQ(zone.first_instant_from({{2026, 6, 1}, 0, 0, 0}), 1'780'251'300);
}

TEST(TimeZone, UtcNeedsNoTzAtAll) {
  ScopedTimeZone tz("America/New_York");
  const TimeZone zone = TimeZone::utc();
  EXPECT_EQ(zone.utc_offset(k_spring_jump), 0);
  EXPECT_EQ(zone.to_civil(k_spring_jump), (CivilTime{{2026, 3, 8}, 7, 0, 0}));
}

TEST(TimeZone, TakesALocalZoneNamedUtcForUtc) {
  for (const char* name : {"UTC", "Etc/UTC", ":UTC", "/usr/share/zoneinfo/Etc/UTC", "GMT"}) {
    ScopedTimeZone tz(name);
    const TimeZone zone = TimeZone::local();
    EXPECT_TRUE(zone.is_utc()) << name;
    EXPECT_EQ(zone.utc_offset(k_spring_jump), 0) << name;
    EXPECT_EQ(zone.instants_of({{2026, 3, 8}, 2, 30, 0}),
              (std::vector<std::int64_t>{k_spring_jump - 16'200}))
        << name;
  }
  for (const char* name : {"America/New_York", "Europe/London", "UTC-1", "Etc/GMT+5"}) {
    ScopedTimeZone tz(name);
    EXPECT_FALSE(TimeZone::local().is_utc()) << name;
  }
}

TEST(FormatIso8601, WritesTheOffsetInEffectAtThatInstant) {
  ScopedTimeZone tz("America/New_York");
  const TimeZone zone = TimeZone::local();
  EXPECT_EQ(format_iso8601(k_first_130_edt * 1000, zone), "2026-11-01T01:30:00-04:00");
  EXPECT_EQ(format_iso8601((k_first_130_edt + 3600) * 1000, zone), "2026-11-01T01:30:00-05:00");
  EXPECT_EQ(format_iso8601(k_spring_jump * 1000 + 250, zone), "2026-03-08T03:00:00.250-04:00");
}

TEST(FormatIso8601, WritesQuarterHourOffsets) {
  ScopedTimeZone tz("Asia/Kathmandu");
  EXPECT_EQ(format_iso8601(1'780'251'300'000, TimeZone::local()), "2026-06-01T00:00:00+05:45");
  EXPECT_EQ(format_iso8601(1'780'251'300'000, TimeZone::utc()), "2026-05-31T18:15:00+00:00");
}

} // namespace
} // namespace octolog

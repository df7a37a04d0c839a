#include "octolog/report_rows.hpp"

#include <gtest/gtest.h>

namespace octolog {
namespace {

constexpr std::int64_t k_day_ms = 86'400'000;
constexpr std::int64_t k_nov_20 = 1'795'132'800'000; // 2026-11-20T00:00Z
constexpr std::int64_t k_now = k_nov_20 + 12 * 3'600'000;

ReportRequest request_for(View view) {
  ReportRequest request;
  request.view = view;
  request.now_ms = k_now;
  return request;
}

TEST(DefaultLimit, FollowsVnstat) {
  EXPECT_EQ(default_limit(View::five_minutes), 36);
  EXPECT_EQ(default_limit(View::hour), 24);
  EXPECT_EQ(default_limit(View::day), 30);
  EXPECT_EQ(default_limit(View::month), 12);
  EXPECT_EQ(default_limit(View::year), std::nullopt);
}

TEST(PlanRows, ShowsTheLastDaysUpToTodaySinceTheFirstRecording) {
  const Calendar calendar(TimeZone::utc());
  const std::vector<ReportRow> rows =
      plan_rows(request_for(View::day), calendar, {k_nov_20 - 2 * k_day_ms + 5, k_now});
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].window, (TimeWindow{k_nov_20 - 2 * k_day_ms, k_nov_20 - k_day_ms}));
  EXPECT_EQ(rows[2].window, (TimeWindow{k_nov_20, k_nov_20 + k_day_ms}));
}

TEST(PlanRows, StopsAtTheDefaultLimit) {
  const Calendar calendar(TimeZone::utc());
  EXPECT_EQ(plan_rows(request_for(View::day), calendar, {0, k_now}).size(), 30U);
  ReportRequest request = request_for(View::hour);
  request.limit = 5;
  EXPECT_EQ(plan_rows(request, calendar, {0, k_now}).size(), 5U);
}

TEST(PlanRows, ClipsPeriodsToBeginAndEnd) {
  const Calendar calendar(TimeZone::utc());
  ReportRequest request = request_for(View::day);
  request.begin_ms = k_nov_20 - k_day_ms / 2;
  request.end_ms = k_nov_20 + k_day_ms / 4;
  const std::vector<ReportRow> rows = plan_rows(request, calendar, {0, k_now});
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].window, (TimeWindow{*request.begin_ms, k_nov_20}));
  EXPECT_EQ(rows[1].window, (TimeWindow{k_nov_20, *request.end_ms}));
}

TEST(PlanRows, RunsFromBeginToTheWholePeriodOfNow) {
  const Calendar calendar(TimeZone::utc());
  ReportRequest request = request_for(View::day);
  request.begin_ms = k_nov_20 - k_day_ms;
  const std::vector<ReportRow> rows = plan_rows(request, calendar, {0, k_now});
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].window.end_ms, k_nov_20 + k_day_ms);
}

TEST(PlanRows, GivesOneRowForAWindowWithoutAView) {
  const Calendar calendar(TimeZone::utc());
  ReportRequest request = request_for(View::window);
  request.begin_ms = k_nov_20 + 1234;
  const std::vector<ReportRow> rows = plan_rows(request, calendar, {0, k_now});
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].window, (TimeWindow{k_nov_20 + 1234, k_now}));
}

TEST(PlanRows, GivesTheSummaryRowsInOrder) {
  const Calendar calendar(TimeZone::utc(), 15);
  const std::vector<ReportRow> rows =
      plan_rows(request_for(View::summary), calendar, {k_nov_20 - 40 * k_day_ms, k_now});
  ASSERT_EQ(rows.size(), 5U);
  EXPECT_EQ(rows[0].role, RowRole::today);
  EXPECT_EQ(rows[1].window, (TimeWindow{k_nov_20 - k_day_ms, k_nov_20}));
  EXPECT_EQ(rows[2].role, RowRole::this_month);
  EXPECT_EQ(rows[2].window.start_ms, k_nov_20 - 5 * k_day_ms); // Nov 15
  EXPECT_EQ(rows[3].window.end_ms, rows[2].window.start_ms);
  EXPECT_EQ(rows[4].role, RowRole::all_time);
  EXPECT_EQ(rows[4].window, (TimeWindow{k_nov_20 - 40 * k_day_ms, k_now}));
}

TEST(PlanRows, ListsEveryYearSinceTheFirstRecording) {
  const Calendar calendar(TimeZone::utc());
  const std::vector<ReportRow> rows =
      plan_rows(request_for(View::year), calendar, {k_nov_20 - 700 * k_day_ms, k_now});
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[2].window.end_ms, 1'798'761'600'000); // 2027-01-01T00:00Z
}

TEST(UnionOf, MergesWindowsThatOverlapOrMeet) {
  EXPECT_EQ(union_of({{30, 40}, {0, 10}, {10, 20}, {35, 50}, {60, 60}}),
            (std::vector<TimeWindow>{{0, 20}, {30, 50}}));
}

} // namespace
} // namespace octolog

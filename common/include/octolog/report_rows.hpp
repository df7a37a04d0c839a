#pragma once

#include "octolog/query.hpp"
#include "octolog/time_window.hpp"
#include "octolog/traffic_series.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octolog {

// What a report shows for each interface.
enum class View {
  summary,      // today, yesterday, this month, last month, all time
  five_minutes, // one row per period ...
  hour,
  day,
  month,
  year,
  top,   // the busiest days, busiest first
  window // one row for exactly --begin .. --end
};

// The name of `view` in JSON and CSV: "summary", "five", "hour", ...
[[nodiscard]] std::string_view to_string(View view);

// What a row stands for: a period of the view, or one of the summary's rows.
enum class RowRole { period, today, yesterday, this_month, last_month, all_time };

struct ReportRow {
  RowRole role = RowRole::period;
  TimeWindow window;
  Measurement measurement;
};

// The rows of one interface, or of a sum of interfaces ("eth0+wlan0"), and
// their total: the same figures over the union of the rows' windows.
struct RowSetReport {
  std::string name;
  View view = View::summary;
  std::vector<ReportRow> rows;
  ReportRow total;
};

struct ReportRequest {
  View view = View::summary;
  std::optional<std::int64_t> begin_ms; // unix ms
  std::optional<std::int64_t> end_ms;
  std::optional<int> limit; // rows, newest kept
  int top = 10;             // days for View::top
  std::int64_t now_ms = 0;
};

// Rows shown when neither --limit nor --begin/--end says: vnStat's defaults
// (36 five-minute periods, 24 hours, 30 days, 12 months, every year).
[[nodiscard]] std::optional<int> default_limit(View view);

// The rows `request` asks for, not yet measured, oldest first. `recorded` is
// the span the interface was recorded in: rows before it are left out unless
// --begin asks for them. For View::top every day of the range (the caller
// picks the busiest once measured).
[[nodiscard]] std::vector<ReportRow>
plan_rows(const ReportRequest& request, const Calendar& calendar, const TimeWindow& recorded);


// Plans, loads and measures the rows of `members` added together, named `name`.
[[nodiscard]] RowSetReport build_row_set(const TrafficQuery& query, const std::string& name,
                                         const std::vector<std::string>& members,
                                         const ReportRequest& request, const Calendar& calendar);

} // namespace octolog

#include "octolog/report_rows.hpp"

#include <algorithm>

namespace octolog {
namespace {

Period period_of(View view) {
  switch (view) {
  case View::five_minutes:
    return Period::five_minutes;
  case View::hour:
    return Period::hour;
  case View::month:
    return Period::month;
  case View::year:
    return Period::year;
  case View::summary:
  case View::day:
  case View::top:
  case View::window:
    break;
  }
  return Period::day;
}

std::vector<ReportRow> rows_of(const std::vector<TimeWindow>& windows) {
  std::vector<ReportRow> rows;
  rows.reserve(windows.size());
  for (const TimeWindow& window : windows) {
    rows.push_back(ReportRow{RowRole::period, window, {}});
  }
  return rows;
}

std::vector<ReportRow> summary_rows(const Calendar& calendar, const TimeWindow& recorded,
                                    std::int64_t now_ms) {
  const TimeWindow today = calendar.containing(Period::day, now_ms);
  const TimeWindow month = calendar.containing(Period::month, now_ms);
  const std::int64_t first = recorded.length_ms() > 0 ? recorded.start_ms : now_ms;
  return {
      {RowRole::today, today, {}},
      {RowRole::yesterday, calendar.containing(Period::day, today.start_ms - 1), {}},
      {RowRole::this_month, month, {}},
      {RowRole::last_month, calendar.containing(Period::month, month.start_ms - 1), {}},
      {RowRole::all_time, {std::min(first, now_ms), std::max(now_ms, recorded.end_ms)}, {}},
  };
}

} // namespace

std::string_view to_string(View view) {
  switch (view) {
  case View::summary:
    return "summary";
  case View::five_minutes:
    return "five";
  case View::hour:
    return "hour";
  case View::day:
    return "day";
  case View::month:
    return "month";
  case View::year:
    return "year";
  case View::top:
    return "top";
  case View::window:
    return "window";
  }
  return "summary";
}

std::optional<int> default_limit(View view) {
  switch (view) {
  case View::five_minutes:
    return 36;
  case View::hour:
    return 24;
  case View::day:
    return 30;
  case View::month:
    return 12;
  case View::summary:
  case View::year:
  case View::top:
  case View::window:
    break;
  }
  return std::nullopt;
}

std::vector<ReportRow> plan_rows(const ReportRequest& request, const Calendar& calendar,
                                 const TimeWindow& recorded) {
  const bool has_data = recorded.length_ms() > 0;
  const std::int64_t now = request.now_ms;
  if (request.view == View::summary) {
    return summary_rows(calendar, recorded, now);
  }
  if (request.view == View::window) {
    const std::int64_t begin = request.begin_ms.value_or(has_data ? recorded.start_ms : now);
    return {ReportRow{RowRole::period, {begin, std::max(begin, request.end_ms.value_or(now))}, {}}};
  }

  const Period period = period_of(request.view);
  const bool bounded = request.begin_ms || request.end_ms;
  std::vector<TimeWindow> windows;
  if (bounded || request.view == View::top || request.view == View::year) {
    // From --begin (else the first recording) to --end (else the period of
    // now, whole); periods clipped to --begin and --end so that the rows add
    // up to exactly that range.
    const std::int64_t begin =
        request.begin_ms.value_or(has_data ? std::min(recorded.start_ms, now) : now);
    const std::int64_t end = request.end_ms.value_or(std::max(now, begin) + 1);
    for (TimeWindow window : calendar.covering(period, begin, end)) {
      window.start_ms = std::max(window.start_ms, request.begin_ms.value_or(window.start_ms));
      window.end_ms = std::min(window.end_ms, request.end_ms.value_or(window.end_ms));
      windows.push_back(window);
    }
  } else {
    windows = calendar.last(period, now, request.limit.value_or(*default_limit(request.view)));
    // Nothing to show before the interface was first recorded.
    const std::int64_t first = has_data ? recorded.start_ms : now;
    std::erase_if(windows, [&](const TimeWindow& w) { return w.end_ms <= first; });
  }
  if (request.limit && request.view != View::top &&
      windows.size() > static_cast<std::size_t>(*request.limit)) {
    windows.erase(windows.begin(), windows.end() - *request.limit);
  }
  return rows_of(windows);
}

namespace {

// The series of `members` added up, around `ranges`, loaded to measure
// `rows` as of `now_ms`: the rows' edges and now are the cuts. Now and a
// row's end split nothing where no traffic was recorded from then on (as of
// the present: now, and the ends of today, this month and all time), and are
// left out: a day one falls in goes whole, with its busiest parts, instead of
// hour by hour. (A row's start stays a cut: a day that began before it is
// measured through its hours.)
TrafficSeries load_sum(const TrafficQuery& query, const std::vector<std::string>& members,
                       const std::vector<TimeWindow>& ranges, const std::vector<ReportRow>& rows,
                       std::int64_t now_ms, bool percentiles) {
  TrafficQuery::Detail detail;
  detail.all_samples = members.size() > 1 && percentiles; // for the peak of a sum
  detail.days = members.size() == 1;
  detail.percentiles = percentiles;
  const auto add_end = [&](std::int64_t end_ms) {
    if (std::any_of(members.begin(), members.end(), [&](const std::string& member) {
          return query.may_hold_after(member, end_ms);
        })) {
      detail.cuts.push_back(end_ms);
    }
  };
  add_end(now_ms);
  for (const ReportRow& row : rows) {
    detail.cuts.push_back(row.window.start_ms);
    add_end(row.window.end_ms);
  }
  std::vector<TrafficSeries> series;
  series.reserve(members.size());
  for (const std::string& member : members) {
    series.push_back(query.load(member, ranges, detail));
  }
  return sum_series(std::move(series));
}

std::vector<TimeWindow> windows_of(const std::vector<ReportRow>& rows) {
  std::vector<TimeWindow> windows;
  windows.reserve(rows.size());
  for (const ReportRow& row : rows) {
    windows.push_back(row.window);
  }
  return windows;
}

} // namespace

RowSetReport build_row_set(const TrafficQuery& query, const std::string& name,
                           const std::vector<std::string>& members, const ReportRequest& request,
                           const Calendar& calendar) {
  TimeWindow recorded;
  for (const std::string& member : members) {
    const TimeWindow span = query.recorded_span(member);
    if (span.length_ms() > 0) {
      recorded = recorded.length_ms() > 0 ? TimeWindow{std::min(recorded.start_ms, span.start_ms),
                                                       std::max(recorded.end_ms, span.end_ms)}
                                          : span;
    }
  }

  RowSetReport report{name, request.view, plan_rows(request, calendar, recorded), {}};
  const std::int64_t now = request.now_ms;
  std::vector<TimeWindow> merged = union_of(windows_of(report.rows));
  const TimeWindow range = merged.empty()
                               ? TimeWindow{now, now}
                               : TimeWindow{merged.front().start_ms, merged.back().end_ms};

  if (request.view == View::top) {
    // Every day is ranked by volume, read without what percentiles need;
    // only the days kept are read again and measured whole.
    const TrafficSeries volumes = load_sum(query, members, {range}, report.rows, now, false);
    for (ReportRow& row : report.rows) {
      row.measurement = volumes.measure(row.window, now);
    }
    std::erase_if(report.rows,
                  [](const ReportRow& row) { return row.measurement.covered_ms == 0; });
    // The busiest first, the earlier first among equals (the rows are in
    // time order); only the kept ones are sorted.
    const auto busier = [](const ReportRow& a, const ReportRow& b) {
      const std::uint64_t a_bytes = a.measurement.rx_bytes + a.measurement.tx_bytes;
      const std::uint64_t b_bytes = b.measurement.rx_bytes + b.measurement.tx_bytes;
      return a_bytes != b_bytes ? a_bytes > b_bytes : a.window.start_ms < b.window.start_ms;
    };
    const auto kept = std::min(report.rows.size(), static_cast<std::size_t>(request.top));
    std::partial_sort(report.rows.begin(), report.rows.begin() + static_cast<std::ptrdiff_t>(kept),
                      report.rows.end(), busier);
    report.rows.resize(kept);
    merged = union_of(windows_of(report.rows));
  }

  const TrafficSeries sum = load_sum(query, members, merged.empty() ? std::vector{range} : merged,
                                     report.rows, now, true);
  for (ReportRow& row : report.rows) {
    row.measurement = sum.measure(row.window, now);
  }

  report.total.window = range;
  if (!merged.empty()) {
    report.total.window = {merged.front().start_ms, merged.back().end_ms};
  }
  // A measurement depends on its window's start and the part of it before
  // now, and on the rest only for its length: where a row has the total's
  // (the summary's all-time row), it is not measured twice.
  const auto before_now = [&](const TimeWindow& w) {
    return TimeWindow{w.start_ms, std::min(w.end_ms, now)};
  };
  const auto same = std::find_if(report.rows.begin(), report.rows.end(), [&](const ReportRow& row) {
    return merged.size() == 1 && before_now(row.window) == before_now(merged.front());
  });
  if (same != report.rows.end()) {
    report.total.measurement = same->measurement;
    report.total.measurement.length_ms = merged.front().length_ms();
  } else {
    report.total.measurement = sum.measure(merged, now);
  }
  return report;
}

} // namespace octolog

#include "text_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace octolog::report {
namespace {

// One column of a row: its width, whether its text is aligned right, and
// the spaces after it.
struct Column {
  std::size_t width;
  bool right;
  std::size_t gap;
};

// label, direction, volume, average, peak, peak time, p95, coverage: 78 columns.
constexpr std::array<Column, 8> k_columns{{{11, false, 1}, {2, false, 1}, {8, true, 2},
                                           {11, true, 2}, {11, true, 1}, {11, false, 1},
                                           {11, true, 1}, {4, true, 0}}};

// The line of `fields` in k_columns, without trailing spaces. Padded by
// hand: fmt's format of eight padded fields cost 9,000 instructions a line,
// a twentieth of a `--month` report. Every field is ASCII.
std::string line(std::string_view label, std::string_view direction, std::string_view volume,
                 std::string_view average, std::string_view peak, std::string_view at,
                 std::string_view p95, std::string_view coverage) {
  const std::array<std::string_view, 8> fields{label, direction, volume, average,
                                               peak,  at,        p95,    coverage};
  std::string text;
  text.reserve(80);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const Column& column = k_columns[i];
    const std::size_t fill = fields[i].size() < column.width ? column.width - fields[i].size() : 0;
    text.append(column.right ? fill : 0, ' ');
    text += fields[i];
    text.append((column.right ? 0 : fill) + column.gap, ' ');
  }
  text.erase(text.find_last_not_of(' ') + 1);
  text += '\n';
  return text;
}

std::string date_text(const CivilDate& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string clock_text(const CivilTime& time) {
  return fmt::format("{:02}:{:02}", time.hour, time.minute);
}

// " -04", " +0545": short enough for the label column.
std::string offset_text(std::int64_t offset_s) {
  const std::int64_t magnitude = offset_s < 0 ? -offset_s : offset_s;
  std::string text = fmt::format(" {}{:02}", offset_s < 0 ? '-' : '+', magnitude / 3600);
  if (magnitude % 3600 != 0) {
    text += fmt::format("{:02}", magnitude % 3600 / 60);
  }
  return text;
}

class Writer {
public:
  Writer(const TimeZone& zone, const TextStyle& style) : m_zone(zone), m_style(style) {}

  void write(const RowSetReport& report);
  [[nodiscard]] std::string text() const;

private:
  [[nodiscard]] CivilTime civil(std::int64_t unix_ms) const {
    return m_zone.to_civil(floor_div(unix_ms, 1000));
  }
  [[nodiscard]] std::string label(const RowSetReport& report, const ReportRow& row) const;
  [[nodiscard]] std::string peak_time(const TimeWindow& window, const Peak& peak) const;
  [[nodiscard]] bool offset_changes_on(const CivilDate& date) const;
  void write_row(std::string_view label, const ReportRow& row);
  void write_estimate(const ReportRow& row);

  const TimeZone& m_zone;
  TextStyle m_style;
  std::string m_text;
  bool m_any_gap = false;
};

std::string Writer::label(const RowSetReport& report, const ReportRow& row) const {
  const CivilTime start = civil(row.window.start_ms);
  switch (row.role) {
  case RowRole::today:
    return "today";
  case RowRole::yesterday:
    return "yesterday";
  case RowRole::this_month:
    return "this month";
  case RowRole::last_month:
    return "last month";
  case RowRole::all_time:
    return "all time";
  case RowRole::period:
    break;
  }
  switch (report.view) {
  case View::five_minutes:
  case View::hour:
    return offset_changes_on(start.date)
               ? clock_text(start) +
                     offset_text(m_zone.utc_offset(floor_div(row.window.start_ms, 1000)))
               : clock_text(start);
  case View::month:
    return start.date.day == 1 ? fmt::format("{:04}-{:02}", start.date.year, start.date.month)
                               : date_text(start.date);
  case View::year:
    return start.date.month == 1 && start.date.day == 1 ? fmt::format("{:04}", start.date.year)
                                                        : date_text(start.date);
  case View::window:
    return "window";
  case View::summary:
  case View::day:
  case View::top:
    break;
  }
  return date_text(start.date);
}

bool Writer::offset_changes_on(const CivilDate& date) const {
  const std::int64_t start_s = m_zone.first_instant_from(CivilTime{date, 0, 0, 0});
  const std::int64_t end_s = m_zone.first_instant_from(CivilTime{add_days(date, 1), 0, 0, 0});
  return m_zone.utc_offset(start_s) != m_zone.utc_offset(end_s - 1);
}

// As much of the peak's time as the row needs: the clock within one day, the
// date and clock within one year, else the date.
std::string Writer::peak_time(const TimeWindow& window, const Peak& peak) const {
  if (!peak.at_ms) {
    return {};
  }
  const CivilTime at = civil(*peak.at_ms);
  const CivilDate first = civil(window.start_ms).date;
  const CivilDate last = civil(window.end_ms - 1).date;
  if (first == last) {
    return fmt::format("{:02}:{:02}:{:02}", at.hour, at.minute, at.second);
  }
  if (first.year == last.year) {
    return fmt::format("{:02}-{:02} {:02}:{:02}", at.date.month, at.date.day, at.hour, at.minute);
  }
  return date_text(at.date);
}

void Writer::write_row(std::string_view label, const ReportRow& row) {
  const Measurement& m = row.measurement;
  if (m.elapsed_ms == 0 && m.covered_ms == 0) {
    m_text += fmt::format("{:<11} not yet\n", label);
    return;
  }
  if (m.covered_ms == 0) {
    m_text += fmt::format("{:<11} no recording\n", label);
    return;
  }
  std::string coverage;
  if (m.has_gap()) {
    const std::int64_t percent = std::min<std::int64_t>(99, m.covered_ms * 100 / m.expected_ms);
    coverage = fmt::format("{}%", percent);
    m_any_gap = true;
  }
  const auto rate = [&](double value) { return format_rate(value, m_style.rates); };
  m_text += line(label, "rx", format_bytes(m.rx_bytes, m_style.bytes), rate(m.rx_average()),
                 rate(m.rx_peak.rate), peak_time(row.window, m.rx_peak), rate(m.rx_p95), coverage);
  m_text += line("", "tx", format_bytes(m.tx_bytes, m_style.bytes), rate(m.tx_average()),
                 rate(m.tx_peak.rate), peak_time(row.window, m.tx_peak), rate(m.tx_p95), "");
}

// For the running day and month: the volume if the rest goes on at the
// average rate so far.
void Writer::write_estimate(const ReportRow& row) {
  const Measurement& m = row.measurement;
  if (m.covered_ms == 0 || m.elapsed_ms <= 0 || m.elapsed_ms >= m.length_ms) {
    return;
  }
  const double scale = static_cast<double>(m.length_ms) / static_cast<double>(m.elapsed_ms);
  const auto estimate = [&](std::uint64_t bytes) {
    return format_bytes(static_cast<std::uint64_t>(static_cast<double>(bytes) * scale),
                        m_style.bytes);
  };
  m_text += line(" estimated", "rx", estimate(m.rx_bytes), "", "", "", "", "");
  m_text += line("", "tx", estimate(m.tx_bytes), "", "", "", "", "");
}

void Writer::write(const RowSetReport& report) {
  if (!m_text.empty()) {
    m_text += '\n';
  }
  std::string_view what;
  switch (report.view) {
  case View::summary:
    what = "";
    break;
  case View::five_minutes:
    what = "5 minutes, ";
    break;
  case View::hour:
    what = "hours, ";
    break;
  case View::day:
    what = "days, ";
    break;
  case View::month:
    what = "months, ";
    break;
  case View::year:
    what = "years, ";
    break;
  case View::top:
    what = "busiest days, ";
    break;
  case View::window:
    what = "";
    break;
  }
  if (report.view == View::window) {
    m_text += fmt::format("{}  ({})\nfrom {} to {}\n", report.name, m_zone.name(),
                          format_iso8601(report.total.window.start_ms, m_zone),
                          format_iso8601(report.total.window.end_ms, m_zone));
  } else {
    m_text += fmt::format("{}  ({}{})\n", report.name, what, m_zone.name());
  }
  std::string_view period;
  switch (report.view) {
  case View::five_minutes:
    period = "5 minutes";
    break;
  case View::hour:
    period = "hour";
    break;
  case View::day:
  case View::top:
    period = "day";
    break;
  case View::month:
    period = "month";
    break;
  case View::year:
    period = "year";
    break;
  case View::summary:
  case View::window:
    break;
  }
  const std::string header = line(period, "", "volume", "average", "peak", "at", "p95", "");
  m_text += header;
  m_text += std::string(78, '-') + '\n';
  if (report.rows.empty()) {
    m_text += "nothing recorded\n";
    return;
  }
  const bool dated = report.view == View::five_minutes || report.view == View::hour;
  std::optional<CivilDate> date;
  for (const ReportRow& row : report.rows) {
    if (dated && civil(row.window.start_ms).date != date) {
      date = civil(row.window.start_ms).date;
      m_text += date_text(*date) + '\n';
    }
    write_row(label(report, row), row);
    if (row.role == RowRole::today || row.role == RowRole::this_month) {
      write_estimate(row);
    }
  }
  if (report.view != View::summary && report.view != View::window) {
    m_text += std::string(78, '-') + '\n';
    write_row("total", report.total);
  }
}

std::string Writer::text() const {
  if (!m_any_gap) {
    return m_text;
  }
  return m_text + "\nNN% = share of the recorded time that the recorder saw; the rest is a gap.\n";
}

} // namespace

std::string report_text(const std::vector<RowSetReport>& reports, const TimeZone& zone,
                        const TextStyle& style) {
  if (reports.empty()) {
    return "no interface has been recorded yet\n";
  }
  Writer writer(zone, style);
  for (const RowSetReport& report : reports) {
    writer.write(report);
  }
  return writer.text();
}

} // namespace octolog::report

#include "json_output.hpp"

#include <array>
#include <string_view>

namespace octolog::report {
namespace {

constexpr std::array<std::string_view, 14> k_row_fields{
    "start",  "end",     "seconds",    "covered_seconds", "rx_bytes",   "tx_bytes", "rx_avg",
    "tx_avg", "rx_peak", "rx_peak_at", "tx_peak",         "tx_peak_at", "rx_p95",   "tx_p95"};

nlohmann::ordered_json peak_time(const Peak& peak, const TimeZone& zone) {
  return peak.at_ms ? nlohmann::ordered_json(format_iso8601(*peak.at_ms, zone))
                    : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json row_json(const ReportRow& row, const TimeZone& zone) {
  const Measurement& m = row.measurement;
  nlohmann::ordered_json json;
  json["start"] = format_iso8601(row.window.start_ms, zone);
  json["end"] = format_iso8601(row.window.end_ms, zone);
  json["seconds"] = m.length_ms / 1000;
  json["covered_seconds"] = m.covered_ms / 1000;
  json["rx_bytes"] = m.rx_bytes;
  json["tx_bytes"] = m.tx_bytes;
  json["rx_avg"] = m.rx_average();
  json["tx_avg"] = m.tx_average();
  json["rx_peak"] = m.rx_peak.rate;
  json["rx_peak_at"] = peak_time(m.rx_peak, zone);
  json["tx_peak"] = m.tx_peak.rate;
  json["tx_peak_at"] = peak_time(m.tx_peak, zone);
  json["rx_p95"] = m.rx_p95;
  json["tx_p95"] = m.tx_p95;
  return json;
}

// RFC 4180: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

std::string csv_value(const nlohmann::ordered_json& value) {
  if (value.is_null()) {
    return {};
  }
  if (value.is_string()) {
    return csv_field(value.get<std::string>());
  }
  return value.dump();
}

} // namespace

nlohmann::ordered_json report_json(const std::vector<RowSetReport>& reports, const TimeZone& zone,
                                   std::int64_t now_ms) {
  nlohmann::ordered_json document;
  document["timezone"] = zone.name();
  document["generated_at"] = format_iso8601(now_ms, zone);
  document["interfaces"] = nlohmann::ordered_json::array();
  for (const RowSetReport& report : reports) {
    nlohmann::ordered_json entry;
    entry["name"] = report.name;
    entry["view"] = std::string(to_string(report.view));
    entry["rows"] = nlohmann::ordered_json::array();
    for (const ReportRow& row : report.rows) {
      entry["rows"].push_back(row_json(row, zone));
    }
    entry["total"] = row_json(report.total, zone);
    document["interfaces"].push_back(std::move(entry));
  }
  return document;
}

std::string report_csv(const nlohmann::ordered_json& document) {
  std::string csv = "interface,view,kind";
  for (const std::string_view field : k_row_fields) {
    csv += ',';
    csv += field;
  }
  csv += '\n';
  const auto add_line = [&](const nlohmann::ordered_json& entry, std::string_view kind,
                            const nlohmann::ordered_json& row) {
    csv += csv_field(entry["name"].get<std::string>());
    csv += ',';
    csv += entry["view"].get<std::string>();
    csv += ',';
    csv += kind;
    for (const std::string_view field : k_row_fields) {
      csv += ',';
      csv += csv_value(row.at(std::string(field)));
    }
    csv += '\n';
  };
  for (const nlohmann::ordered_json& entry : document["interfaces"]) {
    for (const nlohmann::ordered_json& row : entry["rows"]) {
      add_line(entry, "row", row);
    }
    add_line(entry, "total", entry["total"]);
  }
  return csv;
}

} // namespace octolog::report

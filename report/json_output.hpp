#pragma once

#include "octolog/report_rows.hpp"
#include "octolog/time_zone.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace octolog::report {

// The report as the JSON document of DESIGN.md's contract: every field on
// every row and total, times ISO 8601 with their offset, rates in bytes per
// second, a peak time of null where nothing moved.
[[nodiscard]] nlohmann::ordered_json report_json(const std::vector<RowSetReport>& reports,
                                                 const TimeZone& zone, std::int64_t now_ms);

// The same rows as CSV: a header line, then one line per row and per total
// (LF line ends; RFC 4180 quoting),
// each value written exactly as in the JSON document (null: empty).
[[nodiscard]] std::string report_csv(const nlohmann::ordered_json& document);

} // namespace octolog::report

#pragma once

#include "octolog/report_rows.hpp"
#include "octolog/time_zone.hpp"
#include "octolog/units.hpp"

#include <string>
#include <vector>

namespace octolog::report {

struct TextStyle {
  ByteUnits bytes = ByteUnits::iec;
  RateUnits rates = RateUnits::bits_si;
};

// The report as tables that fit 80 columns: per row an rx and a tx line with
// volume, average, peak with its time, and 95th percentile. A row the
// recorder did not see at all reads "no recording"; one it saw only in part
// shows the share it saw, so a gap never passes for a quiet period.
[[nodiscard]] std::string report_text(const std::vector<RowSetReport>& reports,
                                      const TimeZone& zone, const TextStyle& style);

} // namespace octolog::report

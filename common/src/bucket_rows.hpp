#pragma once

#include "octolog/traffic_series.hpp"

#include "raw_statement.hpp"

#include <cstdint>
#include <string_view>

namespace octolog {

// The columns that every bucket table (bucket_5min, bucket_hour, bucket_day)
// has and a Slot holds, in the order slot_of_row() reads them from column 0.
inline constexpr std::string_view k_slot_columns =
    "key, rx_bytes, tx_bytes, rx_packets, tx_packets, rx_peak_rate, "
    "coalesce(rx_peak_offset_ms, 0), tx_peak_rate, coalesce(tx_peak_offset_ms, 0), uncovered_ms";
inline constexpr int k_slot_column_count = 10;

// The slot of the bucket row `row` is on, whose interface's keys start at
// `base_key` and whose buckets are `length_ms` long; without samples or a
// profile.
inline Slot slot_of_row(const RawStatement& row, std::int64_t base_key, std::int64_t length_ms) {
  Slot slot;
  slot.start_ms = row.integer(0) - base_key;
  slot.end_ms = slot.start_ms + length_ms;
  BucketTotals& totals = slot.totals;
  totals.rx_bytes = row.counter(1);
  totals.tx_bytes = row.counter(2);
  totals.rx_packets = row.counter(3);
  totals.tx_packets = row.counter(4);
  totals.rx_peak_rate = row.real(5);
  totals.rx_peak_at_ms = totals.rx_peak_rate > 0.0 ? slot.start_ms + row.integer(6) : 0;
  totals.tx_peak_rate = row.real(7);
  totals.tx_peak_at_ms = totals.tx_peak_rate > 0.0 ? slot.start_ms + row.integer(8) : 0;
  totals.covered_ms = length_ms - row.integer(9);
  return slot;
}

} // namespace octolog

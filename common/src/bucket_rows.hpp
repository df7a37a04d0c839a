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

// Binds the bucket `totals` of `length_ms` that starts at `start_ms` (row
// `key`) to parameters 1 to 10 of a statement that writes those columns in
// the order of k_slot_columns: what slot_of_row() reads back.
inline void bind_bucket_row(RawStatement& write, std::int64_t key, std::int64_t start_ms,
                            std::int64_t length_ms, const BucketTotals& totals) {
  // Unsigned 64-bit counts as the signed integers with the same bits.
  write.bind(1, key);
  write.bind(2, static_cast<std::int64_t>(totals.rx_bytes));
  write.bind(3, static_cast<std::int64_t>(totals.tx_bytes));
  write.bind(4, static_cast<std::int64_t>(totals.rx_packets));
  write.bind(5, static_cast<std::int64_t>(totals.tx_packets));
  write.bind(6, totals.rx_peak_rate);
  if (totals.rx_peak_rate > 0.0) {
    write.bind(7, totals.rx_peak_at_ms - start_ms);
  } else {
    write.bind_null(7);
  }
  write.bind(8, totals.tx_peak_rate);
  if (totals.tx_peak_rate > 0.0) {
    write.bind(9, totals.tx_peak_at_ms - start_ms);
  } else {
    write.bind_null(9);
  }
  write.bind(10, length_ms - totals.covered_ms);
}

} // namespace octolog

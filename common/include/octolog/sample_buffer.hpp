#pragma once

#include "octolog/accountant.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace octolog {

inline constexpr std::int64_t k_five_minutes_ms = 300'000;
inline constexpr std::int64_t k_hour_ms = 3'600'000;

// Traffic of one interface in one aligned period (a 5-minute bucket or an
// hour), with the highest sample-resolution rate seen inside it.
struct BucketTotals {
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  std::uint64_t rx_packets = 0;
  std::uint64_t tx_packets = 0;
  double rx_peak_rate = 0.0; // bytes per second
  std::int64_t rx_peak_at_ms = 0;
  double tx_peak_rate = 0.0;
  std::int64_t tx_peak_at_ms = 0;
  std::int64_t covered_ms = 0; // time inside the period that deltas account for

  // Adds `other`, keeping the higher peaks (the earlier one on a tie).
  void merge(const BucketTotals& other);

  friend bool operator==(const BucketTotals&, const BucketTotals&) = default;
};

// Bit of Delta::flags on a sample merged from finer ones while the buffer was
// full (the database could not be written): its bytes are exact, its span
// is coarser than the sampling interval.
inline constexpr std::uint32_t k_flag_merged = 4;

// How many rows (samples plus 5-minute buckets) a SampleBuffer holds by
// default: at most about 16 MB.
inline constexpr std::size_t k_default_max_buffered_rows = 100'000;

// (interface, period start in unix ms)
using BucketKey = std::pair<std::string, std::int64_t>;
using BucketMap = std::map<BucketKey, BucketTotals>;

// Deltas waiting for the next flush, already cut at 5-minute edges and summed
// into the 5-minute buckets and hours they fall in. A delta that spans an edge
// is split in proportion to time, in integers, so the pieces add up exactly;
// each piece keeps the whole delta's rate for peaks.
//
// The buffer is bounded: when its rows (samples plus 5-minute buckets) pass
// `max_rows`, the oldest half of the samples are merged into one sample per
// interface and 5-minute bucket (flag k_flag_merged). Bucket and hour sums and
// peaks are kept exactly, so only the resolution of those samples is lost.
// When merging frees less than a quarter of the rows, the buffer is full():
// the caller must stop adding until it has been written and cleared. A single
// add() may pass the bound by the pieces of that one delta.
class SampleBuffer {
public:
  explicit SampleBuffer(std::size_t max_rows = k_default_max_buffered_rows);

  // Moving hands every row over and leaves `other` empty. (The defaults
  // would keep cursors that point at the end of the other buffer's maps.)
  SampleBuffer(SampleBuffer&& other) noexcept;
  SampleBuffer& operator=(SampleBuffer&& other) noexcept;
  SampleBuffer(const SampleBuffer&) = delete;
  SampleBuffer& operator=(const SampleBuffer&) = delete;
  ~SampleBuffer() = default;

  void add(const Delta& delta);

  // Pieces that moved at least one byte or packet (idle time is only coverage).
  [[nodiscard]] const std::vector<Delta>& samples() const { return m_samples; }
  [[nodiscard]] const BucketMap& five_minutes() const { return m_five_minutes; }
  [[nodiscard]] const BucketMap& hours() const { return m_hours; }
  [[nodiscard]] std::size_t deltas_added() const { return m_deltas_added; }
  [[nodiscard]] bool empty() const { return m_deltas_added == 0; }
  [[nodiscard]] std::size_t rows() const { return m_samples.size() + m_five_minutes.size(); }
  [[nodiscard]] std::size_t max_rows() const { return m_max_rows; }
  // Samples merged away since the last clear().
  [[nodiscard]] std::size_t merged() const { return m_merged; }
  [[nodiscard]] bool full() const { return m_full; }

  // Drops the samples that end at or before `cutoff_ms`: those a flush
  // whose sample retention starts there would not write (see Store::flush).
  // Buckets and hours keep their bytes. Returns how many were dropped.
  std::size_t drop_samples_ending_by(std::int64_t cutoff_ms);

  void clear();

private:
  // Each interface's last 5-minute bucket and hour: the next delta nearly
  // always falls into them, and a map lookup compares names at every level.
  struct Cursor {
    BucketMap::iterator five_minutes;
    BucketMap::iterator hour;
  };

  BucketTotals& bucket(BucketMap& map, BucketMap::iterator& cursor, const std::string& interface,
                       std::int64_t start_ms);
  void merge_oldest();

  std::size_t m_max_rows;
  std::size_t m_merged = 0;
  bool m_full = false;
  std::vector<Delta> m_samples;
  BucketMap m_five_minutes;
  BucketMap m_hours;
  std::unordered_map<std::string, Cursor> m_cursors;
  std::size_t m_deltas_added = 0;
};

// The start of the aligned period of `length_ms` that contains `unix_ms`.
[[nodiscard]] constexpr std::int64_t floor_to(std::int64_t unix_ms, std::int64_t length_ms) {
  const std::int64_t rem = unix_ms % length_ms;
  return rem < 0 ? unix_ms - rem - length_ms : unix_ms - rem;
}

} // namespace octolog

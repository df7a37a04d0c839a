#include "octolog/sample_buffer.hpp"

#include "octolog/proportional_split.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

namespace octolog {
namespace {

double rate(std::uint64_t bytes, std::int64_t span_ms) {
  return static_cast<double>(bytes) * 1000.0 / static_cast<double>(span_ms);
}

} // namespace

void BucketTotals::merge(const BucketTotals& other) {
  rx_bytes += other.rx_bytes;
  tx_bytes += other.tx_bytes;
  rx_packets += other.rx_packets;
  tx_packets += other.tx_packets;
  covered_ms += other.covered_ms;
  if (other.rx_peak_rate > rx_peak_rate) {
    rx_peak_rate = other.rx_peak_rate;
    rx_peak_at_ms = other.rx_peak_at_ms;
  }
  if (other.tx_peak_rate > tx_peak_rate) {
    tx_peak_rate = other.tx_peak_rate;
    tx_peak_at_ms = other.tx_peak_at_ms;
  }
}

SampleBuffer::SampleBuffer(std::size_t max_rows) : m_max_rows(max_rows) {}

SampleBuffer::SampleBuffer(SampleBuffer&& other) noexcept
    : m_max_rows(other.m_max_rows), m_merged(other.m_merged), m_full(other.m_full),
      m_samples(std::move(other.m_samples)), m_five_minutes(std::move(other.m_five_minutes)),
      m_hours(std::move(other.m_hours)), m_deltas_added(other.m_deltas_added) {
  other.clear();
}

SampleBuffer& SampleBuffer::operator=(SampleBuffer&& other) noexcept {
  if (this != &other) {
    m_max_rows = other.m_max_rows;
    m_merged = other.m_merged;
    m_full = other.m_full;
    m_samples = std::move(other.m_samples);
    m_five_minutes = std::move(other.m_five_minutes);
    m_hours = std::move(other.m_hours);
    m_cursors.clear();
    m_deltas_added = other.m_deltas_added;
    other.clear();
  }
  return *this;
}

BucketTotals& SampleBuffer::bucket(BucketMap& map, BucketMap::iterator& cursor,
                                   const std::string& interface, std::int64_t start_ms) {
  if (cursor == map.end() || cursor->first.second != start_ms) {
    cursor = map.try_emplace(BucketKey{interface, start_ms}).first;
  }
  return cursor->second;
}

void SampleBuffer::add(const Delta& delta) {
  ++m_deltas_added;
  Cursor& cursor =
      m_cursors.try_emplace(delta.interface, Cursor{m_five_minutes.end(), m_hours.end()})
          .first->second;
  const std::int64_t span_ms = delta.end_ms - delta.start_ms;
  if (span_ms <= 0) {
    return;
  }
  const bool has_rate = (delta.flags & k_flag_compressed) == 0;
  const double rx_rate = has_rate ? rate(delta.rx_bytes, span_ms) : 0.0;
  const double tx_rate = has_rate ? rate(delta.tx_bytes, span_ms) : 0.0;

  std::int64_t piece_start = delta.start_ms;
  while (piece_start < delta.end_ms) {
    const std::int64_t bucket_start = floor_to(piece_start, k_five_minutes_ms);
    const std::int64_t piece_end = std::min(delta.end_ms, bucket_start + k_five_minutes_ms);
    const auto part = [&](std::uint64_t total) {
      return share_between(total, delta.start_ms, delta.end_ms, piece_start, piece_end);
    };

    Delta piece{delta.interface,   piece_start,       piece_end,         part(delta.rx_bytes),
                part(delta.tx_bytes), part(delta.rx_packets), part(delta.tx_packets), delta.flags};
    BucketTotals totals{piece.rx_bytes, piece.tx_bytes, piece.rx_packets, piece.tx_packets,
                        0.0,            0,              0.0,              0,
                        piece_end - piece_start};
    if (rx_rate > 0.0) {
      totals.rx_peak_rate = rx_rate;
      totals.rx_peak_at_ms = piece_start;
    }
    if (tx_rate > 0.0) {
      totals.tx_peak_rate = tx_rate;
      totals.tx_peak_at_ms = piece_start;
    }
    bucket(m_five_minutes, cursor.five_minutes, delta.interface, bucket_start).merge(totals);
    bucket(m_hours, cursor.hour, delta.interface, floor_to(bucket_start, k_hour_ms))
        .merge(totals);
    if ((piece.rx_bytes | piece.tx_bytes | piece.rx_packets | piece.tx_packets) != 0) {
      m_samples.push_back(std::move(piece));
    }
    piece_start = piece_end;
  }
  if (rows() > m_max_rows) {
    const std::size_t before = rows();
    merge_oldest();
    m_full = (before - rows()) * 4 < m_max_rows;
  }
}

// The samples of one interface are in time order and never cross a 5-minute
// edge, so merging a prefix of them per bucket gives samples that overlap
// neither each other nor the later ones.
void SampleBuffer::merge_oldest() {
  const std::size_t oldest = m_samples.size() / 2;
  std::vector<Delta> merged;
  std::map<BucketKey, std::size_t> position;
  for (std::size_t i = 0; i < oldest; ++i) {
    Delta& sample = m_samples[i];
    const BucketKey key{sample.interface, floor_to(sample.start_ms, k_five_minutes_ms)};
    const auto [found, fresh] = position.try_emplace(key, merged.size());
    if (fresh) {
      merged.push_back(std::move(sample));
      continue;
    }
    Delta& into = merged[found->second];
    into.end_ms = std::max(into.end_ms, sample.end_ms);
    into.rx_bytes += sample.rx_bytes;
    into.tx_bytes += sample.tx_bytes;
    into.rx_packets += sample.rx_packets;
    into.tx_packets += sample.tx_packets;
    into.flags |= sample.flags | k_flag_merged;
    ++m_merged;
  }
  merged.insert(merged.end(), std::make_move_iterator(m_samples.begin() + static_cast<std::ptrdiff_t>(oldest)),
                std::make_move_iterator(m_samples.end()));
  m_samples = std::move(merged);
}

std::size_t SampleBuffer::drop_samples_ending_by(std::int64_t cutoff_ms) {
  return std::erase_if(m_samples,
                       [cutoff_ms](const Delta& sample) { return sample.end_ms <= cutoff_ms; });
}

void SampleBuffer::clear() {
  m_merged = 0;
  m_full = false;
  m_samples.clear();
  m_five_minutes.clear();
  m_hours.clear();
  m_cursors.clear();
  m_deltas_added = 0;
}

} // namespace octolog

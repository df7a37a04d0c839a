#pragma once

#include "octolog/sample_buffer.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace octolog {

// One 5-minute part of an hour: what the 95th percentile needs of a bucket.
struct FivePart {
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  std::int64_t covered_ms = 0;

  friend bool operator==(const FivePart&, const FivePart&) = default;
};

// Bytes per second over the time covered, 0 when none was: the rate of a
// 5-minute part that the 95th percentile ranks.
[[nodiscard]] constexpr double covered_rate(std::uint64_t bytes, std::int64_t covered_ms) {
  return covered_ms > 0 ? static_cast<double>(bytes) * 1000.0 / static_cast<double>(covered_ms)
                        : 0.0;
}

inline constexpr std::size_t k_parts_per_hour = k_hour_ms / k_five_minutes_ms;

// The twelve 5-minute parts of an hour, kept with the hour (for ever): a
// percentile over months reads one row an hour instead of twelve, and stays
// exact after the 5-minute buckets expire.
struct HourProfile {
  std::array<FivePart, k_parts_per_hour> parts{};

  // Adds `other` part by part: bytes and covered time both add, as deltas
  // of the same buckets do.
  void add(const HourProfile& other);
  // Adds a 5-minute bucket's bytes and coverage to the part it starts in.
  void add(std::int64_t hour_start_ms, std::int64_t bucket_start_ms, const BucketTotals& bucket);

  friend bool operator==(const HourProfile&, const HourProfile&) = default;
};

// The stored form: for each part in time order rx bytes, tx bytes and the
// milliseconds it was not covered, as unsigned LEB128 varints (about 8 bytes
// a part for a busy link, 3 for an idle one).
[[nodiscard]] std::vector<unsigned char> encode_profile(const HourProfile& profile);

// The profile `bytes` encodes; nullopt when they are not a whole, valid
// encoding.
[[nodiscard]] std::optional<HourProfile> decode_profile(std::span<const unsigned char> bytes);

} // namespace octolog

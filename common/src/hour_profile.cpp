#include "octolog/hour_profile.hpp"

#include "varint.hpp"

#include <algorithm>

namespace octolog {

void HourProfile::add(const HourProfile& other) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    parts[i].rx_bytes += other.parts[i].rx_bytes;
    parts[i].tx_bytes += other.parts[i].tx_bytes;
    parts[i].covered_ms += other.parts[i].covered_ms;
  }
}

void HourProfile::add(std::int64_t hour_start_ms, std::int64_t bucket_start_ms,
                      const BucketTotals& bucket) {
  const std::int64_t index = (bucket_start_ms - hour_start_ms) / k_five_minutes_ms;
  if (index < 0 || index >= static_cast<std::int64_t>(parts.size())) {
    return;
  }
  FivePart& part = parts[static_cast<std::size_t>(index)];
  part.rx_bytes += bucket.rx_bytes;
  part.tx_bytes += bucket.tx_bytes;
  part.covered_ms += bucket.covered_ms;
}

std::vector<unsigned char> encode_profile(const HourProfile& profile) {
  std::vector<unsigned char> out;
  out.reserve(profile.parts.size() * 8);
  for (const FivePart& part : profile.parts) {
    put_varint(out, part.rx_bytes);
    put_varint(out, part.tx_bytes);
    put_varint(out, static_cast<std::uint64_t>(
                        std::clamp<std::int64_t>(k_five_minutes_ms - part.covered_ms, 0,
                                                 k_five_minutes_ms)));
  }
  return out;
}

std::optional<HourProfile> decode_profile(std::span<const unsigned char> bytes) {
  HourProfile profile;
  std::size_t at = 0;
  for (FivePart& part : profile.parts) {
    const auto rx = get_varint(bytes, at);
    const auto tx = get_varint(bytes, at);
    const auto uncovered = get_varint(bytes, at);
    if (!rx || !tx || !uncovered || *uncovered > static_cast<std::uint64_t>(k_five_minutes_ms)) {
      return std::nullopt;
    }
    part.rx_bytes = *rx;
    part.tx_bytes = *tx;
    part.covered_ms = k_five_minutes_ms - static_cast<std::int64_t>(*uncovered);
  }
  if (at != bytes.size()) {
    return std::nullopt;
  }
  return profile;
}

} // namespace octolog

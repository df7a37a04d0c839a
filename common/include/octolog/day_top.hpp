#pragma once

#include "octolog/hour_profile.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace octolog {

inline constexpr std::int64_t k_day_ms = 24 * k_hour_ms;
inline constexpr std::size_t k_parts_per_day = k_day_ms / k_five_minutes_ms;

// How many of a day's busiest 5-minute parts are kept in each direction. A
// day's own 95th percentile is its 15th busiest part of 288; over many days
// the percentile's rank from the top is 5 % of all their parts, 14.4 a day
// on average, so 48 leave a day more than three times its share before it
// has to be read hour by hour.
inline constexpr std::size_t k_day_top_parts = 48;

// A UTC day's busiest 5-minute parts in each direction, as their rates
// (covered_rate(), the value a percentile ranks), busiest first, and how many
// of its parts were covered at all. Each part left out is no busier than the
// last one kept: all that a 95th percentile over many days needs to know of
// them, as long as its rank falls among the parts kept (see
// TrafficSeries::measure, which reads the day's hours where it does not).
struct DayTop {
  std::uint32_t parts = 0; // covered 5-minute parts, at most 288
  std::vector<double> rx;  // the min(parts, k_day_top_parts) busiest
  std::vector<double> tx;

  friend bool operator==(const DayTop&, const DayTop&) = default;
};

// The top of a day made of `hours` (their profiles, any order).
[[nodiscard]] DayTop day_top(std::span<const HourProfile> hours);

// The stored form: the number of covered parts as an unsigned LEB128 varint,
// then the rx and then the tx rates kept, busiest first, as IEEE 754 doubles
// in little-endian byte order (8 bytes each: a report copies them, it does
// not compute them).
[[nodiscard]] std::vector<unsigned char> encode_day_top(const DayTop& top);

// The top `bytes` encodes; nullopt unless they are a whole, valid encoding:
// at most 288 parts, as many rates kept as that allows, each finite and not
// negative, busiest first.
[[nodiscard]] std::optional<DayTop> decode_day_top(std::span<const unsigned char> bytes);

} // namespace octolog

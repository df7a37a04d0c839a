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

// How many of a UTC month's busiest 5-minute parts are kept at most in each
// direction. A month's own 95th percentile is at most its 447th busiest part
// (31 days); over several months the rank is 5 % of their parts, 438 a month
// on average, so 600 leave a month a third more than its share before it has
// to be read day by day.
inline constexpr std::size_t k_month_top_parts = 600;
inline constexpr std::size_t k_max_parts_per_month = 31 * k_parts_per_day;

// A UTC day's (or month's) busiest 5-minute parts in each direction, as their
// rates (covered_rate(), the value a percentile ranks), busiest first, and how
// many of its parts were covered at all. Each part left out is no busier than
// the last one kept: all that a 95th percentile over many days needs to know
// of them, as long as its rank falls among the parts kept (see
// TrafficSeries::measure, which reads the day's hours, or the month's days,
// where it does not).
struct DayTop {
  std::uint32_t parts = 0; // covered 5-minute parts, at most 288 (a month: 8,928)
  std::vector<double> rx;  // a day: the min(parts, k_day_top_parts) busiest
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

// The top of a UTC month from its days' tops (any order). A part that a
// day's top leaves out is no busier than the highest last-kept rate of the
// days that leave parts out; the month keeps its busiest rates at or above
// that bound (at most k_month_top_parts), so that a part it leaves out is
// again no busier than its last kept rate. A month with one day far busier
// than the rest so keeps few rates, and a percentile reads its days.
[[nodiscard]] DayTop month_top(std::span<const DayTop> days);

// A month's stored form: the number of covered parts, then how many rx and
// how many tx rates are kept, as unsigned LEB128 varints, then the rates as
// in a day's.
[[nodiscard]] std::vector<unsigned char> encode_month_top(const DayTop& top);

// The month top `bytes` encodes; nullopt unless they are a whole, valid
// encoding: at most 8,928 parts, in each direction at most
// min(parts, k_month_top_parts) rates and at least one where parts are left
// out, each finite and not negative, busiest first.
[[nodiscard]] std::optional<DayTop> decode_month_top(std::span<const unsigned char> bytes);

} // namespace octolog

#include "octolog/day_top.hpp"

#include "varint.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <functional>
#include <limits>

namespace octolog {
namespace {

std::size_t kept_of(std::uint32_t parts) {
  return std::min<std::size_t>(parts, k_day_top_parts);
}

// The `count` highest of `rates`, highest first.
std::vector<double> busiest(std::vector<double> rates, std::size_t count) {
  const auto end = rates.begin() + static_cast<std::ptrdiff_t>(count);
  std::partial_sort(rates.begin(), end, rates.end(), std::greater<>());
  rates.erase(end, rates.end());
  return rates;
}

void put_rates(std::vector<unsigned char>& out, const std::vector<double>& rates) {
  for (const double rate : rates) {
    auto bits = std::bit_cast<std::uint64_t>(rate);
    for (int i = 0; i < 8; ++i, bits >>= 8) {
      out.push_back(static_cast<unsigned char>(bits & 0xFFU));
    }
  }
}

// Reads `count` rates (at most k_month_top_parts) at `at` into `rates`:
// finite, not negative, busiest first. Each rate lies from 0 to the one
// before (the first to the largest double), which NaN fails. Copied whole
// into a buffer, checked there in one pass with no early exit, and copied
// on: a year's month tops are 14,400 rates a report, and zero-filling a
// vector to copy over cost as much as the check.
bool get_rates(std::span<const unsigned char> bytes, std::size_t& at, std::size_t count,
               std::vector<double>& rates) {
  static_assert(k_day_top_parts <= k_month_top_parts);
  if (count > k_month_top_parts || (bytes.size() - at) / 8 < count) {
    return false;
  }
  std::array<double, k_month_top_parts> read; // its first `count` filled below
  const unsigned char* from = bytes.data() + at;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(read.data(), from, count * 8);
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t bits = 0;
      for (std::size_t b = 8; b-- > 0;) {
        bits = bits << 8 | from[i * 8 + b];
      }
      read[i] = std::bit_cast<double>(bits);
    }
  }
  at += count * 8;
  bool ordered = true;
  double previous = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < count; ++i) {
    ordered &= read[i] >= 0.0 && read[i] <= previous;
    previous = read[i];
  }
  rates.assign(read.begin(), read.begin() + static_cast<std::ptrdiff_t>(count));
  return ordered;
}

// The rates of `lists` (each busiest first) at or above the highest last
// rate of a list that leaves parts out (`complete` says which do not), at
// most `capacity` of them, busiest first.
std::vector<double> merged_top(const std::vector<const std::vector<double>*>& lists,
                               const std::vector<bool>& complete, std::size_t capacity) {
  double bound = 0.0;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    if (!complete[i]) {
      bound = std::max(bound, lists[i]->back());
    }
  }
  std::vector<double> rates;
  for (const std::vector<double>* list : lists) {
    for (const double rate : *list) {
      if (rate < bound) {
        break;
      }
      rates.push_back(rate);
    }
  }
  const std::size_t kept = std::min(capacity, rates.size());
  return busiest(std::move(rates), kept);
}

} // namespace

DayTop month_top(std::span<const DayTop> days) {
  DayTop top;
  std::vector<const std::vector<double>*> rx;
  std::vector<const std::vector<double>*> tx;
  std::vector<bool> rx_complete;
  std::vector<bool> tx_complete;
  for (const DayTop& day : days) {
    if (day.parts == 0) {
      continue;
    }
    top.parts += day.parts;
    rx.push_back(&day.rx);
    tx.push_back(&day.tx);
    rx_complete.push_back(day.rx.size() >= day.parts);
    tx_complete.push_back(day.tx.size() >= day.parts);
  }
  top.rx = merged_top(rx, rx_complete, k_month_top_parts);
  top.tx = merged_top(tx, tx_complete, k_month_top_parts);
  return top;
}

DayTop day_top(std::span<const HourProfile> hours) {
  std::vector<double> rx;
  std::vector<double> tx;
  for (const HourProfile& hour : hours) {
    for (const FivePart& part : hour.parts) {
      if (part.covered_ms > 0) {
        rx.push_back(covered_rate(part.rx_bytes, part.covered_ms));
        tx.push_back(covered_rate(part.tx_bytes, part.covered_ms));
      }
    }
  }
  DayTop top;
  top.parts = static_cast<std::uint32_t>(std::min(rx.size(), k_parts_per_day));
  top.rx = busiest(std::move(rx), kept_of(top.parts));
  top.tx = busiest(std::move(tx), kept_of(top.parts));
  return top;
}

std::vector<unsigned char> encode_day_top(const DayTop& top) {
  std::vector<unsigned char> out;
  out.reserve(2 + (top.rx.size() + top.tx.size()) * 8);
  put_varint(out, top.parts);
  put_rates(out, top.rx);
  put_rates(out, top.tx);
  return out;
}

std::vector<unsigned char> encode_month_top(const DayTop& top) {
  std::vector<unsigned char> out;
  out.reserve(8 + (top.rx.size() + top.tx.size()) * 8);
  put_varint(out, top.parts);
  put_varint(out, top.rx.size());
  put_varint(out, top.tx.size());
  put_rates(out, top.rx);
  put_rates(out, top.tx);
  return out;
}

std::optional<DayTop> decode_month_top(std::span<const unsigned char> bytes) {
  std::size_t at = 0;
  const auto parts = get_varint(bytes, at);
  if (!parts || *parts > k_max_parts_per_month) {
    return std::nullopt;
  }
  const std::size_t most = std::min<std::size_t>(*parts, k_month_top_parts);
  const std::size_t least = *parts > 0 ? 1 : 0; // a last kept rate bounds those left out
  const auto rx_count = get_varint(bytes, at);
  const auto tx_count = get_varint(bytes, at);
  if (!rx_count || !tx_count || *rx_count > most || *tx_count > most || *rx_count < least ||
      *tx_count < least) {
    return std::nullopt;
  }
  DayTop top;
  top.parts = static_cast<std::uint32_t>(*parts);
  if (!get_rates(bytes, at, *rx_count, top.rx) || !get_rates(bytes, at, *tx_count, top.tx) ||
      at != bytes.size()) {
    return std::nullopt;
  }
  return top;
}

std::optional<DayTop> decode_day_top(std::span<const unsigned char> bytes) {
  std::size_t at = 0;
  const auto parts = get_varint(bytes, at);
  if (!parts || *parts > k_parts_per_day) {
    return std::nullopt;
  }
  DayTop top;
  top.parts = static_cast<std::uint32_t>(*parts);
  const std::size_t kept = kept_of(top.parts);
  if (!get_rates(bytes, at, kept, top.rx) || !get_rates(bytes, at, kept, top.tx) ||
      at != bytes.size()) {
    return std::nullopt;
  }
  return top;
}

} // namespace octolog

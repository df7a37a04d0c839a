#include "octolog/day_top.hpp"

#include "varint.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>

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

bool get_rates(std::span<const unsigned char> bytes, std::size_t& at, std::size_t count,
               std::vector<double>& rates) {
  if (bytes.size() - at < count * 8) {
    return false;
  }
  rates.resize(count);
  if (count == 0) {
    return true; // (memcpy must not see the null data() of an empty vector)
  }
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(rates.data(), bytes.data() + at, count * 8);
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t bits = 0;
      for (std::size_t b = 8; b-- > 0;) {
        bits = bits << 8 | bytes[at + i * 8 + b];
      }
      rates[i] = std::bit_cast<double>(bits);
    }
  }
  at += count * 8;
  for (std::size_t i = 0; i < count; ++i) {
    const double rate = rates[i];
    if (!std::isfinite(rate) || rate < 0.0 || (i > 0 && rate > rates[i - 1])) {
      return false;
    }
  }
  return true;
}

} // namespace

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

#include "octolog/day_top.hpp"

#include "varint.hpp"

#include <algorithm>

namespace octolog {
namespace {

// a.bytes / a.covered_ms > b.bytes / b.covered_ms, exactly and without a
// division (a report checks the order of every part it decodes). Rates as
// doubles keep this order: a correctly rounded division is monotonic.
bool busier(const PartLoad& a, const PartLoad& b) {
  __extension__ using Wide = unsigned __int128; // bytes < 2^64 times ms < 2^19
  return Wide{a.bytes} * static_cast<std::uint64_t>(b.covered_ms) >
         Wide{b.bytes} * static_cast<std::uint64_t>(a.covered_ms);
}

std::size_t kept_of(std::uint32_t parts) {
  return std::min<std::size_t>(parts, k_day_top_parts);
}

// The `count` busiest of `loads`, busiest first.
std::vector<PartLoad> busiest(std::vector<PartLoad> loads, std::size_t count) {
  const auto end = loads.begin() + static_cast<std::ptrdiff_t>(count);
  std::partial_sort(loads.begin(), end, loads.end(), busier);
  loads.erase(end, loads.end());
  return loads;
}

void put_loads(std::vector<unsigned char>& out, const std::vector<PartLoad>& loads) {
  for (const PartLoad& load : loads) {
    put_varint(out, load.bytes);
    put_varint(out, static_cast<std::uint64_t>(k_five_minutes_ms - load.covered_ms));
  }
}

bool get_loads(std::span<const unsigned char> bytes, std::size_t& at, std::size_t count,
               std::vector<PartLoad>& loads) {
  loads.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto moved = get_varint(bytes, at);
    const auto uncovered = get_varint(bytes, at);
    if (!moved || !uncovered || *uncovered >= static_cast<std::uint64_t>(k_five_minutes_ms)) {
      return false;
    }
    loads.push_back({*moved, k_five_minutes_ms - static_cast<std::int64_t>(*uncovered)});
    if (loads.size() > 1 && busier(loads.back(), loads[loads.size() - 2])) {
      return false;
    }
  }
  return true;
}

} // namespace

DayTop day_top(std::span<const HourProfile> hours) {
  std::vector<PartLoad> rx;
  std::vector<PartLoad> tx;
  for (const HourProfile& hour : hours) {
    for (const FivePart& part : hour.parts) {
      if (part.covered_ms > 0) {
        rx.push_back({part.rx_bytes, part.covered_ms});
        tx.push_back({part.tx_bytes, part.covered_ms});
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
  out.reserve(2 + (top.rx.size() + top.tx.size()) * 5);
  put_varint(out, top.parts);
  put_loads(out, top.rx);
  put_loads(out, top.tx);
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
  if (!get_loads(bytes, at, kept, top.rx) || !get_loads(bytes, at, kept, top.tx) ||
      at != bytes.size()) {
    return std::nullopt;
  }
  return top;
}

} // namespace octolog

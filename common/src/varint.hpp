#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace octolog {

// Unsigned LEB128: seven bits a byte, low bits first, the high bit set on
// every byte but the last. The stored profiles of hours and days use it.
inline void put_varint(std::vector<unsigned char>& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<unsigned char>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<unsigned char>(value));
}

// Reads one varint at `at`, advancing it; nullopt past the end or beyond 64 bits.
inline std::optional<std::uint64_t> get_varint(std::span<const unsigned char> bytes,
                                               std::size_t& at) {
  std::uint64_t value = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (at >= bytes.size()) {
      return std::nullopt;
    }
    const unsigned char byte = bytes[at++];
    const std::uint64_t bits = byte & 0x7FU;
    if (shift == 63 && bits > 1) {
      return std::nullopt;
    }
    value |= bits << shift;
    if ((byte & 0x80U) == 0) {
      return value;
    }
  }
  return std::nullopt;
}

} // namespace octolog

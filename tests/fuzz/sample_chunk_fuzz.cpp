// libFuzzer target: decode_chunk, which reads sample_minute rows from any
// database a report opens (a hostile or damaged file included). The first 8
// bytes are the row's layout, the rest its samples. It must refuse or decode
// without crashing, and whatever it decodes must encode and decode back to
// itself.
#include "octolog/sample_chunk.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::int64_t k_minute = 1'780'000'200'000;
  std::int64_t layout = 0;
  if (size < sizeof layout) {
    return 0;
  }
  std::memcpy(&layout, data, sizeof layout);
  std::vector<octolog::ChunkSample> samples;
  if (!octolog::decode_chunk(k_minute, layout,
                             std::span<const unsigned char>(data + sizeof layout,
                                                            size - sizeof layout),
                             samples)) {
    return 0;
  }
  const octolog::Chunk again = octolog::encode_chunk(k_minute, samples);
  std::vector<octolog::ChunkSample> decoded;
  if (!octolog::decode_chunk(k_minute, again.layout, again.records, decoded) ||
      decoded != samples) {
    __builtin_trap();
  }
  return 0;
}

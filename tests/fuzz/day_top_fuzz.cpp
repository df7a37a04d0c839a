// libFuzzer target: decode_day_top, which reads bucket_day.top from any
// database a report opens (a hostile or damaged file included). It must
// refuse or decode without crashing; whatever it decodes must be a top the
// query can trust (rates not negative, busiest first) and must encode and
// decode back to itself.
#include "octolog/day_top.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto top = octolog::decode_day_top(std::span<const unsigned char>(data, size));
  if (!top) {
    return 0;
  }
  for (const auto* rates : {&top->rx, &top->tx}) {
    for (std::size_t i = 0; i < rates->size(); ++i) {
      if (!((*rates)[i] >= 0.0) || (i > 0 && (*rates)[i] > (*rates)[i - 1])) {
        __builtin_trap();
      }
    }
  }
  if (octolog::decode_day_top(octolog::encode_day_top(*top)) != top) {
    __builtin_trap();
  }
  return 0;
}

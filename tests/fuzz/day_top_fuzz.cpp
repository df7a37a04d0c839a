// libFuzzer target: decode_day_top and decode_month_top, which read
// bucket_day_top.top and bucket_month_top.top from any database a report
// opens (a hostile or damaged file included). Each must refuse or decode
// without crashing; whatever it decodes must be a top the query can trust
// (rates not negative, busiest first, a last rate wherever parts are left
// out) and must encode and decode back to itself.
#include "octolog/day_top.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace {

void check(const octolog::DayTop& top) {
  for (const auto* rates : {&top.rx, &top.tx}) {
    if (rates->size() > top.parts || (rates->empty() && top.parts > 0)) {
      __builtin_trap();
    }
    for (std::size_t i = 0; i < rates->size(); ++i) {
      if (!((*rates)[i] >= 0.0) || (i > 0 && (*rates)[i] > (*rates)[i - 1])) {
        __builtin_trap();
      }
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const unsigned char> bytes(data, size);
  if (const auto day = octolog::decode_day_top(bytes)) {
    check(*day);
    if (octolog::decode_day_top(octolog::encode_day_top(*day)) != day) {
      __builtin_trap();
    }
  }
  if (const auto month = octolog::decode_month_top(bytes)) {
    check(*month);
    if (octolog::decode_month_top(octolog::encode_month_top(*month)) != month) {
      __builtin_trap();
    }
  }
  return 0;
}

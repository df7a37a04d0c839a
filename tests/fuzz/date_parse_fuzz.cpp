// libFuzzer target: parse_time_point, the report's --begin/--end reader, over
// any text in UTC and in a zone with DST (America/New_York). It must return
// a time or throw UsageError; nothing else may escape, nothing may crash.
#include "octolog/date_parse.hpp"
#include "octolog/error.hpp"
#include "octolog/time_zone.hpp"

#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

constexpr std::int64_t k_now_ms = 1'793'509'200'000; // 2026-11-01T05:00:00Z, a fall-back day

const octolog::TimeZone& new_york() {
  static const octolog::TimeZone zone = [] {
    ::setenv("TZ", "America/New_York", 1);
    return octolog::TimeZone::local();
  }();
  return zone;
}

void parse(std::string_view text, const octolog::TimeZone& zone) {
  try {
    (void)octolog::parse_time_point(text, zone, k_now_ms);
  } catch (const octolog::UsageError&) {
    // a refusal, as documented
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parse(text, octolog::TimeZone::utc());
  parse(text, new_york());
  return 0;
}

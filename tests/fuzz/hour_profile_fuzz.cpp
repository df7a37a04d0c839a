// libFuzzer target: decode_profile, which reads bucket_hour.profile from any
// database a report opens (a hostile or damaged file included). It must
// refuse or decode without crashing, and whatever it decodes must encode and
// decode back to itself.
#include "octolog/hour_profile.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto profile = octolog::decode_profile(std::span<const unsigned char>(data, size));
  if (profile && octolog::decode_profile(octolog::encode_profile(*profile)) != profile) {
    __builtin_trap();
  }
  return 0;
}

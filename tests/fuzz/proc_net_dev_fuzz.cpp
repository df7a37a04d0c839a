// libFuzzer target: parse_proc_net_dev over any bytes. It must return true
// or false with an error, never read outside the input or crash.
#include "octolog/proc_net_dev.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<octolog::InterfaceCounters> out;
  std::string error;
  if (octolog::parse_proc_net_dev(text, out, error)) {
    for (const octolog::InterfaceCounters& counters : out) {
      if (counters.name.empty() || counters.name.size() > size) {
        std::abort();
      }
    }
  } else if (error.empty()) {
    std::abort(); // a refusal always says why
  }
  return 0;
}

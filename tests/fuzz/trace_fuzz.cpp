// libFuzzer target: TraceReader over any text. A malformed line must be an
// octolog::Error naming it; every snapshot read must survive a round trip
// through the trace writer's format.
#include "octolog/error.hpp"
#include "octolog/trace.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

void check_round_trip(const octolog::Snapshot& snapshot) {
  std::string text = "# octolog-trace v1\n";
  octolog::append_trace_lines(snapshot, text);
  std::istringstream again(text);
  octolog::TraceReader reader(again, "round trip");
  const std::optional<octolog::Snapshot> read = reader.next();
  if (!read || read->unix_ms != snapshot.unix_ms ||
      read->interfaces.size() != snapshot.interfaces.size()) {
    std::abort();
  }
  for (std::size_t i = 0; i < snapshot.interfaces.size(); ++i) {
    const octolog::InterfaceCounters& a = snapshot.interfaces[i];
    const octolog::InterfaceCounters& b = read->interfaces[i];
    if (a.name != b.name || a.rx_bytes != b.rx_bytes || a.tx_bytes != b.tx_bytes ||
        a.rx_packets != b.rx_packets || a.tx_packets != b.tx_packets || a.width != b.width) {
      std::abort();
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  octolog::TraceReader reader(in, "fuzz.trace");
  try {
    while (std::optional<octolog::Snapshot> snapshot = reader.next()) {
      check_round_trip(*snapshot);
    }
  } catch (const octolog::Error& e) {
    if (std::string(e.what()).rfind("fuzz.trace:", 0) != 0) {
      std::abort(); // every refusal names the input and line
    }
  }
  return 0;
}

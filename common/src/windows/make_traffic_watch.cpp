#include "octolog/traffic_watch.hpp"

namespace octolog {

// IP Helper tells of address and route changes, never of a packet: the
// recorder reads the counters on every tick.
std::unique_ptr<TrafficWatch> make_traffic_watch(std::string& why) {
  why = "Windows has no packet hook the recorder can use";
  return nullptr;
}

} // namespace octolog

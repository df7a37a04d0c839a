#include "octolog/counter_source.hpp"
#include "octolog/error.hpp"

#include "windows/iphelper_source.hpp"

namespace octolog {

std::unique_ptr<CounterSource> make_counter_source(const SourceOptions& options) {
  switch (options.kind) {
  case SourceOptions::Kind::netlink:
    throw Error("the netlink counter source is not available on this platform (Linux only)");
  case SourceOptions::Kind::procfs:
    throw Error("the procfs counter source is not available on this platform (Linux only)");
  case SourceOptions::Kind::iphelper:
  case SourceOptions::Kind::automatic:
    break;
  }
  return std::make_unique<IpHelperSource>();
}

} // namespace octolog

#include "octolog/counter_source.hpp"
#include "octolog/error.hpp"

#include "linux/netlink_source.hpp"
#include "linux/procfs_source.hpp"

#include <spdlog/spdlog.h>

namespace octolog {

std::unique_ptr<CounterSource> make_counter_source(const SourceOptions& options) {
  switch (options.kind) {
  case SourceOptions::Kind::netlink:
    return std::make_unique<NetlinkSource>(options);
  case SourceOptions::Kind::procfs:
    return std::make_unique<ProcfsSource>(options);
  case SourceOptions::Kind::iphelper:
    throw Error("the iphelper counter source is not available on this platform (Windows only)");
  case SourceOptions::Kind::automatic:
    break;
  }
  std::string netlink_problem;
  try {
    return std::make_unique<NetlinkSource>(options);
  } catch (const Error& error) {
    netlink_problem = error.what();
  }
  try {
    auto source = std::make_unique<ProcfsSource>(options);
    spdlog::warn("{}; falling back to {}", netlink_problem,
                 options.proc_root.string() + "/net/dev");
    return source;
  } catch (const Error& error) {
    throw Error("no counter source works: " + netlink_problem + "; " + error.what());
  }
}

} // namespace octolog

#pragma once

#include "octolog/counter_source.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace octolog {

// Counters from <proc_root>/net/dev (64-bit, parsed by parse_proc_net_dev),
// with the ifindex and link speed of each interface from
// <sys_root>/class/net/<name>/{ifindex,speed}. Those two are read only when
// the set of interface names changes, so a steady-state read opens one file.
// Kind is left empty: procfs has no cheap equivalent of IFLA_INFO_KIND.
class ProcfsSource final : public CounterSource {
public:
  // Reads the boot id and parses net/dev once; throws Error when either fails.
  explicit ProcfsSource(const SourceOptions& options);

  bool read(std::vector<InterfaceCounters>& out, std::string& error) override;
  [[nodiscard]] const std::string& boot_id() const override { return m_boot_id; }
  [[nodiscard]] std::string_view name() const override { return "procfs"; }

private:
  struct Link {
    std::string name;
    std::int64_t ifindex = 0;
    std::uint64_t link_speed_bps = 0;
  };

  [[nodiscard]] const Link* find_link(std::string_view name) const;
  void refresh_links(const std::vector<InterfaceCounters>& interfaces);

  std::filesystem::path m_dev_path;
  std::filesystem::path m_sys_root;
  std::string m_boot_id;
  std::string m_text;        // net/dev, reused between reads
  std::vector<Link> m_links; // sorted by name
};

} // namespace octolog

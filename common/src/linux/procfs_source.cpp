#include "linux/procfs_source.hpp"

#include "octolog/error.hpp"
#include "octolog/proc_net_dev.hpp"

#include "linux/boot_id.hpp"
#include "linux/file_io.hpp"
#include "linux/sys_class_net.hpp"

#include <algorithm>

namespace octolog {

ProcfsSource::ProcfsSource(const SourceOptions& options)
    : m_dev_path(options.proc_root / "net" / "dev"), m_sys_root(options.sys_root),
      m_boot_id(read_boot_id(options.proc_root)) {
  std::vector<InterfaceCounters> first;
  std::string error;
  if (!read(first, error)) {
    throw Error("procfs counter source: " + error);
  }
}

bool ProcfsSource::read(std::vector<InterfaceCounters>& out, std::string& error) {
  if (!read_whole_file(m_dev_path, m_text, error)) {
    return false;
  }
  if (!parse_proc_net_dev(m_text, out, error)) {
    error.insert(0, m_dev_path.string() + ": ");
    return false;
  }
  // Names are unique (the parser checks), so every name found and as many
  // names as cached entries means the same set.
  bool same_names = out.size() == m_links.size();
  for (InterfaceCounters& entry : out) {
    const Link* link = find_link(entry.name);
    if (link == nullptr) {
      same_names = false;
      break;
    }
    entry.ifindex = link->ifindex;
    entry.link_speed_bps = link->link_speed_bps;
  }
  if (!same_names) {
    refresh_links(out);
    for (InterfaceCounters& entry : out) {
      const Link* link = find_link(entry.name);
      entry.ifindex = link->ifindex;
      entry.link_speed_bps = link->link_speed_bps;
    }
  }
  return true;
}

const ProcfsSource::Link* ProcfsSource::find_link(std::string_view name) const {
  const auto found = std::lower_bound(
      m_links.begin(), m_links.end(), name,
      [](const Link& link, std::string_view key) { return std::string_view(link.name) < key; });
  return found != m_links.end() && found->name == name ? &*found : nullptr;
}

void ProcfsSource::refresh_links(const std::vector<InterfaceCounters>& interfaces) {
  m_links.clear();
  for (const InterfaceCounters& entry : interfaces) {
    m_links.push_back({entry.name, read_ifindex(m_sys_root, entry.name),
                       read_link_speed_bps(m_sys_root, entry.name)});
  }
  std::sort(m_links.begin(), m_links.end(),
            [](const Link& a, const Link& b) { return a.name < b.name; });
}

} // namespace octolog

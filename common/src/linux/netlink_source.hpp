#pragma once

#include "octolog/counter_source.hpp"

#include "linux/unique_fd.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace octolog {

// Counters from rtnetlink: one RTM_GETSTATS dump filtered to
// IFLA_STATS_LINK_64 (struct rtnl_link_stats64, never the 32-bit
// rtnl_link_stats) per read. Names, kinds (IFLA_INFO_KIND, else "loopback",
// "ether" or the ARPHRD number) and link speeds (<sys_root>/class/net/<name>/speed)
// come from an RTM_GETLINK dump cached by ifindex, run again only when the
// set of ifindexes in a stats dump differs from the cache or when the kernel
// announced a link change (the socket listens to RTNLGRP_LINK, which is how a
// rename, keeping its ifindex, is noticed). A steady-state read is one
// request and its replies, with no allocation beyond growing `out`.
// Needs Linux 4.7 or later (RTM_GETSTATS).
class NetlinkSource final : public CounterSource {
public:
  static constexpr std::size_t k_default_buffer_bytes = 32768;

  // Reads the boot id, opens the socket and runs a first dump; throws Error
  // when any of them fails. `receive_buffer_bytes` is the initial size of the
  // receive buffer, which grows when a message does not fit.
  explicit NetlinkSource(const SourceOptions& options,
                         std::size_t receive_buffer_bytes = k_default_buffer_bytes);

  bool read(std::vector<InterfaceCounters>& out, std::string& error) override;
  [[nodiscard]] const std::string& boot_id() const override { return m_boot_id; }
  [[nodiscard]] std::string_view name() const override { return "netlink"; }

  // How many RTM_GETLINK dumps have completed, the first one included.
  [[nodiscard]] std::uint64_t link_refreshes() const { return m_link_refreshes; }

private:
  struct Link {
    std::int64_t ifindex = 0;
    std::string name;
    std::string kind;
    std::uint64_t link_speed_bps = 0;
    bool seen = false; // listed by the current stats dump
  };

  enum class DumpResult { complete, retry, failed };

  bool open_socket(std::string& error);
  // A dump the kernel ended with ENOBUFS (link notifications filled the
  // receive queue, as when many interfaces churn): a new socket, then again.
  DumpResult start_over(std::string& error);
  bool read_counters(std::vector<InterfaceCounters>& out, std::string& error);
  bool refresh_links(std::string& error);
  bool attach_links(std::vector<InterfaceCounters>& out, std::string& error);
  Link* find_link(std::int64_t ifindex);

  // Sends `request` (its sequence number is filled in) and passes each reply
  // message to `on_reply` until the dump ends.
  template <typename Handler>
  DumpResult dump(std::span<std::byte> request, std::string_view what, Handler& on_reply,
                  std::string& error);

  std::filesystem::path m_sys_root;
  std::string m_boot_id;
  UniqueFd m_socket;
  std::uint32_t m_port_id = 0;
  std::uint32_t m_sequence = 0;
  std::vector<std::byte> m_buffer;
  std::vector<Link> m_links; // sorted by ifindex
  bool m_links_stale = true; // a link notification arrived or may have been lost
  std::uint64_t m_link_refreshes = 0;
};

} // namespace octolog

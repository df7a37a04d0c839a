#include "linux/netlink_source.hpp"

#include "octolog/error.hpp"

#include "linux/boot_id.hpp"
#include "linux/file_io.hpp"
#include "linux/netlink_parse.hpp"
#include "linux/sys_class_net.hpp"

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <utility>

namespace octolog {

namespace {

constexpr int k_max_dump_attempts = 4;
constexpr time_t k_receive_timeout_seconds = 5;
constexpr std::size_t k_min_buffer_bytes = 64;
constexpr std::size_t k_buffer_growth_floor = 16384;

// The request layouts; static_asserts below check that they have no padding.
struct StatsRequest {
  nlmsghdr header;
  if_stats_msg body;
};

struct LinkRequest {
  nlmsghdr header;
  ifinfomsg body;
  nlattr ext_mask_attribute;
  std::uint32_t ext_mask;
};

static_assert(sizeof(StatsRequest) == NLMSG_LENGTH(sizeof(if_stats_msg)));
static_assert(sizeof(LinkRequest) ==
              NLMSG_LENGTH(sizeof(ifinfomsg)) + NLA_HDRLEN + sizeof(std::uint32_t));

} // namespace

NetlinkSource::NetlinkSource(const SourceOptions& options, std::size_t receive_buffer_bytes)
    : m_sys_root(options.sys_root), m_boot_id(read_boot_id(options.proc_root)),
      m_buffer(std::max(receive_buffer_bytes, k_min_buffer_bytes)) {
  std::string error;
  std::vector<InterfaceCounters> first;
  if (!open_socket(error) || !read(first, error)) {
    throw Error("netlink counter source: " + error);
  }
}

bool NetlinkSource::open_socket(std::string& error) {
  m_socket.reset();
  UniqueFd socket(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
  if (!socket) {
    error = "cannot open an rtnetlink socket: " + errno_text(errno);
    return false;
  }
  // Both options only improve error messages and are missing before Linux
  // 4.12 and 4.3, so a failure to set them is no reason to fail.
  const int enable = 1;
  ::setsockopt(socket.get(), SOL_NETLINK, NETLINK_EXT_ACK, &enable, sizeof enable);
  ::setsockopt(socket.get(), SOL_NETLINK, NETLINK_CAP_ACK, &enable, sizeof enable);
  // A backstop: the kernel always answers a dump, but a read must not hang.
  const timeval timeout{k_receive_timeout_seconds, 0};
  if (::setsockopt(socket.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0) {
    error = "cannot set a receive timeout on the rtnetlink socket: " + errno_text(errno);
    return false;
  }
  sockaddr_nl local{};
  local.nl_family = AF_NETLINK;
  local.nl_groups = RTMGRP_LINK; // link changes mark the link cache stale
  if (::bind(socket.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0) {
    error = "cannot bind the rtnetlink socket: " + errno_text(errno);
    return false;
  }
  socklen_t length = sizeof local;
  if (::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&local), &length) != 0 ||
      length != sizeof local) {
    error = "cannot read the rtnetlink socket's address: " + errno_text(errno);
    return false;
  }
  m_port_id = local.nl_pid;
  m_socket = std::move(socket);
  // Notifications from before this socket existed are lost.
  m_links_stale = true;
  return true;
}

bool NetlinkSource::read(std::vector<InterfaceCounters>& out, std::string& error) {
  if (!m_socket && !open_socket(error)) {
    return false;
  }
  if (!read_counters(out, error)) {
    // A failed dump may leave replies queued or a dump running; a new socket
    // is the one sure way to start clean next time.
    m_socket.reset();
    return false;
  }
  return true;
}

NetlinkSource::DumpResult NetlinkSource::start_over(std::string& error) {
  m_links_stale = true;
  return open_socket(error) ? DumpResult::retry : DumpResult::failed;
}

template <typename Handler>
NetlinkSource::DumpResult NetlinkSource::dump(std::span<std::byte> request, std::string_view what,
                                              Handler& on_reply, std::string& error) {
  const std::uint32_t sequence = ++m_sequence;
  std::memcpy(request.data() + offsetof(nlmsghdr, nlmsg_seq), &sequence, sizeof sequence);
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  while (::sendto(m_socket.get(), request.data(), request.size(), 0,
                  reinterpret_cast<const sockaddr*>(&kernel), sizeof kernel) < 0) {
    if (errno != EINTR) {
      error = "cannot send the " + std::string(what) + " request: " + errno_text(errno);
      return DumpResult::failed;
    }
  }

  bool interrupted = false;
  while (true) {
    iovec vector{m_buffer.data(), m_buffer.size()};
    sockaddr_nl sender{};
    msghdr message{};
    message.msg_name = &sender;
    message.msg_namelen = sizeof sender;
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    // MSG_TRUNC makes recvmsg return the datagram's full length.
    const ssize_t received = ::recvmsg(m_socket.get(), &message, MSG_TRUNC);
    if (received < 0) {
      if (errno == EINTR) {
        continue;
      }
      if (errno == ENOBUFS) {
        // Notifications were dropped: one may have been a rename.
        m_links_stale = true;
        continue;
      }
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        error = "no answer to the " + std::string(what) + " request within " +
                std::to_string(k_receive_timeout_seconds) + " s";
      } else {
        error = "cannot receive the " + std::string(what) + " answer: " + errno_text(errno);
      }
      return DumpResult::failed;
    }
    const auto length = static_cast<std::size_t>(received);
    if ((message.msg_flags & MSG_TRUNC) != 0 || length > m_buffer.size()) {
      // The datagram is lost, and with it perhaps the end of the dump: grow
      // the buffer and start over on a new socket.
      m_buffer.resize(std::max({align4(length), 2 * m_buffer.size(), k_buffer_growth_floor}));
      return open_socket(error) ? DumpResult::retry : DumpResult::failed;
    }
    if (sender.nl_pid != 0) {
      continue; // only the kernel speaks for the kernel
    }

    std::span<const std::byte> data(m_buffer.data(), length);
    nlmsghdr header{};
    std::span<const std::byte> payload;
    for (;;) {
      const NextMessage next = next_netlink_message(data, header, payload, error);
      if (next == NextMessage::end) {
        break;
      }
      if (next == NextMessage::malformed) {
        error += " in the " + std::string(what) + " answer";
        return DumpResult::failed;
      }

      if (header.nlmsg_pid != m_port_id || header.nlmsg_seq != sequence) {
        if (header.nlmsg_type == RTM_NEWLINK || header.nlmsg_type == RTM_DELLINK) {
          m_links_stale = true;
        }
        continue;
      }
      if ((header.nlmsg_flags & NLM_F_DUMP_INTR) != 0) {
        interrupted = true;
      }
      switch (header.nlmsg_type) {
      case NLMSG_NOOP:
        continue;
      case NLMSG_DONE:
        if (payload.size() >= sizeof(int) && load<int>(payload) < 0) {
          error = std::string(what) + " failed: " + netlink_error_text(load<int>(payload));
          return load<int>(payload) == -ENOBUFS ? start_over(error) : DumpResult::failed;
        }
        return interrupted ? DumpResult::retry : DumpResult::complete;
      case NLMSG_ERROR:
        if (payload.size() < sizeof(int)) {
          error = "truncated error message in the " + std::string(what) + " answer";
          return DumpResult::failed;
        }
        if (load<int>(payload) == 0) {
          continue; // an acknowledgement; the dump still ends with NLMSG_DONE
        }
        error = describe_netlink_error(what, header, payload);
        return load<int>(payload) == -ENOBUFS ? start_over(error) : DumpResult::failed;
      case NLMSG_OVERRUN:
        error = "netlink overrun in the " + std::string(what) + " answer";
        return DumpResult::failed;
      default:
        if (!on_reply(header.nlmsg_type, payload, error)) {
          return DumpResult::failed;
        }
        if ((header.nlmsg_flags & NLM_F_MULTI) == 0) {
          return interrupted ? DumpResult::retry : DumpResult::complete;
        }
      }
    }
  }
}

bool NetlinkSource::read_counters(std::vector<InterfaceCounters>& out, std::string& error) {
  StatsRequest request{};
  request.header.nlmsg_len = sizeof request;
  request.header.nlmsg_type = RTM_GETSTATS;
  request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  request.body.family = AF_UNSPEC;
  request.body.filter_mask = IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_64);

  std::size_t count = 0;
  std::size_t matched = 0; // interfaces found in the link cache, each once
  auto on_stats = [&](std::uint16_t type, std::span<const std::byte> payload,
                      std::string& failure) {
    if (type != RTM_NEWSTATS) {
      return true;
    }
    if (count == out.size()) {
      out.emplace_back();
    }
    InterfaceCounters& entry = out[count];
    if (!parse_stats_message(payload, entry, failure)) {
      return false;
    }
    ++count;
    Link* const link = find_link(entry.ifindex);
    if (link != nullptr && !link->seen) {
      link->seen = true;
      ++matched;
      entry.name.assign(link->name);
      entry.kind.assign(link->kind);
      entry.link_speed_bps = link->link_speed_bps;
    }
    return true;
  };

  for (int attempt = 1;; ++attempt) {
    count = 0;
    matched = 0;
    for (Link& link : m_links) {
      link.seen = false;
    }
    const DumpResult result =
        dump(std::as_writable_bytes(std::span(&request, 1)), "RTM_GETSTATS dump", on_stats, error);
    if (result == DumpResult::failed) {
      return false;
    }
    if (result == DumpResult::complete) {
      break;
    }
    if (attempt == k_max_dump_attempts) {
      error = "the RTM_GETSTATS dump was inconsistent " + std::to_string(attempt) +
              " times in a row (interfaces changing fast)";
      return false;
    }
  }
  out.resize(count);
  // Each listed ifindex found once and none missing means the same set.
  if (matched == count && matched == m_links.size() && !m_links_stale) {
    return true;
  }
  return refresh_links(error) && attach_links(out, error);
}

bool NetlinkSource::refresh_links(std::string& error) {
  LinkRequest request{};
  request.header.nlmsg_len = sizeof request;
  request.header.nlmsg_type = RTM_GETLINK;
  request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  request.body.ifi_family = AF_UNSPEC;
  request.ext_mask_attribute.nla_len = NLA_HDRLEN + sizeof(std::uint32_t);
  request.ext_mask_attribute.nla_type = IFLA_EXT_MASK;
  request.ext_mask = RTEXT_FILTER_SKIP_STATS; // smaller answers; stats come from RTM_GETSTATS

  std::vector<Link> links;
  auto on_link = [&](std::uint16_t type, std::span<const std::byte> payload, std::string& failure) {
    if (type != RTM_NEWLINK) {
      return true;
    }
    LinkInfo info;
    if (!parse_link_message(payload, info, failure)) {
      return false;
    }
    Link link;
    link.ifindex = info.ifindex;
    link.name = std::move(info.name);
    link.kind = std::move(info.kind);
    links.push_back(std::move(link));
    return true;
  };

  for (int attempt = 1;; ++attempt) {
    links.clear();
    // Cleared before the dump: a notification that arrives during it may
    // describe a change the dump missed, and marks the cache stale again.
    m_links_stale = false;
    const DumpResult result =
        dump(std::as_writable_bytes(std::span(&request, 1)), "RTM_GETLINK dump", on_link, error);
    if (result == DumpResult::failed) {
      m_links_stale = true;
      return false;
    }
    if (result == DumpResult::complete) {
      break;
    }
    if (attempt == k_max_dump_attempts) {
      m_links_stale = true;
      error = "the RTM_GETLINK dump was inconsistent " + std::to_string(attempt) +
              " times in a row (interfaces changing fast)";
      return false;
    }
  }
  for (Link& link : links) {
    link.link_speed_bps = read_link_speed_bps(m_sys_root, link.name);
  }
  std::sort(links.begin(), links.end(),
            [](const Link& a, const Link& b) { return a.ifindex < b.ifindex; });
  m_links = std::move(links);
  ++m_link_refreshes;
  return true;
}

bool NetlinkSource::attach_links(std::vector<InterfaceCounters>& out, std::string& error) {
  for (Link& link : m_links) {
    link.seen = false;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    Link* const link = find_link(out[i].ifindex);
    if (link == nullptr) {
      continue; // removed between the two dumps: it is gone now
    }
    if (link->seen) {
      error = "the RTM_GETSTATS dump listed ifindex " + std::to_string(out[i].ifindex) + " twice";
      return false;
    }
    link->seen = true;
    if (kept != i) {
      std::swap(out[kept], out[i]);
    }
    InterfaceCounters& entry = out[kept++];
    entry.name.assign(link->name);
    entry.kind.assign(link->kind);
    entry.link_speed_bps = link->link_speed_bps;
  }
  out.resize(kept);
  return true;
}

NetlinkSource::Link* NetlinkSource::find_link(std::int64_t ifindex) {
  const auto found =
      std::lower_bound(m_links.begin(), m_links.end(), ifindex,
                       [](const Link& link, std::int64_t key) { return link.ifindex < key; });
  return found != m_links.end() && found->ifindex == ifindex ? &*found : nullptr;
}

} // namespace octolog

#include "linux/netlink_parse.hpp"

#include "linux/file_io.hpp"

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if_arp.h>

#include <limits>

namespace octolog {
namespace {

constexpr std::size_t k_header_bytes = align4(sizeof(nlmsghdr));
// rx_packets, tx_packets, rx_bytes, tx_bytes: the leading fields we need.
constexpr std::size_t k_min_stats64_bytes = 4 * sizeof(std::uint64_t);

// A string attribute up to its NUL, assigned into `out` to reuse its storage.
void assign_string(std::string& out, std::span<const std::byte> payload) {
  const auto* const first = reinterpret_cast<const char*>(payload.data());
  out.assign(first, ::strnlen(first, payload.size()));
}

std::string kind_from_arphrd(unsigned short type) {
  switch (type) {
  case ARPHRD_LOOPBACK:
    return "loopback";
  case ARPHRD_ETHER:
    return "ether";
  default:
    return std::to_string(type);
  }
}

} // namespace

NextMessage next_netlink_message(std::span<const std::byte>& data, nlmsghdr& header,
                                 std::span<const std::byte>& payload, std::string& error) {
  if (data.size() < sizeof(nlmsghdr)) {
    return NextMessage::end;
  }
  header = load<nlmsghdr>(data);
  if (header.nlmsg_len < sizeof(nlmsghdr) || header.nlmsg_len > data.size()) {
    error = "malformed netlink message (length " + std::to_string(header.nlmsg_len) + " with " +
            std::to_string(data.size()) + " bytes left)";
    return NextMessage::malformed;
  }
  const std::size_t length = header.nlmsg_len;
  const std::size_t start = std::min(k_header_bytes, length);
  payload = data.subspan(start, length - start);
  data = data.subspan(std::min(align4(length), data.size()));
  return NextMessage::message;
}

bool parse_stats_message(std::span<const std::byte> payload, InterfaceCounters& entry,
                         std::string& error) {
  if (payload.size() < sizeof(if_stats_msg)) {
    error = "RTM_NEWSTATS message shorter than its header";
    return false;
  }
  const auto header = load<if_stats_msg>(payload);
  if (header.ifindex == 0 || header.ifindex > std::numeric_limits<std::int32_t>::max()) {
    error = "RTM_NEWSTATS message for invalid ifindex " + std::to_string(header.ifindex);
    return false;
  }
  std::span<const std::byte> stats_bytes;
  const bool well_formed =
      for_each_attribute(payload.subspan(std::min(align4(sizeof(if_stats_msg)), payload.size())),
                         [&](std::uint16_t attribute, std::span<const std::byte> value) {
                           if (attribute == IFLA_STATS_LINK_64) {
                             stats_bytes = value;
                           }
                         });
  if (!well_formed || stats_bytes.size() < k_min_stats64_bytes) {
    error = "RTM_NEWSTATS message for ifindex " + std::to_string(header.ifindex) +
            " without well-formed IFLA_STATS_LINK_64";
    return false;
  }
  const auto stats = load<rtnl_link_stats64>(stats_bytes);
  entry.ifindex = header.ifindex;
  entry.rx_bytes = stats.rx_bytes;
  entry.tx_bytes = stats.tx_bytes;
  entry.rx_packets = stats.rx_packets;
  entry.tx_packets = stats.tx_packets;
  entry.width = 64;
  return true;
}

bool parse_link_message(std::span<const std::byte> payload, LinkInfo& link, std::string& error) {
  if (payload.size() < sizeof(ifinfomsg)) {
    error = "RTM_NEWLINK message shorter than its header";
    return false;
  }
  const auto info = load<ifinfomsg>(payload);
  link.ifindex = info.ifi_index;
  link.name.clear();
  link.kind.clear();
  const bool well_formed = for_each_attribute(
      payload.subspan(std::min(align4(sizeof(ifinfomsg)), payload.size())),
      [&](std::uint16_t attribute, std::span<const std::byte> value) {
        if (attribute == IFLA_IFNAME) {
          assign_string(link.name, value);
        } else if (attribute == IFLA_LINKINFO) {
          for_each_attribute(value, [&](std::uint16_t nested, std::span<const std::byte> inner) {
            if (nested == IFLA_INFO_KIND) {
              assign_string(link.kind, inner);
            }
          });
        }
      });
  if (!well_formed || link.name.empty() || link.ifindex <= 0) {
    error = "malformed RTM_NEWLINK message for ifindex " + std::to_string(info.ifi_index);
    return false;
  }
  if (link.kind.empty()) {
    link.kind = kind_from_arphrd(info.ifi_type);
  }
  return true;
}

std::string netlink_error_text(int code) {
  if (code < 0 && code != std::numeric_limits<int>::min()) {
    return errno_text(-code);
  }
  return "error code " + std::to_string(code);
}

std::string describe_netlink_error(std::string_view what, const nlmsghdr& header,
                                   std::span<const std::byte> payload) {
  const auto error_code = load<int>(payload);
  std::string text = std::string(what) + " failed: " + netlink_error_text(error_code);
  if ((header.nlmsg_flags & NLM_F_ACK_TLVS) == 0 || payload.size() < sizeof(nlmsgerr)) {
    return text;
  }
  std::size_t tlv_offset = sizeof(nlmsgerr);
  if ((header.nlmsg_flags & NLM_F_CAPPED) == 0) {
    const auto request = load<nlmsghdr>(payload.subspan(sizeof(int)));
    tlv_offset = sizeof(int) + align4(std::max<std::size_t>(request.nlmsg_len, sizeof(nlmsghdr)));
  }
  if (tlv_offset >= payload.size()) {
    return text;
  }
  std::string message;
  for_each_attribute(payload.subspan(tlv_offset), [&](std::uint16_t type, auto value) {
    if (type == NLMSGERR_ATTR_MSG) {
      assign_string(message, value);
    }
  });
  if (!message.empty()) {
    text += " (" + message + ")";
  }
  return text;
}

} // namespace octolog

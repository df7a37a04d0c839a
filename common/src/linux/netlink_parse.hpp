#pragma once

#include "octolog/snapshot.hpp"

#include <linux/netlink.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace octolog {

// Pure parsing of rtnetlink answers, apart from the socket so that crafted
// buffers can test (and fuzz) it. Nothing here reads outside the spans given.

constexpr std::size_t align4(std::size_t length) { return (length + 3U) & ~std::size_t{3}; }

// A T from the start of `bytes`, zero-filled where `bytes` is shorter.
template <typename T> T load(std::span<const std::byte> bytes) {
  T value{};
  std::memcpy(&value, bytes.data(), std::min(sizeof(T), bytes.size()));
  return value;
}

// Calls visit(type, payload) for each attribute in `data`; false when one
// claims more bytes than remain or fewer than its own header.
template <typename Visit> bool for_each_attribute(std::span<const std::byte> data, Visit&& visit) {
  while (data.size() >= sizeof(nlattr)) {
    const auto attribute = load<nlattr>(data);
    if (attribute.nla_len < sizeof(nlattr) || attribute.nla_len > data.size()) {
      return false;
    }
    visit(static_cast<std::uint16_t>(attribute.nla_type & NLA_TYPE_MASK),
          data.subspan(NLA_HDRLEN, attribute.nla_len - NLA_HDRLEN));
    data = data.subspan(std::min(align4(attribute.nla_len), data.size()));
  }
  return true;
}

enum class NextMessage { message, end, malformed };

// Takes the next message off the front of `data` (a received datagram):
// its header and its payload (what follows the header, within nlmsg_len).
// `end` when fewer bytes than a header remain; `malformed`, with `error` set,
// when the header's length is shorter than a header or longer than what remains.
NextMessage next_netlink_message(std::span<const std::byte>& data, nlmsghdr& header,
                                 std::span<const std::byte>& payload, std::string& error);

// Reads an RTM_NEWSTATS payload (if_stats_msg, then attributes with
// IFLA_STATS_LINK_64) into the ifindex and counters of `entry` (width 64);
// the other fields are left alone. False with `error` for a short header, an
// ifindex of 0 or beyond 31 bits, or missing or malformed 64-bit stats.
bool parse_stats_message(std::span<const std::byte> payload, InterfaceCounters& entry,
                         std::string& error);

// What an RTM_NEWLINK message says of an interface.
struct LinkInfo {
  std::int64_t ifindex = 0;
  std::string name;
  std::string kind; // IFLA_INFO_KIND, else "loopback", "ether" or the ARPHRD number
};

// Reads an RTM_NEWLINK payload (ifinfomsg, then attributes) into `link`.
// False with `error` for a short header, malformed attributes, no name or an
// ifindex below 1.
bool parse_link_message(std::span<const std::byte> payload, LinkInfo& link, std::string& error);

// The text of an error code as the kernel sends it (a negated errno, e.g.
// -22: "Invalid argument"); any other value, even INT_MIN, is named as a number.
std::string netlink_error_text(int code);

// "<what> failed: <reason>", with the kernel's extended ack message if any,
// for an NLMSG_ERROR message with header `header` and payload `payload`.
std::string describe_netlink_error(std::string_view what, const nlmsghdr& header,
                                   std::span<const std::byte> payload);

} // namespace octolog

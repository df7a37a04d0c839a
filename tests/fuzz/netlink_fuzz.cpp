// libFuzzer target: the rtnetlink answer parsers over any datagram. Every
// message is handed to each parser, as a hostile or buggy kernel might.
#include "linux/netlink_parse.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::byte> datagram(reinterpret_cast<const std::byte*>(data), size);
  nlmsghdr header{};
  std::span<const std::byte> payload;
  std::string error;
  for (;;) {
    const octolog::NextMessage next =
        octolog::next_netlink_message(datagram, header, payload, error);
    if (next != octolog::NextMessage::message) {
      break;
    }
    octolog::InterfaceCounters entry;
    if (!octolog::parse_stats_message(payload, entry, error) && error.empty()) {
      std::abort();
    }
    octolog::LinkInfo link;
    if (octolog::parse_link_message(payload, link, error) &&
        (link.name.empty() || link.ifindex <= 0)) {
      std::abort();
    }
    if (octolog::describe_netlink_error("fuzz", header, payload).empty()) {
      std::abort();
    }
  }
  return 0;
}

#include "linux/netlink_parse.hpp"

#include <gtest/gtest.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if_arp.h>

#include <cstddef>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace octolog {
namespace {

// Builds netlink messages byte by byte, as the kernel lays them out.
class Bytes {
public:
  template <typename T> Bytes& put(const T& value) {
    const auto* first = reinterpret_cast<const std::byte*>(&value);
    m_bytes.insert(m_bytes.end(), first, first + sizeof(T));
    return pad();
  }
  Bytes& attribute(std::uint16_t type, std::span<const std::byte> value) {
    nlattr header{static_cast<std::uint16_t>(NLA_HDRLEN + value.size()), type};
    put(header);
    m_bytes.insert(m_bytes.end(), value.begin(), value.end());
    return pad();
  }
  Bytes& raw(std::span<const std::byte> value) {
    m_bytes.insert(m_bytes.end(), value.begin(), value.end());
    return pad();
  }
  Bytes& string_attribute(std::uint16_t type, const std::string& text) {
    std::vector<std::byte> value(text.size() + 1);
    std::memcpy(value.data(), text.c_str(), text.size() + 1);
    return attribute(type, value);
  }
  [[nodiscard]] std::span<const std::byte> span() const { return m_bytes; }
  [[nodiscard]] std::vector<std::byte> take() { return std::move(m_bytes); }

private:
  Bytes& pad() {
    m_bytes.resize(align4(m_bytes.size()));
    return *this;
  }
  std::vector<std::byte> m_bytes;
};

std::vector<std::byte> stats_payload(std::uint32_t ifindex, std::uint64_t rx, std::uint64_t tx) {
  if_stats_msg header{};
  header.family = AF_UNSPEC;
  header.ifindex = ifindex;
  rtnl_link_stats64 stats{};
  stats.rx_bytes = rx;
  stats.tx_bytes = tx;
  stats.rx_packets = 7;
  stats.tx_packets = 9;
  Bytes bytes;
  bytes.put(header).attribute(IFLA_STATS_LINK_64, std::as_bytes(std::span(&stats, 1)));
  return bytes.take();
}

TEST(NetlinkParse, ReadsSixtyFourBitStatsUpToTheLargestCounter) {
  const auto payload = stats_payload(4, 18'446'744'073'709'551'615ULL, 12);
  InterfaceCounters entry;
  entry.name = "kept";
  std::string error;
  ASSERT_TRUE(parse_stats_message(payload, entry, error)) << error;
  EXPECT_EQ(entry.ifindex, 4);
  EXPECT_EQ(entry.rx_bytes, 18'446'744'073'709'551'615ULL);
  EXPECT_EQ(entry.tx_bytes, 12U);
  EXPECT_EQ(entry.rx_packets, 7U);
  EXPECT_EQ(entry.tx_packets, 9U);
  EXPECT_EQ(entry.name, "kept");
}

TEST(NetlinkParse, RejectsStatsWithATruncatedAttribute) {
  auto payload = stats_payload(4, 1, 2);
  payload.resize(payload.size() - 8);
  InterfaceCounters entry;
  std::string error;
  EXPECT_FALSE(parse_stats_message(payload, entry, error));
  EXPECT_EQ(error, "RTM_NEWSTATS message for ifindex 4 without well-formed IFLA_STATS_LINK_64");
}

TEST(NetlinkParse, RejectsStatsForIfindexZero) {
  const auto payload = stats_payload(0, 1, 2);
  InterfaceCounters entry;
  std::string error;
  EXPECT_FALSE(parse_stats_message(payload, entry, error));
  EXPECT_EQ(error, "RTM_NEWSTATS message for invalid ifindex 0");
}

TEST(NetlinkParse, ReadsALinksNameAndKindUpToTheirNul) {
  ifinfomsg info{};
  info.ifi_index = 12;
  info.ifi_type = ARPHRD_ETHER;
  Bytes kind;
  kind.string_attribute(IFLA_INFO_KIND, "veth");
  Bytes bytes;
  bytes.put(info)
      .string_attribute(IFLA_IFNAME, "a\"b%c\xC3\xA9")
      .attribute(IFLA_LINKINFO, kind.span());
  LinkInfo link;
  std::string error;
  ASSERT_TRUE(parse_link_message(bytes.span(), link, error)) << error;
  EXPECT_EQ(link.ifindex, 12);
  EXPECT_EQ(link.name, "a\"b%c\xC3\xA9");
  EXPECT_EQ(link.kind, "veth");
}

TEST(NetlinkParse, NamesTheHardwareTypeWhenALinkHasNoKind) {
  ifinfomsg info{};
  info.ifi_index = 1;
  info.ifi_type = ARPHRD_LOOPBACK;
  Bytes bytes;
  bytes.put(info).string_attribute(IFLA_IFNAME, "lo");
  LinkInfo link;
  std::string error;
  ASSERT_TRUE(parse_link_message(bytes.span(), link, error)) << error;
  EXPECT_EQ(link.kind, "loopback");
}

TEST(NetlinkParse, RejectsALinkWithoutAName) {
  ifinfomsg info{};
  info.ifi_index = 3;
  Bytes bytes;
  bytes.put(info);
  LinkInfo link;
  std::string error;
  EXPECT_FALSE(parse_link_message(bytes.span(), link, error));
  EXPECT_EQ(error, "malformed RTM_NEWLINK message for ifindex 3");
}

TEST(NetlinkParse, SplitsADatagramIntoMessagesAndStopsAtABadLength) {
  const auto payload = stats_payload(2, 5, 6);
  nlmsghdr header{};
  header.nlmsg_len = static_cast<std::uint32_t>(NLMSG_LENGTH(payload.size()));
  header.nlmsg_type = RTM_NEWSTATS;
  Bytes bytes;
  bytes.put(header).raw(payload);
  nlmsghdr bad{};
  bad.nlmsg_len = 4096;
  bytes.put(bad);
  std::span<const std::byte> data = bytes.span();
  nlmsghdr got{};
  std::span<const std::byte> got_payload;
  std::string error;
  ASSERT_EQ(next_netlink_message(data, got, got_payload, error), NextMessage::message);
  EXPECT_EQ(got.nlmsg_type, RTM_NEWSTATS);
  EXPECT_EQ(got_payload.size(), payload.size());
  EXPECT_EQ(next_netlink_message(data, got, got_payload, error), NextMessage::malformed);
  EXPECT_EQ(error, "malformed netlink message (length 4096 with 16 bytes left)");
  std::span<const std::byte> empty;
  EXPECT_EQ(next_netlink_message(empty, got, got_payload, error), NextMessage::end);
}

TEST(NetlinkParse, AddsTheKernelsExtendedAckMessageToAnError) {
  nlmsghdr header{};
  header.nlmsg_type = NLMSG_ERROR;
  header.nlmsg_flags = NLM_F_ACK_TLVS | NLM_F_CAPPED;
  nlmsgerr body{};
  body.error = -EINVAL;
  body.msg.nlmsg_len = sizeof(nlmsghdr);
  Bytes bytes;
  bytes.put(body).string_attribute(NLMSGERR_ATTR_MSG, "bad filter");
  EXPECT_EQ(describe_netlink_error("RTM_GETSTATS dump", header, bytes.span()),
            "RTM_GETSTATS dump failed: Invalid argument (bad filter)");
}

// Found by netlink_fuzz: negating INT_MIN is undefined behaviour.
TEST(NetlinkParse, NamesAnErrorCodeThatIsNoNegatedErrno) {
  nlmsghdr header{};
  header.nlmsg_type = NLMSG_ERROR;
  Bytes bytes;
  bytes.put(std::numeric_limits<int>::min());
  EXPECT_EQ(describe_netlink_error("RTM_GETLINK dump", header, bytes.span()),
            "RTM_GETLINK dump failed: error code -2147483648");
  EXPECT_EQ(netlink_error_text(5), "error code 5");
  EXPECT_EQ(netlink_error_text(-EPERM), "Operation not permitted");
}

} // namespace
} // namespace octolog

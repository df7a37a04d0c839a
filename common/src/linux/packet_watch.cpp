#include "octolog/traffic_watch.hpp"

#include "linux/file_io.hpp"
#include "linux/stop_signals.hpp"
#include "linux/unique_fd.hpp"

#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <arpa/inet.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <vector>

namespace octolog {
namespace {

// A classic BPF jump reaches at most 255 instructions ahead, so the filter
// names at most this many ignored interfaces; packets on any others past it
// wake the recorder for nothing, and cost nothing else.
constexpr std::size_t k_max_ignored = 250;

// Builds "accept (1 byte) unless the packet's interface is one of `ignored`".
std::vector<sock_filter> filter_program(std::span<const std::int64_t> ignored) {
  const std::size_t count = std::min(ignored.size(), k_max_ignored);
  std::vector<sock_filter> program;
  program.reserve(count + 3);
  program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                             static_cast<std::uint32_t>(SKF_AD_OFF + SKF_AD_IFINDEX)));
  for (std::size_t i = 0; i < count; ++i) {
    // Jump over the remaining comparisons and the accept to the reject.
    const auto to_reject = static_cast<std::uint8_t>(count - i);
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
                               static_cast<std::uint32_t>(ignored[i]), to_reject, 0));
  }
  program.push_back(BPF_STMT(BPF_RET | BPF_K, 1)); // queue the packet's first byte: a wake-up
  program.push_back(BPF_STMT(BPF_RET | BPF_K, 0)); // ignored interface: drop
  return program;
}

// A packet socket that listens to every interface of the recorder's network
// namespace (ETH_P_ALL) while armed. Disarming closes it: that is what
// removes its hook from the kernel's receive and transmit paths (binding to
// protocol 0 would keep the old one), so between arms no packet pays for it.
class PacketWatch final : public TrafficWatch {
public:
  explicit PacketWatch(UniqueFd stop_fd) : m_stop_fd(std::move(stop_fd)) {}

  bool arm(std::span<const std::int64_t> ignored, std::string& error) override {
    disarm();
    // Protocol 0: not yet hooked, so nothing passes before the filter is on.
    UniqueFd socket(::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!socket) {
      error = "cannot open a packet socket: " + errno_text(errno);
      return false;
    }
    // The smallest queue the kernel allows: one queued packet is enough, and
    // the rest are dropped at no cost but to this socket's statistics.
    const int smallest = 1;
    ::setsockopt(socket.get(), SOL_SOCKET, SO_RCVBUF, &smallest, sizeof smallest);
    std::vector<sock_filter> program = filter_program(ignored);
    const sock_fprog filter{static_cast<unsigned short>(program.size()), program.data()};
    if (::setsockopt(socket.get(), SOL_SOCKET, SO_ATTACH_FILTER, &filter, sizeof filter) != 0) {
      error = "cannot filter the packet socket: " + errno_text(errno);
      return false;
    }
    sockaddr_ll every{};
    every.sll_family = AF_PACKET;
    every.sll_protocol = htons(ETH_P_ALL);
    every.sll_ifindex = 0; // every interface
    if (::bind(socket.get(), reinterpret_cast<const sockaddr*>(&every), sizeof every) != 0) {
      error = "cannot bind the packet socket: " + errno_text(errno);
      return false;
    }
    m_socket = std::move(socket);
    m_seen = false;
    return true;
  }

  void disarm() override {
    m_socket.reset();
    m_seen = false;
  }

  [[nodiscard]] bool armed() const override { return static_cast<bool>(m_socket); }

  bool saw_traffic() override {
    if (!m_seen && m_socket) {
      pollfd socket{m_socket.get(), POLLIN, 0};
      m_seen = ::poll(&socket, 1, 0) == 1 && (socket.revents & POLLIN) != 0;
    }
    return m_seen;
  }

  Wake wait(StopSignal& stop, std::chrono::milliseconds timeout) override {
    if (stop.requested()) {
      return Wake::stop;
    }
    std::array<pollfd, 2> waits{{{m_stop_fd.get(), POLLIN, 0}, {m_socket.get(), POLLIN, 0}}};
    const nfds_t count = m_socket ? 2 : 1;
    const int ms = static_cast<int>(std::clamp<std::int64_t>(timeout.count(), 0, 1 << 30));
    const int ready = ::poll(waits.data(), count, ms);
    // A stop signal is read with sigtimedwait(), which the signalfd only
    // reports as pending; an interrupted or failed poll counts as a timeout.
    if (ready > 0 && (waits[0].revents & POLLIN) != 0 && stop.requested()) {
      return Wake::stop;
    }
    if (ready > 0 && (waits[1].revents & POLLIN) != 0) {
      m_seen = true;
      return Wake::traffic;
    }
    return Wake::timeout;
  }

private:
  UniqueFd m_stop_fd; // a signalfd of the stop signals, which StopSignal keeps blocked
  UniqueFd m_socket;  // open only while armed
  bool m_seen = false;
};

} // namespace

std::unique_ptr<TrafficWatch> make_traffic_watch(std::string& why) {
  // A first socket tells at once whether the process may open one
  // (CAP_NET_RAW); it is never bound, so it hooks nothing.
  if (UniqueFd probe(::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)); !probe) {
    why = "cannot open a packet socket: " + errno_text(errno);
    return nullptr;
  }
  const sigset_t stops = stop_signals();
  UniqueFd stop_fd(::signalfd(-1, &stops, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!stop_fd) {
    why = "cannot open a signalfd: " + errno_text(errno);
    return nullptr;
  }
  return std::make_unique<PacketWatch>(std::move(stop_fd));
}

} // namespace octolog

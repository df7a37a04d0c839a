#include "linux_test_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace octolog::testing {

namespace {

constexpr int k_exit_cannot_run = 77;

std::string errno_message(std::string_view what) {
  return std::string(what) + ": " + std::generic_category().message(errno);
}

// Closes a descriptor on scope exit.
struct Fd {
  int fd;
  explicit Fd(int value) : fd(value) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

std::string bring_loopback_up() {
  const Fd socket(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (socket.fd < 0) {
    return errno_message("socket");
  }
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  if (::ioctl(socket.fd, SIOCGIFFLAGS, &request) != 0) {
    return errno_message("SIOCGIFFLAGS lo");
  }
  request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP);
  if (::ioctl(socket.fd, SIOCSIFFLAGS, &request) != 0) {
    return errno_message("SIOCSIFFLAGS lo");
  }
  return {};
}

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

} // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "octolog-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error(errno_message("mkdtemp"));
  }
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored; // a leftover temporary folder must not fail a test
  std::filesystem::remove_all(m_path, ignored);
}

std::filesystem::path test_data_dir() { return OCTOLOG_TEST_DATA_DIR; }

std::filesystem::path fixture_tree() { return test_data_dir() / "procfs_tree"; }

SourceOptions tree_options(const std::filesystem::path& root) {
  SourceOptions options;
  options.kind = SourceOptions::Kind::procfs;
  options.proc_root = root / "proc";
  options.sys_root = root / "sys";
  return options;
}

ProcfsTree::ProcfsTree() {
  std::filesystem::copy(fixture_tree(), m_dir.path(), std::filesystem::copy_options::recursive);
}

void write_file(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

const InterfaceCounters* find_interface(const std::vector<InterfaceCounters>& interfaces,
                                        std::string_view name) {
  const auto found =
      std::find_if(interfaces.begin(), interfaces.end(),
                   [&](const InterfaceCounters& entry) { return entry.name == name; });
  return found == interfaces.end() ? nullptr : &*found;
}

std::string send_loopback_datagrams(std::size_t count, std::size_t payload_bytes) {
  const Fd receiver(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  const Fd sender(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (receiver.fd < 0 || sender.fd < 0) {
    return errno_message("socket");
  }
  const timeval timeout{2, 0};
  const int buffer_bytes = 4 << 20;
  ::setsockopt(receiver.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(receiver.fd, SOL_SOCKET, SO_RCVBUF, &buffer_bytes, sizeof buffer_bytes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(receiver.fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return errno_message("bind 127.0.0.1");
  }
  socklen_t length = sizeof address;
  if (::getsockname(receiver.fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return errno_message("getsockname");
  }
  const std::vector<char> payload(payload_bytes, 'o');
  std::vector<char> incoming(payload_bytes + 1);
  // Send and receive one at a time so the receive buffer never overflows.
  for (std::size_t i = 0; i < count; ++i) {
    const ssize_t sent = ::sendto(sender.fd, payload.data(), payload.size(), 0,
                                  reinterpret_cast<const sockaddr*>(&address), sizeof address);
    if (sent != static_cast<ssize_t>(payload.size())) {
      return errno_message("sendto 127.0.0.1");
    }
    const ssize_t received = ::recv(receiver.fd, incoming.data(), incoming.size(), 0);
    if (received != static_cast<ssize_t>(payload.size())) {
      return errno_message("recv on 127.0.0.1");
    }
  }
  return {};
}

NamespaceRun run_in_new_network_namespace(const std::function<std::string()>& body) {
  std::array<int, 2> pipe_fds{};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) {
    return {false, errno_message("pipe2")};
  }
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return {false, errno_message("fork")};
  }
  if (child == 0) {
    ::close(pipe_fds[0]);
    if (::unshare(CLONE_NEWNET) != 0) {
      write_all(pipe_fds[1], errno_message("unshare(CLONE_NEWNET) (needs root or CAP_SYS_ADMIN)"));
      ::_exit(k_exit_cannot_run);
    }
    std::string failure = bring_loopback_up();
    if (failure.empty()) {
      try {
        failure = body();
      } catch (const std::exception& error) {
        failure = std::string("exception: ") + error.what();
      }
    }
    write_all(pipe_fds[1], failure);
    ::_exit(failure.empty() ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  std::string message;
  std::array<char, 4096> chunk{};
  while (true) {
    const ssize_t count = ::read(pipe_fds[0], chunk.data(), chunk.size());
    if (count < 0 && errno == EINTR) {
      continue;
    }
    if (count <= 0) {
      break;
    }
    message.append(chunk.data(), static_cast<std::size_t>(count));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == k_exit_cannot_run) {
    return {false, message};
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (message.empty()) {
      message = "child ended with status " + std::to_string(status);
    }
    return {true, message};
  }
  return {true, {}};
}

} // namespace octolog::testing

#pragma once

#include "octolog/counter_source.hpp"
#include "octolog/snapshot.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace octolog::testing {

// A fresh directory under the system's temporary folder, removed with its
// content on destruction.
class TempDir {
public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

std::filesystem::path test_data_dir();

// tests/data/procfs_tree: a small proc and sys tree.
std::filesystem::path fixture_tree();

// Options of kind procfs reading <root>/proc and <root>/sys.
SourceOptions tree_options(const std::filesystem::path& root);

// A copy of the fixture tree that a test may change, removed afterwards.
class ProcfsTree {
public:
  ProcfsTree();
  [[nodiscard]] const std::filesystem::path& root() const { return m_dir.path(); }

private:
  TempDir m_dir;
};
void write_file(const std::filesystem::path& path, std::string_view text);

// The entry named `name`, or nullptr.
const InterfaceCounters* find_interface(const std::vector<InterfaceCounters>& interfaces,
                                        std::string_view name);

// Sends `count` UDP datagrams of `payload_bytes` each from one socket to
// another bound on 127.0.0.1 and receives them all; returns "" or what failed.
std::string send_loopback_datagrams(std::size_t count, std::size_t payload_bytes);

// Bytes one such datagram adds to lo's rx and tx counters: the payload and
// its UDP (8) and IPv4 (20) headers. Not the Ethernet header: loopback_xmit()
// counts skb->len after eth_type_trans() has pulled it.
constexpr std::size_t loopback_bytes_per_datagram(std::size_t payload_bytes) {
  return payload_bytes + 8 + 20;
}

// The outcome of running a body in a child process inside a new network
// namespace whose lo is up.
struct NamespaceRun {
  bool ran = false;    // false: the namespace could not be made (no privilege)
  std::string failure; // the body's failure, or why it did not run
};

// Forks, unshares the network namespace in the child, brings lo up and runs
// `body`, which returns "" on success or a description of what failed.
NamespaceRun run_in_new_network_namespace(const std::function<std::string()>& body);

} // namespace octolog::testing

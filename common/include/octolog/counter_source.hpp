#pragma once

#include "octolog/snapshot.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace octolog {

// Where a live counter source reads from. Paths are injectable so tests can
// run the readers on fixture trees.
struct SourceOptions {
  enum class Kind { automatic, netlink, procfs, iphelper };
  Kind kind = Kind::automatic;
  std::filesystem::path proc_root = "/proc";
  std::filesystem::path sys_root = "/sys";
};

// Reads the kernel's per-interface counters. One implementation per platform,
// chosen by file in CMake; make_counter_source() picks among them.
class CounterSource {
public:
  virtual ~CounterSource() = default;

  // Replaces `out` with every interface's counters now. On a failure the next
  // call may not repeat (a busy socket, a vanished file) returns false and sets
  // `error`; `out` is then unspecified.
  virtual bool read(std::vector<InterfaceCounters>& out, std::string& error) = 0;

  // Identifies the current boot of the machine; constant for the source's life.
  [[nodiscard]] virtual const std::string& boot_id() const = 0;

  // Short name of the mechanism, for the start-up log line ("netlink", ...).
  [[nodiscard]] virtual std::string_view name() const = 0;
};

// The best source this platform offers for `options`. Throws Error when none
// can be opened.
std::unique_ptr<CounterSource> make_counter_source(const SourceOptions& options);

} // namespace octolog

#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

namespace octolog {

// Which file a path names (device and inode on POSIX), so that a program
// holding a file open can tell when the path has been given another file.
struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;

  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

// The identity of the file at `path`; nullopt when there is none.
[[nodiscard]] std::optional<FileIdentity> file_identity(const std::filesystem::path& path);

} // namespace octolog

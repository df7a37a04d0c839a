#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace octolog {

// Readers for <sys_root>/class/net/<name>/... Interface names that could leave
// that folder ('/', "." or "..") or that are empty read as unknown.

// The link speed in bits per second from the `speed` file (Mbit/s), or 0 when
// unknown: unreadable (a link that is down reports EINVAL), -1, not a number,
// or too large for 64 bits once scaled.
std::uint64_t read_link_speed_bps(const std::filesystem::path& sys_root, std::string_view name);

// The interface index from the `ifindex` file, or 0 when unreadable or not a
// positive number.
std::int64_t read_ifindex(const std::filesystem::path& sys_root, std::string_view name);

} // namespace octolog

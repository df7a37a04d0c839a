#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace octolog {

// Files under /proc and /sys report a size of 0 and are read until EOF; this
// bounds how much a hostile or runaway file can make us hold.
inline constexpr std::size_t k_max_file_bytes = std::size_t{64} << 20;

// Replaces `out` with the whole content of `path`, reusing its capacity, and
// returns true. Returns false with `error` naming the path and the reason when
// the file cannot be opened or read or exceeds k_max_file_bytes.
bool read_whole_file(const std::filesystem::path& path, std::string& out, std::string& error);

// The text of `errno`-style code `code`, e.g. "No such file or directory".
std::string errno_text(int code);

} // namespace octolog

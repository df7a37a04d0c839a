#pragma once

#include <filesystem>
#include <string>

namespace octolog {

// The kernel's id of the current boot, from <proc_root>/sys/kernel/random/boot_id,
// without surrounding white space. Throws Error when the file cannot be read
// or is empty.
std::string read_boot_id(const std::filesystem::path& proc_root);

} // namespace octolog

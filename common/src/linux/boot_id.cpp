#include "linux/boot_id.hpp"

#include "octolog/error.hpp"

#include "linux/file_io.hpp"

#include <string_view>

namespace octolog {

std::string read_boot_id(const std::filesystem::path& proc_root) {
  const std::filesystem::path path = proc_root / "sys" / "kernel" / "random" / "boot_id";
  std::string text;
  std::string error;
  if (!read_whole_file(path, text, error)) {
    throw Error("cannot read the boot id: " + error);
  }
  constexpr std::string_view k_white_space = " \t\r\n";
  const std::size_t first = text.find_first_not_of(k_white_space);
  if (first == std::string::npos) {
    throw Error("cannot read the boot id: " + path.string() + " is empty");
  }
  const std::size_t last = text.find_last_not_of(k_white_space);
  return text.substr(first, last - first + 1);
}

} // namespace octolog

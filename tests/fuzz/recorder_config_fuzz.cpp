// libFuzzer target: the recorder's option parser reading any bytes as its
// TOML --config file. It must accept them or refuse with exit code 2 and
// one line of message; nothing may throw past it.
#include "options.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

// One file per fuzzing process, rewritten for every input.
const std::string& config_path() {
  static const std::string path = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "octolog-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::abort();
    }
    return pattern + "/octolog.toml";
  }();
  return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(config_path(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const char* const argv[] = {"octolog-recorder", "--config", config_path().c_str()};
  const octolog::recorder::ParsedOptions parsed = octolog::recorder::parse_options(3, argv);
  if (!parsed.options && parsed.exit_code == 2) {
    const std::string& message = parsed.message;
    if (message.rfind("octolog-recorder: ", 0) != 0 || message.empty() || message.back() != '\n') {
      std::abort();
    }
  } else if (!parsed.options && parsed.exit_code != 0) {
    std::abort();
  }
  return 0;
}

#include "octolog/store.hpp"

#include <cstdlib>
#include <unistd.h>

namespace octolog {

std::filesystem::path default_database_path() {
  if (::geteuid() == 0) {
    return "/var/lib/octolog/octolog.db";
  }
  if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state == '/') {
    return std::filesystem::path(state) / "octolog" / "octolog.db";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / ".local" / "state" / "octolog" /
         "octolog.db";
}

} // namespace octolog

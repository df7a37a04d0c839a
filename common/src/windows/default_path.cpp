#include "octolog/store.hpp"

#include "windows/win32.hpp"

#include <string>

namespace octolog {
namespace {

// The value of environment variable `name`, empty when unset.
std::wstring environment(const wchar_t* name) {
  std::wstring value(MAX_PATH, L'\0');
  for (;;) {
    const DWORD length =
        ::GetEnvironmentVariableW(name, value.data(), static_cast<DWORD>(value.size()));
    if (length < value.size()) {
      value.resize(length); // 0 when unset
      return value;
    }
    value.resize(length); // too small: `length` counts the terminating NUL
  }
}

} // namespace

// %LOCALAPPDATA%\octolog\octolog.db: per user and not roaming, like
// $XDG_STATE_HOME on Linux; a recorder run as LocalSystem gets the system
// profile's (C:\Windows\System32\config\systemprofile\AppData\Local).
std::filesystem::path default_database_path() {
  std::wstring base = environment(L"LOCALAPPDATA");
  if (base.empty()) {
    const std::wstring profile = environment(L"USERPROFILE");
    base = profile.empty() ? L"." : profile + L"\\AppData\\Local";
  }
  return std::filesystem::path(base) / L"octolog" / L"octolog.db";
}

} // namespace octolog

#include "windows/win32.hpp"

#include <limits>
#include <memory>

namespace octolog {

void assign_utf8(std::string& out, std::wstring_view text) {
  out.clear();
  if (text.empty() || text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return;
  }
  const int length = static_cast<int>(text.size());
  const int bytes =
      ::WideCharToMultiByte(CP_UTF8, 0, text.data(), length, nullptr, 0, nullptr, nullptr);
  if (bytes <= 0) {
    return;
  }
  out.resize(static_cast<std::size_t>(bytes));
  ::WideCharToMultiByte(CP_UTF8, 0, text.data(), length, out.data(), bytes, nullptr, nullptr);
}

std::string error_text(DWORD code) {
  wchar_t* raw = nullptr;
  const DWORD length = ::FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, code, 0, reinterpret_cast<wchar_t*>(&raw), 0, nullptr);
  const auto free_local = [](wchar_t* p) { ::LocalFree(p); };
  const std::unique_ptr<wchar_t, decltype(free_local)> buffer(raw, free_local);
  std::wstring_view message(raw, raw != nullptr ? length : 0);
  while (!message.empty() && (message.back() == L'\r' || message.back() == L'\n' ||
                              message.back() == L' ' || message.back() == L'.')) {
    message.remove_suffix(1);
  }
  const std::string text = to_utf8(message);
  return text.empty() ? "error " + std::to_string(code) : text;
}

} // namespace octolog

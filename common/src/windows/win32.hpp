#pragma once

// The Windows API for the Windows platform files, in the order the headers
// need: winsock2.h before windows.h, and ws2ipdef.h before iphlpapi.h, which
// makes it declare the MIB_IF_ROW2 family (netioapi.h).
// clang-format off
#include <winsock2.h>
#include <windows.h>
#include <ws2ipdef.h>
#include <iphlpapi.h>
// clang-format on

// The COM headers that windows.h pulls in define `interface` as `struct`;
// octolog uses no COM, and uses the word as a name (Delta::interface), so the
// macro goes: octolog headers then work after this one as well as before.
#undef interface

#include <string>
#include <string_view>
#include <utility>

namespace octolog {

// Owns one kernel object HANDLE and closes it on destruction. Move-only.
// Holds either a valid handle or INVALID_HANDLE_VALUE (CreateFileW's failure
// value); a null handle counts as invalid too.
class UniqueHandle {
public:
  UniqueHandle() = default;
  explicit UniqueHandle(HANDLE handle) : m_handle(handle) {}
  UniqueHandle(const UniqueHandle&) = delete;
  UniqueHandle& operator=(const UniqueHandle&) = delete;
  UniqueHandle(UniqueHandle&& other) noexcept
      : m_handle(std::exchange(other.m_handle, INVALID_HANDLE_VALUE)) {}
  UniqueHandle& operator=(UniqueHandle&& other) noexcept {
    if (this != &other) {
      reset(std::exchange(other.m_handle, INVALID_HANDLE_VALUE));
    }
    return *this;
  }
  ~UniqueHandle() { reset(); }

  [[nodiscard]] HANDLE get() const { return m_handle; }
  explicit operator bool() const { return m_handle != INVALID_HANDLE_VALUE && m_handle != nullptr; }

  // Gives up ownership without closing.
  HANDLE release() { return std::exchange(m_handle, INVALID_HANDLE_VALUE); }

  // Closes the owned handle, if any, and takes `handle`.
  void reset(HANDLE handle = INVALID_HANDLE_VALUE) {
    if (*this) {
      ::CloseHandle(m_handle);
    }
    m_handle = handle;
  }

private:
  HANDLE m_handle = INVALID_HANDLE_VALUE;
};

// Replaces `out` with `text` (UTF-16, as Windows APIs return it) in UTF-8,
// reusing its storage. Unpaired surrogates become U+FFFD.
void assign_utf8(std::string& out, std::wstring_view text);

[[nodiscard]] inline std::string to_utf8(std::wstring_view text) {
  std::string out;
  assign_utf8(out, text);
  return out;
}

// The system's one-line description of a Win32 error code ("Access is
// denied"), without the trailing period and line break, or "error N" when
// the system has none.
[[nodiscard]] std::string error_text(DWORD code);

} // namespace octolog

#include "file_identity.hpp"

#include "windows/win32.hpp"

namespace octolog {

// A handle opened for no access at all: it neither blocks nor disturbs the
// handles (and byte-range locks) SQLite holds on the same file.
std::optional<FileIdentity> file_identity(const std::filesystem::path& path) {
  const UniqueHandle file(
      ::CreateFileW(path.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                    nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr));
  BY_HANDLE_FILE_INFORMATION info{};
  if (!file || ::GetFileInformationByHandle(file.get(), &info) == 0) {
    return std::nullopt;
  }
  return FileIdentity{info.dwVolumeSerialNumber,
                      (std::uint64_t{info.nFileIndexHigh} << 32) | info.nFileIndexLow};
}

} // namespace octolog

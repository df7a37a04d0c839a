#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>

namespace octolog::testing {

// A fresh directory, removed with everything in it when the object dies.
// Portable (no mkdtemp): create_directory() fails on a name that exists, so
// a random name that it creates is ours alone.
class TempDir {
public:
  TempDir() {
    const std::filesystem::path base = std::filesystem::temp_directory_path();
    std::random_device random;
    constexpr int k_attempts = 100;
    for (int attempt = 0; attempt < k_attempts; ++attempt) {
      const std::filesystem::path candidate =
          base / ("octolog-test-" + std::to_string(random()) + std::to_string(random()));
      std::error_code ec;
      if (std::filesystem::create_directory(candidate, ec)) {
        std::filesystem::permissions(candidate, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, ec);
        m_path = candidate;
        return;
      }
      if (ec) {
        throw std::runtime_error("cannot create a directory in " + base.string() + ": " +
                                 ec.message());
      }
    }
    throw std::runtime_error("cannot find a free directory name in " + base.string());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
    return m_path / name;
  }

private:
  std::filesystem::path m_path;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

} // namespace octolog::testing

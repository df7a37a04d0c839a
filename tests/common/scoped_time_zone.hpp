#pragma once

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace octolog::testing {

// Sets TZ for the life of the object (the C library keeps one zone per
// process), restoring the previous value afterwards.
class ScopedTimeZone {
public:
  explicit ScopedTimeZone(const std::string& tz) {
    if (const char* old = std::getenv("TZ"); old != nullptr) {
      m_previous = old;
    }
    setenv("TZ", tz.c_str(), 1);
    tzset();
  }
  ScopedTimeZone(const ScopedTimeZone&) = delete;
  ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;
  ~ScopedTimeZone() {
    if (m_previous) {
      setenv("TZ", m_previous->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

private:
  std::optional<std::string> m_previous;
};

} // namespace octolog::testing

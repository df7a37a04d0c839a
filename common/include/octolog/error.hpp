#pragma once

#include <stdexcept>
#include <string>

namespace octolog {

// A startup or fatal problem, described in one line a user can act on.
// Thrown by library code; each main() catches it once and exits non-zero.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace octolog

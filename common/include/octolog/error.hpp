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

// A problem with how a program was called (an unknown flag, a bad value): the
// user must change the command, not the data. Mains exit with 2 for these.
class UsageError : public Error {
public:
  using Error::Error;
};

} // namespace octolog

#pragma once

#include <cstdint>

namespace octolog::testing {

// How many times the test program's global operator new has run so far.
std::uint64_t allocation_count();

} // namespace octolog::testing

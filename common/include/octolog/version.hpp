#pragma once

#include <string_view>

namespace octolog {

// The project version, e.g. "0.1.0", as set in the root CMakeLists.txt.
[[nodiscard]] std::string_view version();

} // namespace octolog

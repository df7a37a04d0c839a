#include "octolog/version.hpp"

namespace octolog {

std::string_view version() { return OCTOLOG_VERSION; }

} // namespace octolog

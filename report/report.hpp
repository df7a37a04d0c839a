#pragma once

#include "options.hpp"

#include <string>

namespace octolog::report {

// The report `options` ask for, as text, JSON or CSV. Opens the database
// read-only. Throws UsageError for a bad value (a time, --begin after --end)
// and Error for a problem with the data (no database, not octolog's, an
// unknown interface); nothing is written then.
[[nodiscard]] std::string run(const Options& options);

} // namespace octolog::report

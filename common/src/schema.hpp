#pragma once

#include <string_view>
#include <vector>

namespace octolog::schema {

// migrations()[v] takes a database from schema version v to v + 1; version 0
// is an empty file. Each step runs inside the transaction that sets
// user_version, so a database is always at exactly one version.
[[nodiscard]] const std::vector<std::string_view>& migrations();

} // namespace octolog::schema

#pragma once

#include <SQLiteCpp/Database.h>

#include <string_view>
#include <vector>

namespace octolog::schema {

// One step forward: its SQL, then (when set) what SQL alone cannot do.
struct Migration {
  std::string_view sql;
  void (*then)(SQLite::Database& db) = nullptr;
};

// migrations()[v] takes a database from schema version v to v + 1; version 0
// is an empty file. Each step runs inside the transaction that sets
// user_version, so a database is always at exactly one version.
[[nodiscard]] const std::vector<Migration>& migrations();

} // namespace octolog::schema

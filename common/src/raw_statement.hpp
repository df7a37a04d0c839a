#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string>

namespace octolog {

// A prepared statement used straight through SQLite's C API, for the loops
// that touch 10^5 to 10^6 rows (a flush of a replay, a year of buckets):
// there SQLiteCpp's per-call checks and Column objects (a shared_ptr copy
// each) cost more than SQLite's own work. Errors throw SQLite::Exception,
// as SQLiteCpp does.
class RawStatement {
public:
  RawStatement(SQLite::Database& db, const std::string& sql) : m_db(db.getHandle()) {
    if (const int rc = sqlite3_prepare_v2(m_db, sql.c_str(), -1, &m_stmt, nullptr);
        rc != SQLITE_OK) {
      throw SQLite::Exception(m_db, rc);
    }
  }
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;
  ~RawStatement() { sqlite3_finalize(m_stmt); }

  // Parameters count from 1, columns from 0.
  void bind(int index, std::int64_t value) { check(sqlite3_bind_int64(m_stmt, index, value)); }
  void bind(int index, double value) { check(sqlite3_bind_double(m_stmt, index, value)); }
  void bind_null(int index) { check(sqlite3_bind_null(m_stmt, index)); }
  // The bytes are copied: `value` need not outlive the call.
  void bind(int index, std::span<const unsigned char> value) {
    check(sqlite3_bind_blob64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT));
  }

  // Steps once: true with a row to read, false when done.
  bool step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
      return true;
    }
    if (rc == SQLITE_DONE) {
      return false;
    }
    const int error = sqlite3_reset(m_stmt);
    throw SQLite::Exception(m_db, error != SQLITE_OK ? error : rc);
  }
  // Runs a statement that returns no rows, ready to be bound and run again.
  void run() {
    step();
    sqlite3_reset(m_stmt);
  }
  void reset() { sqlite3_reset(m_stmt); }
  // The rows that the last statement run on the connection inserted,
  // updated or deleted (0 for an upsert whose DO UPDATE ... WHERE left the
  // row alone).
  [[nodiscard]] int changes() const { return sqlite3_changes(m_db); }

  [[nodiscard]] std::int64_t integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
  }
  [[nodiscard]] std::uint64_t counter(int column) const {
    return static_cast<std::uint64_t>(sqlite3_column_int64(m_stmt, column));
  }
  [[nodiscard]] double real(int column) const { return sqlite3_column_double(m_stmt, column); }
  [[nodiscard]] bool is_null(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
  }
  // Valid until the next step or reset.
  [[nodiscard]] std::span<const unsigned char> blob(int column) const {
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt, column));
    return {data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
  }

private:
  void check(int rc) const {
    if (rc != SQLITE_OK) {
      throw SQLite::Exception(m_db, rc);
    }
  }

  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

} // namespace octolog

#pragma once

#include "octolog/accountant.hpp"
#include "octolog/sample_buffer.hpp"
#include "octolog/snapshot.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octolog {

class RawStatement;
struct HourProfile;

// How long each resolution is kept; 0 keeps it for ever. Hours are never deleted.
struct Retention {
  std::int64_t samples_ms = 48 * k_hour_ms;
  std::int64_t five_minutes_ms = 400 * 24 * k_hour_ms;
};

// The SQLite file: its schema (versioned, migrated forward), and the one
// transaction per flush that keeps samples, rollups and counter state in step.
class Store {
public:
  enum class Access { read_write, read_only };

  static constexpr int k_schema_version = 9;
  static constexpr std::int32_t k_application_id = 0x6F63746C; // "octl"

  // Opens (read_write: creates or migrates) the database at `path`. Throws
  // Error, leaving the file as it was, when it is missing (read_only), not an
  // SQLite database, another program's database, or of a newer schema.
  Store(const std::filesystem::path& path, Access access);

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

  // The counter state saved by the last flush.
  [[nodiscard]] std::vector<CounterState> load_state();

  // The time of the latest snapshot accounted, saved by the last flush.
  [[nodiscard]] std::optional<std::int64_t> load_accounted_until();

  // Records that a recorder run started, for the history of coverage.
  void begin_run(std::int64_t now_ms, std::string_view source);

  // Writes, in one transaction: the buffer's samples and bucket sums, the
  // interfaces of `present`, the accountant's `state` and `accounted_until_ms`,
  // and retention deletes. Throws SQLite::Exception (rolled back, buffer
  // untouched) on failure, and Error, writing nothing, when the path no
  // longer holds the database opened (see check_still_ours()).
  void flush(const SampleBuffer& buffer, const std::vector<CounterState>& state,
             std::optional<std::int64_t> accounted_until_ms,
             const std::vector<InterfaceCounters>& present, std::int64_t now_ms,
             const Retention& retention);

  // Marks the current run as stopped cleanly; throws like flush().
  void end_run(std::int64_t now_ms);

  // Throws Error when the database's path was removed, given another file or
  // overwritten with what is not SQLite since it was opened (read_write).
  // From then on the store writes nothing there, not even when it closes.
  void check_still_ours();

  // Whether reads map the file (read_only; not mapped unless asked). Mapped,
  // pages are read in place, each first touch a page fault, and the mapping
  // is torn down at the end; else each page is one pread() into SQLite's
  // cache. A report of one interface on a year of 8 reads a few hundred
  // pages, and is faster without (1.47 -> 1.38 ms of CPU); one of two or
  // more reads thousands, and is faster mapped (two: 1.87 -> 1.74 ms).
  void map_for_reading(bool mapped);

  [[nodiscard]] SQLite::Database& database() { return m_db; }
  [[nodiscard]] int schema_version();

private:
  struct Statements;

  std::int64_t interface_id(const std::string& name, std::int64_t now_ms);
  // Upserts `buckets` (5-minute buckets) of `length_ms`.
  void write_buckets(RawStatement& upsert, const BucketMap& buckets, std::int64_t length_ms,
                     std::int64_t now_ms);
  // Upserts the hours of `buffer`; adds its 5-minute parts to the profile of
  // an hour that has one stored.
  void write_hours(const SampleBuffer& buffer, std::int64_t now_ms);
  // Adds `delta` to the profile stored with hour row `row`.
  void add_to_profile(std::int64_t row, const HourProfile& delta);
  Statements& statements();

  std::filesystem::path m_path;
  SQLite::Database m_db;
  bool m_identified = false; // m_device and m_inode name the file opened
  std::uint64_t m_device = 0;
  std::uint64_t m_inode = 0;
  std::string m_lost; // why the path no longer holds the database, once it does not
  std::map<std::string, std::int64_t, std::less<>> m_interface_ids;
  std::int64_t m_run_id = 0;
  std::unique_ptr<Statements> m_statements; // prepared once, on the first flush
};

// The key of the rows of samples and buckets (schema version 3):
// interface_id * 2^42 + start_ms, so that one interface's rows are one range
// of keys in time order. Holds times from 1970 to 2109.
inline constexpr int k_row_key_shift = 42;
inline constexpr std::int64_t k_row_key_time_limit = std::int64_t{1} << k_row_key_shift;
[[nodiscard]] constexpr std::int64_t row_key(std::int64_t interface_id, std::int64_t start_ms) {
  return (interface_id << k_row_key_shift) + start_ms;
}

// Where octolog keeps its database when --db is not given: /var/lib/octolog
// for root, else $XDG_STATE_HOME/octolog (~/.local/state/octolog); on Windows
// %LOCALAPPDATA%\octolog.
[[nodiscard]] std::filesystem::path default_database_path();

} // namespace octolog

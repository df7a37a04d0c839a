#include "octolog/store.hpp"

#include "octolog/error.hpp"
#include "octolog/version.hpp"

#include "file_identity.hpp"
#include "schema.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <array>
#include <string>
#include <system_error>

namespace octolog {
namespace {

constexpr int k_busy_timeout_ms = 5000;
// Interface ids cached between flushes; past this (interfaces churning under
// new names) the cache starts again, so that it cannot grow without end.
constexpr std::size_t k_max_cached_interface_ids = 1024;

// The first bytes of every SQLite database file.
constexpr std::string_view k_sqlite_magic{"SQLite format 3\0", 16};

// Whether the database file starts like SQLite, or is empty. Read through
// SQLite's own file handle: opening and closing another descriptor on the file
// would drop the POSIX locks SQLite holds on it.
bool starts_like_sqlite(SQLite::Database& db) {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db.getHandle(), "main", SQLITE_FCNTL_FILE_POINTER, &file) !=
          SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr) {
    return true; // not a file SQLite can show us: let SQLite judge it
  }
  std::array<char, k_sqlite_magic.size()> head{};
  const int rc = file->pMethods->xRead(file, head.data(), static_cast<int>(head.size()), 0);
  const std::string_view text(head.data(), head.size());
  if (rc == SQLITE_IOERR_SHORT_READ) {
    return text.find_first_not_of('\0') == std::string_view::npos; // empty
  }
  return rc == SQLITE_OK && text == k_sqlite_magic;
}

int open_flags(Store::Access access) {
  // Each Store is used by one thread at a time: no mutex around every call.
  return access == Store::Access::read_only
             ? SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_NOMUTEX
             : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
}

// What SQLite is asked to open. Read-only, a WAL database needs its -shm and
// -wal files, and SQLite creates them when they are missing: it would leave
// them behind, and fail where the reader may not write the directory (a user
// reading root's database while the recorder is stopped). Without a -wal file
// no writer is connected and the file holds everything, so it is opened as
// immutable: no side files, no locks. A recorder that starts during the read
// writes to a new -wal, not to the file, until its first checkpoint.
std::string open_name(const std::filesystem::path& path, Store::Access access) {
  if (access == Store::Access::read_write) {
    return path.string();
  }
  std::string uri = "file:";
  for (const char c : path.generic_string()) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char k_hex[] = "0123456789ABCDEF";
      uri += '%';
      uri += k_hex[static_cast<unsigned char>(c) >> 4];
      uri += k_hex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  std::error_code ec;
  const bool writer_connected =
      std::filesystem::exists(std::filesystem::path(path.string() + "-wal"), ec);
  return uri + (writer_connected ? "?mode=ro" : "?mode=ro&immutable=1");
}

// Opening must not write: SQLite creates a missing file only in read_write
// mode, and nothing else is written until the checks in Store() pass.
SQLite::Database open_database(const std::filesystem::path& path, Store::Access access) {
  std::error_code ec;
  if (access == Store::Access::read_only && !std::filesystem::exists(path, ec)) {
    throw Error("no database at " + path.string() + " (octolog-recorder creates it)");
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(path.string() + " is a directory, not a database file");
  }
  if (access == Store::Access::read_write && path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      throw Error("cannot create directory " + path.parent_path().string() + ": " + ec.message());
    }
  }
  try {
    return SQLite::Database(open_name(path, access), open_flags(access), k_busy_timeout_ms);
  } catch (const SQLite::Exception& e) {
    throw Error("cannot open database " + path.string() + ": " + e.what());
  }
}

std::int64_t as_stored(std::uint64_t counter) { return static_cast<std::int64_t>(counter); }
std::uint64_t as_counter(std::int64_t stored) { return static_cast<std::uint64_t>(stored); }

} // namespace

Store::Store(const std::filesystem::path& path, Access access)
    : m_path(path), m_db(open_database(path, access)) {
  // Checked before any statement: a write-ahead log left beside the file (by
  // a database that was there before) would otherwise be read in its place.
  if (!starts_like_sqlite(m_db)) {
    throw Error(path.string() + " is not an octolog database (file is not a database); left "
                                "untouched");
  }
  int application_id = 0;
  int version = 0;
  int objects = 0;
  try {
    application_id = m_db.execAndGet("PRAGMA application_id").getInt();
    version = m_db.execAndGet("PRAGMA user_version").getInt();
    objects = m_db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
  } catch (const SQLite::Exception& e) {
    throw Error(path.string() + " is not an octolog database (" + e.what() + "); left untouched");
  }
  if (application_id != k_application_id && (objects != 0 || application_id != 0)) {
    throw Error(path.string() +
                " is an SQLite database of another program, not octolog's; left untouched");
  }
  if (version > k_schema_version) {
    throw Error(path.string() + " has schema version " + std::to_string(version) +
                ", newer than this octolog understands (" + std::to_string(k_schema_version) +
                "); use a newer octolog");
  }
  if (access == Access::read_only) {
    if (objects == 0) {
      throw Error(path.string() + " is empty: the recorder has not written to it yet");
    }
    if (version < k_schema_version) {
      throw Error(path.string() + " has the old schema version " + std::to_string(version) +
                  "; start octolog-recorder once to migrate it");
    }
    return;
  }

  try {
    m_db.exec("PRAGMA journal_mode = WAL");
    m_db.exec("PRAGMA synchronous = NORMAL");
    const auto& steps = schema::migrations();
    for (auto v = static_cast<std::size_t>(version); v < steps.size(); ++v) {
      SQLite::Transaction transaction(m_db);
      m_db.exec(std::string(steps[v]));
      m_db.exec("PRAGMA application_id = " + std::to_string(k_application_id));
      m_db.exec("PRAGMA user_version = " + std::to_string(v + 1));
      transaction.commit();
    }
  } catch (const SQLite::Exception& e) {
    throw Error("cannot prepare database " + path.string() + ": " + e.what());
  }
  if (const auto identity = file_identity(path)) {
    m_identified = true;
    m_device = identity->device;
    m_inode = identity->inode;
  }
}

void Store::check_still_ours() {
  if (!m_lost.empty()) {
    throw Error(m_lost);
  }
  if (!m_identified) {
    return;
  }
  const auto identity = file_identity(m_path);
  std::string problem;
  if (!identity) {
    problem = "was removed";
  } else if (identity->device != m_device || identity->inode != m_inode) {
    problem = "was replaced by another file";
  } else if (!starts_like_sqlite(m_db)) {
    problem = "was overwritten with something that is not SQLite";
  } else {
    return;
  }
  // Closing would checkpoint the write-ahead log into whatever is there now.
  sqlite3_db_config(m_db.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  m_lost = m_path.string() + " " + problem +
           " while recording; stopped without writing to it (the readings since the last "
           "flush are not recorded)";
  throw Error(m_lost);
}

Store::~Store() = default;

int Store::schema_version() { return m_db.execAndGet("PRAGMA user_version").getInt(); }

std::vector<CounterState> Store::load_state() {
  SQLite::Statement query(m_db, R"sql(
    SELECT i.name, c.ifindex, c.boot_id, c.rx_bytes, c.tx_bytes, c.rx_packets, c.tx_packets,
           c.width, c.unix_ms, c.boot_ms
    FROM counter_state c JOIN interface i ON i.id = c.interface_id ORDER BY i.name)sql");
  std::vector<CounterState> states;
  while (query.executeStep()) {
    CounterState state;
    state.interface = query.getColumn(0).getString();
    state.ifindex = query.getColumn(1).getInt64();
    state.boot_id = query.getColumn(2).getString();
    state.rx_bytes = as_counter(query.getColumn(3).getInt64());
    state.tx_bytes = as_counter(query.getColumn(4).getInt64());
    state.rx_packets = as_counter(query.getColumn(5).getInt64());
    state.tx_packets = as_counter(query.getColumn(6).getInt64());
    state.width = query.getColumn(7).getInt();
    state.unix_ms = query.getColumn(8).getInt64();
    if (!query.getColumn(9).isNull()) {
      state.boot_ms = query.getColumn(9).getInt64();
    }
    states.push_back(std::move(state));
  }
  return states;
}

std::optional<std::int64_t> Store::load_accounted_until() {
  SQLite::Statement query(m_db, "SELECT until_ms FROM accounted WHERE id = 1");
  if (query.executeStep()) {
    return query.getColumn(0).getInt64();
  }
  return std::nullopt;
}

void Store::begin_run(std::int64_t now_ms, std::string_view source) {
  SQLite::Statement insert(
      m_db, "INSERT INTO recorder_run (started_ms, version, source) VALUES (?, ?, ?)");
  insert.bind(1, now_ms);
  insert.bind(2, std::string(version()));
  insert.bind(3, std::string(source));
  insert.exec();
  m_run_id = m_db.getLastInsertRowid();
}

void Store::end_run(std::int64_t now_ms) {
  check_still_ours();
  if (m_run_id == 0) {
    return;
  }
  SQLite::Statement update(m_db, "UPDATE recorder_run SET stopped_ms = ? WHERE id = ?");
  update.bind(1, now_ms);
  update.bind(2, m_run_id);
  update.exec();
}

std::int64_t Store::interface_id(const std::string& name, std::int64_t now_ms) {
  if (auto found = m_interface_ids.find(name); found != m_interface_ids.end()) {
    return found->second;
  }
  SQLite::Statement upsert(m_db, R"sql(
    INSERT INTO interface (name, first_seen_ms, last_seen_ms) VALUES (?1, ?2, ?2)
    ON CONFLICT (name) DO UPDATE SET last_seen_ms = max(last_seen_ms, excluded.last_seen_ms)
    RETURNING id)sql");
  upsert.bind(1, name);
  upsert.bind(2, now_ms);
  upsert.executeStep();
  const std::int64_t id = upsert.getColumn(0).getInt64();
  m_interface_ids.emplace(name, id);
  return id;
}

void Store::write_buckets(SQLite::Statement& upsert, const BucketMap& buckets,
                          std::int64_t now_ms) {
  for (const auto& [key, totals] : buckets) {
    upsert.reset();
    upsert.bind(1, interface_id(key.first, now_ms));
    upsert.bind(2, key.second);
    upsert.bind(3, as_stored(totals.rx_bytes));
    upsert.bind(4, as_stored(totals.tx_bytes));
    upsert.bind(5, as_stored(totals.rx_packets));
    upsert.bind(6, as_stored(totals.tx_packets));
    upsert.bind(7, totals.rx_peak_rate);
    if (totals.rx_peak_rate > 0.0) {
      upsert.bind(8, totals.rx_peak_at_ms);
    } else {
      upsert.bind(8);
    }
    upsert.bind(9, totals.tx_peak_rate);
    if (totals.tx_peak_rate > 0.0) {
      upsert.bind(10, totals.tx_peak_at_ms);
    } else {
      upsert.bind(10);
    }
    upsert.bind(11, totals.covered_ms);
    upsert.exec();
  }
}

void Store::flush(const SampleBuffer& buffer, const std::vector<CounterState>& state,
                  std::optional<std::int64_t> accounted_until_ms,
                  const std::vector<InterfaceCounters>& present, std::int64_t now_ms,
                  const Retention& retention) {
  check_still_ours();
  if (m_interface_ids.size() > k_max_cached_interface_ids) {
    m_interface_ids.clear();
  }
  // Cached ids of interfaces created inside a transaction that fails must not
  // outlive it.
  const auto known_ids = m_interface_ids;
  try {
    SQLite::Transaction transaction(m_db);

    SQLite::Statement seen(m_db, R"sql(
      INSERT INTO interface (name, ifindex, kind, first_seen_ms, last_seen_ms)
      VALUES (?1, ?2, ?3, ?4, ?4)
      ON CONFLICT (name) DO UPDATE SET ifindex = excluded.ifindex, kind = excluded.kind,
        last_seen_ms = excluded.last_seen_ms)sql");
    for (const InterfaceCounters& counters : present) {
      seen.reset();
      seen.bind(1, counters.name);
      seen.bind(2, counters.ifindex);
      seen.bind(3, counters.kind);
      seen.bind(4, now_ms);
      seen.exec();
    }

    SQLite::Statement insert(m_db, R"sql(
      INSERT INTO sample (interface_id, start_ms, end_ms, rx_bytes, tx_bytes, rx_packets,
                          tx_packets, flags)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?))sql");
    for (const Delta& sample : buffer.samples()) {
      insert.reset();
      insert.bind(1, interface_id(sample.interface, now_ms));
      insert.bind(2, sample.start_ms);
      insert.bind(3, sample.end_ms);
      insert.bind(4, as_stored(sample.rx_bytes));
      insert.bind(5, as_stored(sample.tx_bytes));
      insert.bind(6, as_stored(sample.rx_packets));
      insert.bind(7, as_stored(sample.tx_packets));
      insert.bind(8, static_cast<std::int64_t>(sample.flags));
      insert.exec();
    }

    for (const char* table : {"bucket_5min", "bucket_hour"}) {
      SQLite::Statement upsert(m_db, std::string("INSERT INTO ") + table + R"sql(
          (interface_id, start_ms, rx_bytes, tx_bytes, rx_packets, tx_packets,
           rx_peak_rate, rx_peak_at_ms, tx_peak_rate, tx_peak_at_ms, covered_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (interface_id, start_ms) DO UPDATE SET
          rx_bytes = rx_bytes + excluded.rx_bytes,
          tx_bytes = tx_bytes + excluded.tx_bytes,
          rx_packets = rx_packets + excluded.rx_packets,
          tx_packets = tx_packets + excluded.tx_packets,
          rx_peak_at_ms = CASE WHEN excluded.rx_peak_rate > rx_peak_rate
                               THEN excluded.rx_peak_at_ms ELSE rx_peak_at_ms END,
          rx_peak_rate = max(rx_peak_rate, excluded.rx_peak_rate),
          tx_peak_at_ms = CASE WHEN excluded.tx_peak_rate > tx_peak_rate
                               THEN excluded.tx_peak_at_ms ELSE tx_peak_at_ms END,
          tx_peak_rate = max(tx_peak_rate, excluded.tx_peak_rate),
          covered_ms = covered_ms + excluded.covered_ms)sql");
      write_buckets(upsert, std::string_view(table) == "bucket_5min" ? buffer.five_minutes()
                                                                    : buffer.hours(),
                    now_ms);
    }

    m_db.exec("DELETE FROM counter_state");
    SQLite::Statement save(m_db, R"sql(
      INSERT INTO counter_state (interface_id, ifindex, boot_id, rx_bytes, tx_bytes, rx_packets,
                                 tx_packets, width, unix_ms, boot_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
    for (const CounterState& s : state) {
      save.reset();
      save.bind(1, interface_id(s.interface, now_ms));
      save.bind(2, s.ifindex);
      save.bind(3, s.boot_id);
      save.bind(4, as_stored(s.rx_bytes));
      save.bind(5, as_stored(s.tx_bytes));
      save.bind(6, as_stored(s.rx_packets));
      save.bind(7, as_stored(s.tx_packets));
      save.bind(8, s.width);
      save.bind(9, s.unix_ms);
      if (s.boot_ms) {
        save.bind(10, *s.boot_ms);
      } else {
        save.bind(10);
      }
      save.exec();
    }

    if (accounted_until_ms) {
      SQLite::Statement until(m_db, R"sql(
        INSERT INTO accounted (id, until_ms) VALUES (1, ?)
        ON CONFLICT (id) DO UPDATE SET until_ms = excluded.until_ms)sql");
      until.bind(1, *accounted_until_ms);
      until.exec();
    }

    if (m_run_id != 0) {
      SQLite::Statement run(m_db, "UPDATE recorder_run SET last_flush_ms = ? WHERE id = ?");
      run.bind(1, now_ms);
      run.bind(2, m_run_id);
      run.exec();
    }

    // Range deletes on each interface's primary key: the work is proportional
    // to the rows that expire, never a scan of the table.
    std::vector<std::int64_t> ids;
    for (SQLite::Statement all(m_db, "SELECT id FROM interface"); all.executeStep();) {
      ids.push_back(all.getColumn(0).getInt64());
    }
    SQLite::Statement expire_samples(
        m_db, "DELETE FROM sample WHERE interface_id = ?1 AND start_ms < ?2 AND end_ms <= ?2");
    SQLite::Statement expire_buckets(
        m_db, "DELETE FROM bucket_5min WHERE interface_id = ? AND start_ms <= ?");
    for (const std::int64_t id : ids) {
      if (retention.samples_ms > 0) {
        expire_samples.reset();
        expire_samples.bind(1, id);
        expire_samples.bind(2, now_ms - retention.samples_ms);
        expire_samples.exec();
      }
      if (retention.five_minutes_ms > 0) {
        expire_buckets.reset();
        expire_buckets.bind(1, id);
        expire_buckets.bind(2, now_ms - retention.five_minutes_ms - k_five_minutes_ms);
        expire_buckets.exec();
      }
    }
    transaction.commit();
  } catch (...) {
    m_interface_ids = known_ids;
    throw;
  }
}

} // namespace octolog

#include "octolog/store.hpp"

#include "octolog/civil_time.hpp"
#include "octolog/day_top.hpp"
#include "octolog/error.hpp"
#include "octolog/hour_profile.hpp"
#include "octolog/version.hpp"

#include "bucket_expiry.hpp"
#include "bucket_rows.hpp"
#include "day_rollup.hpp"
#include "file_identity.hpp"
#include "minute_samples.hpp"
#include "month_rollup.hpp"
#include "raw_statement.hpp"
#include "schema.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <system_error>
#include <utility>

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
             : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX;
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
    if (objects == 0) {
      // Small pages for a new database: a flush changes a few rows in each
      // of a dozen pages, and every changed page is written whole to the WAL
      // (and counted whole by the kernel). 1 KiB pages halve the bytes
      // written per flush against 4 KiB; the file grows by 0.5 % and reads
      // take the same time. An existing database keeps its page size.
      m_db.exec("PRAGMA page_size = 1024");
    }
    m_db.exec("PRAGMA journal_mode = WAL");
    m_db.exec("PRAGMA synchronous = NORMAL");
    const auto& steps = schema::migrations();
    for (auto v = static_cast<std::size_t>(version); v < steps.size(); ++v) {
      SQLite::Transaction transaction(m_db);
      m_db.exec(std::string(steps[v].sql));
      if (steps[v].then != nullptr) {
        steps[v].then(m_db);
      }
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

void Store::map_for_reading(bool mapped) {
  m_db.exec(mapped ? "PRAGMA mmap_size = 1073741824" : "PRAGMA mmap_size = 0");
}

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
  // A month whose row a change to one of its days deleted (by hand, say),
  // which no flush would build again unless it is the month just over.
  SQLite::Transaction transaction(m_db);
  MonthRollup(m_db).build_missing(now_ms);
  transaction.commit();
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

// The statements of a flush, prepared once: preparing them is most of the
// cost of a small flush. Each use starts with tryReset(), not reset(): a
// statement that failed in an earlier flush (a full disk) would throw that
// old error again from reset().
struct Store::Statements {
  explicit Statements(SQLite::Database& db)
      : seen(db, R"sql(
          INSERT INTO interface (name, ifindex, kind, first_seen_ms, last_seen_ms)
          VALUES (?1, ?2, ?3, ?4, ?4)
          ON CONFLICT (name) DO UPDATE SET ifindex = excluded.ifindex, kind = excluded.kind,
            last_seen_ms = excluded.last_seen_ms)sql"),
        new_interface(db, R"sql(
          INSERT INTO interface (name, first_seen_ms, last_seen_ms) VALUES (?1, ?2, ?2)
          ON CONFLICT (name) DO UPDATE SET last_seen_ms = max(last_seen_ms, excluded.last_seen_ms)
          RETURNING id)sql"),
        samples(db),
        five_minutes(db, bucket_upsert("bucket_5min", k_five_minutes_ms, "")),
        hour(db, bucket_upsert("bucket_hour", k_hour_ms, " WHERE profile IS NULL")),
        late_hour(db, bucket_upsert("bucket_hour", k_hour_ms, "")),
        stored_profile(db, "SELECT profile FROM bucket_hour WHERE key = ?"),
        store_profile(db, "UPDATE bucket_hour SET profile = ? WHERE key = ?"),
        clear_state(db, "DELETE FROM counter_state"),
        save_state(db, R"sql(
          INSERT INTO counter_state (interface_id, ifindex, boot_id, rx_bytes, tx_bytes,
                                     rx_packets, tx_packets, width, unix_ms, boot_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"),
        run(db, "UPDATE recorder_run SET last_flush_ms = ? WHERE id = ?"),
        // Range deletes on each interface's keys: the work is proportional to
        // the rows that expire, never a scan of the table.
        expire_buckets(db),
        all_ids(db, "SELECT id FROM interface"),
        first_seen(db, "UPDATE interface SET first_seen_ms = min(first_seen_ms, ?2) WHERE id = ?1"),
        days(db), months(db) {}

  // An upsert that adds to a stored row only where `where` (an SQL WHERE
  // clause on it, or nothing) holds. A new hour has no profile.
  static std::string bucket_upsert(const char* table, std::int64_t length_ms, const char* where) {
    const std::string length = std::to_string(length_ms);
    return std::string("INSERT INTO ") + table + R"sql(
        (key, rx_bytes, tx_bytes, rx_packets, tx_packets,
         rx_peak_rate, rx_peak_offset_ms, tx_peak_rate, tx_peak_offset_ms, uncovered_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET
        rx_bytes = rx_bytes + excluded.rx_bytes,
        tx_bytes = tx_bytes + excluded.tx_bytes,
        rx_packets = rx_packets + excluded.rx_packets,
        tx_packets = tx_packets + excluded.tx_packets,
        rx_peak_offset_ms = CASE WHEN excluded.rx_peak_rate > rx_peak_rate
                                 THEN excluded.rx_peak_offset_ms ELSE rx_peak_offset_ms END,
        rx_peak_rate = max(rx_peak_rate, excluded.rx_peak_rate),
        tx_peak_offset_ms = CASE WHEN excluded.tx_peak_rate > tx_peak_rate
                                 THEN excluded.tx_peak_offset_ms ELSE tx_peak_offset_ms END,
        tx_peak_rate = max(tx_peak_rate, excluded.tx_peak_rate),
        uncovered_ms = uncovered_ms + excluded.uncovered_ms - )sql" +
           length + where;
  }

  SQLite::Statement seen;
  SQLite::Statement new_interface;
  MinuteSamples samples;
  RawStatement five_minutes;
  RawStatement hour;
  RawStatement late_hour;
  RawStatement stored_profile;
  RawStatement store_profile;
  SQLite::Statement clear_state;
  SQLite::Statement save_state;
  SQLite::Statement run;
  BucketExpiry expire_buckets;
  SQLite::Statement all_ids;
  RawStatement first_seen;
  DayRollup days;
  MonthRollup months;
};

Store::Statements& Store::statements() {
  if (!m_statements) {
    m_statements = std::make_unique<Statements>(m_db);
  }
  return *m_statements;
}

std::int64_t Store::interface_id(const std::string& name, std::int64_t now_ms) {
  if (auto found = m_interface_ids.find(name); found != m_interface_ids.end()) {
    return found->second;
  }
  SQLite::Statement& upsert = statements().new_interface;
  upsert.tryReset(); // a failed flush may have left it unfinished
  upsert.bind(1, name);
  upsert.bind(2, now_ms);
  upsert.executeStep();
  const std::int64_t id = upsert.getColumn(0).getInt64();
  upsert.tryReset();
  if (id >= (std::int64_t{1} << (62 - k_row_key_shift))) {
    throw SQLite::Exception("too many interfaces for the row keys (id " + std::to_string(id) + ")");
  }
  m_interface_ids.emplace(name, id);
  return id;
}

namespace {

// A row's key; throws (the flush is rolled back and retried) for a time
// outside what the keys hold, which only a badly wrong clock produces.
std::int64_t checked_key(std::int64_t interface_id, std::int64_t start_ms) {
  if (start_ms < 0 || start_ms >= k_row_key_time_limit) {
    throw SQLite::Exception("time " + std::to_string(start_ms) +
                            " ms is outside 1970..2109, which the database holds");
  }
  return row_key(interface_id, start_ms);
}

// What the 5-minute buckets of `five_minutes` add to the profile of
// `interface`'s hour that starts at `hour_ms`.
HourProfile profile_delta(const BucketMap& five_minutes, const std::string& interface,
                          std::int64_t hour_ms) {
  HourProfile delta;
  for (auto five = five_minutes.lower_bound(BucketKey{interface, hour_ms});
       five != five_minutes.end() && five->first.first == interface &&
       five->first.second < hour_ms + k_hour_ms;
       ++five) {
    delta.add(hour_ms, five->first.second, five->second);
  }
  return delta;
}

} // namespace

void Store::write_buckets(RawStatement& upsert, const BucketMap& buckets,
                          std::int64_t length_ms, std::int64_t now_ms) {
  for (const auto& [key, totals] : buckets) {
    const std::int64_t row = checked_key(interface_id(key.first, now_ms), key.second);
    bind_bucket_row(upsert, row, key.second, length_ms, totals);
    upsert.run();
  }
}

void Store::write_hours(const SampleBuffer& buffer, std::int64_t now_ms) {
  Statements& st = statements();
  for (const auto& [key, totals] : buffer.hours()) {
    const std::int64_t row = checked_key(interface_id(key.first, now_ms), key.second);
    bind_bucket_row(st.hour, row, key.second, k_hour_ms, totals);
    st.hour.run();
    // An hour is written without a profile while its 5-minute buckets are
    // kept (they give it), and the upsert leaves alone one that has its
    // profile already, its buckets expired. Traffic that reaches such an
    // hour so late (a coarse sample after a stop longer than the retention,
    // readings held longer than it while the database could not be written)
    // is rare: it goes into the hour, and its parts into the profile.
    if (st.hour.changes() == 0) {
      bind_bucket_row(st.late_hour, row, key.second, k_hour_ms, totals);
      st.late_hour.run();
      add_to_profile(row, profile_delta(buffer.five_minutes(), key.first, key.second));
    }
  }
}

void Store::add_to_profile(std::int64_t row, const HourProfile& delta) {
  Statements& st = statements();
  st.stored_profile.reset();
  st.stored_profile.bind(1, row);
  // One that does not decode stays as it is: a report reads the hour's
  // buckets instead.
  std::optional<HourProfile> profile =
      st.stored_profile.step() ? decode_profile(st.stored_profile.blob(0)) : std::nullopt;
  st.stored_profile.reset();
  if (profile) {
    profile->add(delta);
    st.store_profile.bind(1, encode_profile(*profile));
    st.store_profile.bind(2, row);
    st.store_profile.run();
  }
}

void Store::flush(const SampleBuffer& buffer, const std::vector<CounterState>& state,
                  std::optional<std::int64_t> accounted_until_ms,
                  const std::vector<InterfaceCounters>& present, std::int64_t now_ms,
                  const Retention& retention) {
  check_still_ours();
  Statements& st = statements();
  if (m_interface_ids.size() > k_max_cached_interface_ids) {
    m_interface_ids.clear();
  }
  // Cached ids of interfaces created inside a transaction that fails must not
  // outlive it.
  const auto known_ids = m_interface_ids;
  // Samples that this flush's retention deletes are not written in the first
  // place (a replay of a long trace writes most of them only to delete
  // them): the result is the same.
  constexpr std::int64_t k_never = std::numeric_limits<std::int64_t>::min();
  const std::int64_t samples_cutoff =
      retention.samples_ms > 0 ? now_ms - retention.samples_ms : k_never;
  // 5-minute buckets expire by whole hours: those of the hours that ended
  // at least the retention ago (see BucketExpiry).
  const std::int64_t buckets_before =
      retention.five_minutes_ms > 0 ? floor_to(now_ms - retention.five_minutes_ms, k_hour_ms) : 0;
  try {
    SQLite::Transaction transaction(m_db);

    for (const InterfaceCounters& counters : present) {
      st.seen.tryReset();
      st.seen.bind(1, counters.name);
      st.seen.bind(2, counters.ifindex);
      st.seen.bind(3, counters.kind);
      st.seen.bind(4, now_ms);
      st.seen.exec();
    }

    // Each interface's samples in time order.
    std::map<std::int64_t, std::vector<ChunkSample>> samples;
    for (const Delta& delta : buffer.samples()) {
      if (delta.start_ms < samples_cutoff && delta.end_ms <= samples_cutoff) {
        continue;
      }
      const std::int64_t id = interface_id(delta.interface, now_ms);
      static_cast<void>(checked_key(id, delta.start_ms)); // throws for a time keys cannot hold
      samples[id].push_back(
          ChunkSample{delta.start_ms, delta.end_ms, delta.rx_bytes, delta.tx_bytes,
                      delta.rx_packets, delta.tx_packets, delta.flags});
    }
    for (auto& [id, of_interface] : samples) {
      std::sort(of_interface.begin(), of_interface.end(),
                [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
      st.samples.write(id, of_interface);
    }

    // Every bucket, also those that this flush's retention deletes: their
    // expiry below stores their hours' profiles from them.
    write_buckets(st.five_minutes, buffer.five_minutes(), k_five_minutes_ms, now_ms);
    write_hours(buffer, now_ms);
    // An interface was first seen where its first 5-minute bucket begins,
    // not when that bucket was first flushed (a replay flushes when its
    // buffer fills, a recorder every few minutes). The map is in (name,
    // start) order: an interface's first entry is its earliest.
    std::map<std::string_view, std::int64_t> first_starts;
    for (const auto& [key, totals] : buffer.five_minutes()) {
      first_starts.try_emplace(key.first, key.second);
    }
    for (const auto& [name, start_ms] : first_starts) {
      st.first_seen.bind(1, interface_id(std::string(name), now_ms));
      st.first_seen.bind(2, start_ms);
      st.first_seen.run();
    }

    // Each UTC day an hour was written to, again from its hours.
    std::set<std::pair<std::int64_t, std::int64_t>> days;
    for (const auto& [key, totals] : buffer.hours()) {
      days.emplace(interface_id(key.first, now_ms), key.second - key.second % k_day_ms);
    }
    std::set<std::pair<std::int64_t, std::int64_t>> months;
    for (const auto& [id, day_start_ms] : days) {
      st.days.rebuild(id, day_start_ms);
      months.emplace(id, utc_month_start(day_start_ms));
    }
    // The month of the flush goes on: its top waits until it is over.
    const std::int64_t this_month = utc_month_start(now_ms);
    for (const auto& [id, month_start_ms] : months) {
      if (month_start_ms != this_month) {
        st.months.rebuild(id, month_start_ms);
      }
    }

    st.clear_state.tryReset();
    st.clear_state.exec();
    for (const CounterState& s : state) {
      SQLite::Statement& save = st.save_state;
      save.tryReset();
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
      st.run.tryReset();
      st.run.bind(1, now_ms);
      st.run.bind(2, m_run_id);
      st.run.exec();
    }

    // Every interface the database knows (the cache above holds only those
    // recorded lately).
    std::vector<std::int64_t> ids;
    for (st.all_ids.tryReset(); st.all_ids.executeStep();) {
      ids.push_back(st.all_ids.getColumn(0).getInt64());
    }
    const std::int64_t last_month = utc_month_start(this_month - 1);
    for (const std::int64_t id : ids) {
      // The month just over gets its top, or a new one where its days have
      // changed since the top was built.
      st.months.refresh(id, last_month);
      if (samples_cutoff > 0) {
        st.samples.expire(id, samples_cutoff);
      }
      if (buckets_before > 0) {
        st.expire_buckets.expire(id, std::min(buckets_before, k_row_key_time_limit));
      }
    }
    transaction.commit();
  } catch (...) {
    m_interface_ids = known_ids;
    throw;
  }
}

} // namespace octolog

#include "recorder.hpp"

#include "octolog/clock.hpp"
#include "octolog/database_lock.hpp"
#include "octolog/error.hpp"
#include "octolog/trace.hpp"

#include <SQLiteCpp/Exception.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>

namespace octolog::recorder {
namespace {

// A replay writes batches of tens of thousands of rows. SQLite checkpoints
// the write-ahead log into the database file once the log passes 1000 pages,
// which then happens at nearly every commit: the same pages are copied and
// synced again and again. This connection lets the log grow to about 64 MiB
// first. Safe for any database: commits and syncs stay as they are
// (synchronous = NORMAL), and closing the store checkpoints the rest.
void checkpoint_less_often(SQLite::Database& db) {
  constexpr std::int64_t k_log_bytes = std::int64_t{64} << 20;
  const std::int64_t page_size = db.execAndGet("PRAGMA page_size").getInt64();
  db.exec("PRAGMA wal_autocheckpoint = " + std::to_string(k_log_bytes / page_size));
}

} // namespace

Recorder::Recorder(const Options& options, Store& store)
    : m_options(options), m_store(store), m_filter(options.include, options.exclude),
      m_accountant(AccountantOptions{std::int64_t{options.interval_s} * 1000, options.max_rate}),
      m_buffer(options.max_buffered_rows) {
  m_accountant.restore(m_store.load_state(), m_store.load_accounted_until());
}

bool Recorder::record(const Snapshot& snapshot) {
  if (m_buffer.full()) {
    if (!m_holding) {
      spdlog::warn("{} readings fill the buffer ({} rows): accounting paused until {} can be "
                   "written; the traffic meanwhile will be one coarse sample per interface, "
                   "as after a restart",
                   m_buffer.deltas_added(), m_buffer.rows(), m_options.db.string());
      m_holding = true;
    }
    return false;
  }
  m_selected.unix_ms = snapshot.unix_ms;
  m_selected.boot_ms = snapshot.boot_ms;
  m_selected.boot_id = snapshot.boot_id;
  m_selected.interfaces.clear();
  m_ignored.clear();
  for (const InterfaceCounters& counters : snapshot.interfaces) {
    if (m_filter.accepts(counters.name)) {
      m_selected.interfaces.push_back(counters);
    } else if (counters.ifindex > 0) {
      m_ignored.push_back(counters.ifindex);
    }
  }
  const bool unchanged = m_selected.interfaces == m_present;
  if (const auto until = m_accountant.accounted_until_ms(); until && snapshot.unix_ms <= *until) {
    ++m_snapshots_behind;
  }
  m_deltas.clear();
  m_events.clear();
  m_accountant.step(m_selected, m_deltas, m_events);
  for (const Delta& delta : m_deltas) {
    m_buffer.add(delta);
  }
  if (m_buffer.merged() != 0 && !m_merging) {
    spdlog::warn("the buffer passed {} rows: merging the oldest samples into one per interface "
                 "and 5-minute bucket (bytes kept, only their resolution is lost)",
                 m_buffer.max_rows());
    m_merging = true;
  }
  for (const AccountingEvent& event : m_events) {
    if (event.kind == AccountingEvent::Kind::first_seen) {
      m_unsaved_baselines = true;
    }
    log(event);
  }
  m_present.swap(m_selected.interfaces);
  ++m_snapshots;
  return unchanged;
}

bool Recorder::unchanged(const Snapshot& snapshot) const {
  auto recorded = m_present.begin();
  for (const InterfaceCounters& counters : snapshot.interfaces) {
    if (!m_filter.accepts(counters.name)) {
      continue;
    }
    if (recorded == m_present.end() || !(*recorded == counters)) {
      return false;
    }
    ++recorded;
  }
  return recorded == m_present.end();
}

bool Recorder::flush(std::int64_t now_ms) {
  if (m_buffer.empty() && m_present.empty()) {
    return true;
  }
  try {
    m_store.flush(m_buffer, m_accountant.state(), m_accountant.accounted_until_ms(), m_present,
                  now_ms, m_options.retention);
  } catch (const SQLite::Exception& e) {
    if (!m_flush_failing) {
      spdlog::error("cannot write to {}: {}; keeping readings in memory (up to {} rows) and "
                    "retrying every {} s",
                    m_options.db.string(), e.what(), m_buffer.max_rows(),
                    m_options.flush_interval_s);
      m_flush_failing = true;
    }
    return false;
  }
  if (m_flush_failing) {
    spdlog::info("writing to {} works again: wrote {} buffered readings", m_options.db.string(),
                 m_buffer.deltas_added());
    m_flush_failing = false;
  }
  m_buffer.clear();
  m_unsaved_baselines = false;
  m_merging = false;
  m_holding = false;
  return true;
}

bool Recorder::wants_replay_flush(std::int64_t now_ms) {
  if (!wants_flush()) {
    return false;
  }
  if (m_options.retention.samples_ms <= 0) {
    return true;
  }
  const std::size_t dropped =
      m_buffer.drop_samples_ending_by(now_ms - m_options.retention.samples_ms);
  // Scanning the buffer pays only when it frees an eighth of it; else write.
  return dropped * 8 < m_buffer.max_rows() || wants_flush();
}

std::optional<FlushBatch> Recorder::take_batch(std::int64_t now_ms) {
  if (m_buffer.empty() && m_present.empty()) {
    return std::nullopt;
  }
  FlushBatch batch{std::move(m_buffer), m_accountant.state(), m_accountant.accounted_until_ms(),
                   m_present, now_ms};
  m_unsaved_baselines = false;
  m_merging = false;
  m_holding = false;
  return batch;
}

void Recorder::log(const AccountingEvent& event) {
  using Kind = AccountingEvent::Kind;
  const std::string detail = event.detail.empty() ? "" : ": " + event.detail;
  switch (event.kind) {
  case Kind::first_seen:
    // The interfaces of the first snapshot are named in the start-up line.
    if (m_snapshots == 0) {
      spdlog::debug("{}: {}", event.interface, to_string(event.kind));
    } else {
      spdlog::info("{}: {}", event.interface, to_string(event.kind));
    }
    break;
  case Kind::gap:
    // A replay counts them for its summary: a trace sampled more coarsely
    // than the interval (a history) is one gap after another.
    if (m_options.replay) {
      ++m_gaps;
      spdlog::debug("{}: {}{}", event.interface, to_string(event.kind), detail);
    } else {
      spdlog::info("{}: {}{}", event.interface, to_string(event.kind), detail);
    }
    break;
  case Kind::vanished:
  case Kind::reboot:
  case Kind::wrap:
    spdlog::info("{}: {}{}", event.interface, to_string(event.kind), detail);
    break;
  case Kind::clock_back:
    // A replay summarises what it skipped; live, the clock really stepped.
    if (m_options.replay) {
      spdlog::debug("{}: {}{}", event.interface, to_string(event.kind), detail);
    } else {
      spdlog::warn("{}: {}{}", event.interface, to_string(event.kind), detail);
    }
    break;
  case Kind::reset:
  case Kind::recreated:
  case Kind::over_maximum:
  case Kind::clock_forward:
    spdlog::warn("{}: {}{}", event.interface, to_string(event.kind), detail);
    break;
  }
}

int run_replay(const Options& options) {
  DatabaseLock lock(options.db);
  Store store(options.db, Store::Access::read_write);
  std::ifstream in(*options.replay, std::ios::binary);
  if (!in) {
    throw Error("cannot open trace " + options.replay->string());
  }
  TraceReader reader(in, options.replay->string());
  checkpoint_less_often(store.database());
  Recorder recorder(options, store);
  store.begin_run(now_unix_ms(), "replay:" + options.replay->string());

  const auto started = std::chrono::steady_clock::now();
  std::int64_t last_ms = 0;
  std::uint64_t snapshots = 0;
  // Reading and accounting here, writing on the writer's thread. Written in
  // batches as large as the buffer allows, not every flush interval: the
  // readings are in the trace, so a crash loses no traffic, only work that
  // the next replay redoes (what the database holds already is skipped).
  BatchWriter writer(store, options.retention, options.db);
  while (std::optional<Snapshot> snapshot = reader.next()) {
    recorder.record(*snapshot);
    ++snapshots;
    last_ms = snapshot->unix_ms;
    if (recorder.wants_replay_flush(last_ms)) {
      if (std::optional<FlushBatch> batch = recorder.take_batch(last_ms)) {
        writer.write(std::move(*batch));
      }
    }
  }
  if (std::optional<FlushBatch> batch = recorder.take_batch(last_ms)) {
    writer.write(std::move(*batch));
  }
  writer.finish();
  store.end_run(now_unix_ms());
  if (recorder.gaps() != 0) {
    spdlog::info("counted {} gaps (readings further apart than the {} s interval) as one sample "
                 "each; --log-level debug lists them",
                 recorder.gaps(), options.interval_s);
  }
  if (recorder.snapshots_behind() != 0) {
    spdlog::info("skipped {} snapshots the database already held (at or before the latest "
                 "time recorded): nothing was counted twice",
                 recorder.snapshots_behind());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("replayed {} readings in {} snapshots from {} in {:.3f} s ({:.0f} readings/s)",
               reader.readings_read(), snapshots, options.replay->string(), seconds,
               static_cast<double>(reader.readings_read()) / std::max(seconds, 1e-9));
  return 0;
}

} // namespace octolog::recorder

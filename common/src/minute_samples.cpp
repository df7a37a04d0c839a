#include "minute_samples.hpp"

#include "octolog/error.hpp"
#include "octolog/sample_buffer.hpp"
#include "octolog/store.hpp"

#include <algorithm>
#include <string>

namespace octolog {
namespace {

// Records of a chunk at most: four rows then fill a 1 KiB page (each adds 25
// bytes of key, header, layout and cell pointer; a page has 8 of its own).
// A minute of a busy link takes two or three chunks.
constexpr std::size_t k_chunk_bytes = 228;

std::string minute_text(std::int64_t interface_id, std::int64_t minute_ms) {
  return "interface " + std::to_string(interface_id) + ", minute from " +
         std::to_string(minute_ms) + " ms";
}

} // namespace

MinuteSamples::MinuteSamples(SQLite::Database& db)
    : m_read(db, "SELECT key, layout, samples FROM sample_minute WHERE key >= ? AND key < ? ORDER BY key"),
      m_remove(db, "DELETE FROM sample_minute WHERE key >= ? AND key < ?"),
      m_insert(db, "INSERT OR REPLACE INTO sample_minute (key, span_ms, layout, samples) VALUES (?, ?, ?, ?)"),
      // Range deletes on each interface's keys: the work is proportional to
      // the rows that expire, never a scan of the table.
      m_remove_ended(db, R"sql(
        DELETE FROM sample_minute
        WHERE key >= ?1 AND key < ?2 AND key + coalesce(span_ms, 60000) <= ?2)sql"),
      m_straddling(db, "SELECT key, layout, samples FROM sample_minute WHERE key >= ? AND key < ?") {}

bool MinuteSamples::read_minute(std::int64_t interface_id, std::int64_t minute_ms,
                                std::vector<ChunkSample>& out) {
  m_read.bind(1, row_key(interface_id, minute_ms));
  m_read.bind(2, row_key(interface_id, minute_ms + k_minute_ms));
  bool any = false;
  while (m_read.step()) {
    any = true;
    if (!decode_chunk(minute_ms, m_read.integer(1), m_read.blob(2), out)) {
      m_read.reset();
      throw Error("the database is damaged: the samples of " +
                  minute_text(interface_id, minute_ms) + " do not decode");
    }
  }
  m_read.reset();
  return any;
}

void MinuteSamples::put_chunk(std::int64_t interface_id, std::int64_t key, std::int64_t minute_ms,
                              std::span<const ChunkSample> samples) {
  std::int64_t end_ms = samples.front().end_ms;
  for (const ChunkSample& sample : samples) {
    end_ms = std::max(end_ms, sample.end_ms);
  }
  m_insert.bind(1, key);
  if (const std::int64_t span = row_key(interface_id, end_ms) - key; span != k_minute_ms) {
    m_insert.bind(2, span);
  } else {
    m_insert.bind_null(2);
  }
  const Chunk chunk = encode_chunk(minute_ms, samples);
  m_insert.bind(3, chunk.layout);
  m_insert.bind(4, chunk.records);
  m_insert.run();
}

void MinuteSamples::write_minute(std::int64_t interface_id, std::int64_t minute_ms,
                                 std::span<const ChunkSample> samples) {
  std::int64_t chunk_key = row_key(interface_id, minute_ms);
  while (!samples.empty()) {
    // Chunk n of a minute is keyed n ms after it: it starts with sample n
    // or a later one, so never before its key.
    const std::size_t count = samples_that_fit(minute_ms, samples, k_chunk_bytes);
    put_chunk(interface_id, chunk_key++, minute_ms, samples.first(count));
    samples = samples.subspan(count);
  }
}

void MinuteSamples::write(std::int64_t interface_id, std::span<const ChunkSample> samples) {
  std::vector<ChunkSample> minute;
  for (auto first = samples.begin(); first != samples.end();) {
    const std::int64_t minute_ms = floor_to(first->start_ms, k_minute_ms);
    const auto last = std::find_if(first, samples.end(), [&](const ChunkSample& sample) {
      return sample.start_ms >= minute_ms + k_minute_ms;
    });
    minute.clear();
    if (read_minute(interface_id, minute_ms, minute)) {
      // A flush that ended inside this minute wrote its first samples.
      minute.insert(minute.end(), first, last);
      std::sort(minute.begin(), minute.end(),
                [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
      const auto twin = std::adjacent_find(minute.begin(), minute.end(), [](const auto& a, const auto& b) {
        return a.start_ms == b.start_ms;
      });
      if (twin != minute.end()) {
        throw Error("two samples of " + minute_text(interface_id, minute_ms) + " start at " +
                    std::to_string(twin->start_ms) + " ms");
      }
      m_remove.bind(1, row_key(interface_id, minute_ms));
      m_remove.bind(2, row_key(interface_id, minute_ms + k_minute_ms));
      m_remove.run();
      write_minute(interface_id, minute_ms, minute);
    } else {
      write_minute(interface_id, minute_ms, std::span(first, last));
    }
    first = last;
  }
}

void MinuteSamples::expire(std::int64_t interface_id, std::int64_t cutoff_ms) {
  const std::int64_t first_key = row_key(interface_id, 0);
  const std::int64_t cutoff_key = row_key(interface_id, std::min(cutoff_ms, k_row_key_time_limit));
  m_remove_ended.bind(1, first_key);
  m_remove_ended.bind(2, cutoff_key);
  m_remove_ended.run();

  // What is left before the cutoff is the chunk (or the few) with samples
  // on both sides of it: each keeps its key and loses its ended samples.
  struct Kept {
    std::int64_t key;
    std::vector<ChunkSample> samples;
  };
  std::vector<Kept> straddling;
  m_straddling.bind(1, first_key);
  m_straddling.bind(2, cutoff_key);
  while (m_straddling.step()) {
    Kept& chunk = straddling.emplace_back();
    chunk.key = m_straddling.integer(0);
    const std::int64_t minute_ms = floor_to(chunk.key - first_key, k_minute_ms);
    if (!decode_chunk(minute_ms, m_straddling.integer(1), m_straddling.blob(2), chunk.samples)) {
      m_straddling.reset();
      throw Error("the database is damaged: the samples of " +
                  minute_text(interface_id, minute_ms) + " do not decode");
    }
  }
  m_straddling.reset();
  for (Kept& chunk : straddling) {
    if (std::erase_if(chunk.samples, [&](const ChunkSample& sample) {
          return sample.end_ms <= cutoff_ms;
        }) == 0) {
      continue;
    }
    if (chunk.samples.empty()) {
      m_remove.bind(1, chunk.key);
      m_remove.bind(2, chunk.key + 1);
      m_remove.run();
    } else {
      // Under its own key: a minute's later chunks keep theirs.
      put_chunk(interface_id, chunk.key, floor_to(chunk.key - first_key, k_minute_ms),
                chunk.samples);
    }
  }
}

void MinuteSamples::move_from_rows(SQLite::Database& db) {
  MinuteSamples minutes(db);
  RawStatement rows(db, R"sql(
    SELECT key, coalesce(span_ms, 1000), rx_bytes, tx_bytes, rx_packets, tx_packets, flags
    FROM sample ORDER BY key)sql");
  std::vector<ChunkSample> samples;
  std::int64_t interface_id = -1;
  const auto flush = [&] {
    if (!samples.empty()) {
      minutes.write(interface_id, samples);
      samples.clear();
    }
  };
  while (rows.step()) {
    const std::int64_t key = rows.integer(0);
    const std::int64_t id = key >> k_row_key_shift;
    if (id != interface_id) {
      flush();
      interface_id = id;
    }
    ChunkSample& sample = samples.emplace_back();
    sample.start_ms = key - row_key(id, 0);
    sample.end_ms = sample.start_ms + rows.integer(1);
    sample.rx_bytes = rows.counter(2);
    sample.tx_bytes = rows.counter(3);
    sample.rx_packets = rows.counter(4);
    sample.tx_packets = rows.counter(5);
    sample.flags = static_cast<std::uint32_t>(rows.integer(6));
  }
  flush();
}

} // namespace octolog

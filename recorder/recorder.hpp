#pragma once

#include "batch_writer.hpp"
#include "options.hpp"

#include "octolog/accountant.hpp"
#include "octolog/interface_filter.hpp"
#include "octolog/sample_buffer.hpp"
#include "octolog/snapshot.hpp"
#include "octolog/store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace octolog::recorder {

// Feeds snapshots (live or replayed) through the accountant into the buffer
// and flushes the buffer to the store. Owns no clock and no source, so live
// recording and replay share every step that decides what gets stored.
class Recorder {
public:
  Recorder(const Options& options, Store& store);

  // Accounts one snapshot of every interface the source saw. Returns
  // unchanged(snapshot) as it was before: whether the recorded interfaces
  // read as in the last snapshot accounted.
  bool record(const Snapshot& snapshot);

  // Writes everything buffered in one transaction. On failure (a full disk, a
  // locked file) logs once, keeps the buffer and returns false. While the
  // buffer is full (see SampleBuffer), record() accounts nothing: the next
  // reading after a successful flush counts that time as one coarse sample,
  // from the counters of the last reading accounted.
  bool flush(std::int64_t now_ms);

  // Everything flush() would write, as one batch for a BatchWriter; nullopt
  // when there is nothing. The recorder goes on with an empty buffer, as
  // after a flush that worked: for a replay, which stops when a write fails.
  std::optional<FlushBatch> take_batch(std::int64_t now_ms);

  // Whether the buffer is half full while writing works: worth a flush now.
  [[nodiscard]] bool wants_flush() const {
    return !m_flush_failing && m_buffer.rows() * 2 >= m_buffer.max_rows();
  }

  // wants_flush() for a replay, which writes only then: a half-full buffer
  // first drops the samples that a flush at `now_ms` would not write (ended
  // before the retention of samples), and is written if that freed little.
  // So a long trace buffers days of 5-minute buckets per flush, instead of
  // writing samples only for the next flush to delete them.
  [[nodiscard]] bool wants_replay_flush(std::int64_t now_ms);

  // Whether an interface got a baseline that no flush has saved yet. A live
  // recorder flushes then, so that a crash before its next regular flush
  // cannot make the next start take a later baseline and miss the traffic
  // in between.
  [[nodiscard]] bool has_unsaved_baselines() const {
    return m_unsaved_baselines && !m_flush_failing;
  }
  [[nodiscard]] std::size_t buffered() const { return m_buffer.deltas_added(); }
  // Snapshots at or before the latest one accounted (already recorded, or
  // taken while the wall clock was behind): they counted nothing.
  [[nodiscard]] std::uint64_t snapshots_behind() const { return m_snapshots_behind; }
  // Gaps accounted in a replay, which logs them at debug level only.
  [[nodiscard]] std::uint64_t gaps() const { return m_gaps; }
  [[nodiscard]] const std::vector<InterfaceCounters>& recorded_interfaces() const {
    return m_present;
  }
  // Whether `snapshot` holds the recorded interfaces exactly as the last
  // reading accounted had them (the others are not looked at): after a few
  // such readings the live recorder sleeps until a packet moves.
  [[nodiscard]] bool unchanged(const Snapshot& snapshot) const;
  // The indexes of the interfaces the last reading had and the filter
  // leaves out: their packets need not wake the recorder.
  [[nodiscard]] const std::vector<std::int64_t>& ignored_ifindexes() const { return m_ignored; }

private:
  void log(const AccountingEvent& event);

  const Options& m_options;
  Store& m_store;
  InterfaceFilter m_filter;
  Accountant m_accountant;
  SampleBuffer m_buffer;
  Snapshot m_selected;                     // reused: the snapshot after filtering
  std::vector<InterfaceCounters> m_present; // interfaces of the last snapshot
  std::vector<std::int64_t> m_ignored;      // indexes of the interfaces filtered out
  std::vector<Delta> m_deltas;
  std::vector<AccountingEvent> m_events;
  std::uint64_t m_snapshots = 0;
  std::uint64_t m_snapshots_behind = 0;
  std::uint64_t m_gaps = 0;
  bool m_flush_failing = false;
  bool m_unsaved_baselines = false;
  bool m_merging = false; // logged that samples are being merged
  bool m_holding = false; // logged that the buffer is full
};

// Records live counters until a stop signal; returns the exit code.
int run_live(const Options& options);

// Records a trace file into the database as fast as it can; returns the exit code.
int run_replay(const Options& options);

} // namespace octolog::recorder

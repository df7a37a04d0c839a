#pragma once

#include "bounded_queue.hpp"

#include "octolog/accountant.hpp"
#include "octolog/sample_buffer.hpp"
#include "octolog/snapshot.hpp"
#include "octolog/store.hpp"

#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

namespace octolog::recorder {

// What one flush writes (see Store::flush): the readings accounted since the
// last one, and the state to continue from after them.
struct FlushBatch {
  SampleBuffer buffer;
  std::vector<CounterState> state;
  std::optional<std::int64_t> accounted_until_ms;
  std::vector<InterfaceCounters> present;
  std::int64_t now_ms = 0;
};

// Writes flush batches to a store on a thread of its own, one after another
// in the order given, so that a replay reads and accounts the next readings
// while SQLite writes the last ones: writing is most of a replay's work. The
// store belongs to the writer's thread until finish() returns.
//
// A batch that fails stops the writer: nothing after it is written, and the
// next write() or finish() throws its error. Destroyed without finish() (an
// exception on the way out), the writer still writes what it was given, so
// the database holds what it would have held had every batch been written
// before the next reading was read.
class BatchWriter {
public:
  // Batches that wait while one is written; each holds up to half the
  // recorder's buffer (the recorder hands it over then).
  static constexpr std::size_t k_queued = 1;

  // `db` names the database in errors.
  BatchWriter(Store& store, const Retention& retention, std::filesystem::path db);
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;
  ~BatchWriter();

  // Queues `batch`, waiting while k_queued batches wait already. Throws the
  // error that stopped the writer: Error "cannot write to DB: why" for an
  // SQLite failure, the store's own Error otherwise.
  void write(FlushBatch batch);

  // Returns once every batch given is written; throws like write().
  void finish();

private:
  void run();
  // Lets the thread write what is queued, and waits for it to end.
  void stop();

  Store& m_store;
  const Retention m_retention;
  const std::filesystem::path m_db;
  BoundedQueue<FlushBatch> m_queue{k_queued};
  std::exception_ptr m_failure; // set by the thread before it closes the queue
  std::thread m_thread;         // last: it starts once the members above exist
};

} // namespace octolog::recorder

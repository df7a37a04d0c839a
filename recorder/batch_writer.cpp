#include "batch_writer.hpp"

#include "octolog/error.hpp"

#include <SQLiteCpp/Exception.h>

#include <stdexcept>
#include <utility>

namespace octolog::recorder {

BatchWriter::BatchWriter(Store& store, const Retention& retention, std::filesystem::path db)
    : m_store(store), m_retention(retention), m_db(std::move(db)), m_thread([this] { run(); }) {}

BatchWriter::~BatchWriter() { stop(); }

void BatchWriter::write(FlushBatch batch) {
  if (!m_queue.push(std::move(batch))) {
    finish();
    throw std::logic_error("BatchWriter::write() after finish()");
  }
}

void BatchWriter::finish() {
  stop();
  if (m_failure) {
    std::rethrow_exception(m_failure);
  }
}

void BatchWriter::stop() {
  m_queue.close();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void BatchWriter::run() {
  while (std::optional<FlushBatch> batch = m_queue.pop()) {
    try {
      m_store.flush(batch->buffer, batch->state, batch->accounted_until_ms, batch->present,
                    batch->now_ms, m_retention);
    } catch (const SQLite::Exception& e) {
      m_failure =
          std::make_exception_ptr(Error("cannot write to " + m_db.string() + ": " + e.what()));
    } catch (...) {
      m_failure = std::current_exception(); // handed to the caller of write() or finish()
    }
    if (m_failure) {
      m_queue.close();
      return;
    }
  }
}

} // namespace octolog::recorder

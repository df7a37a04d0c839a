#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace octolog::recorder {

// A first-in, first-out queue between threads that holds at most `capacity`
// items (at least one): a producer that runs ahead waits, so the memory in flight stays
// bounded. Either side may close it: from then on pushes fail and pops hand
// out what is left, then nullopt.
template <typename T> class BoundedQueue {
public:
  explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity == 0 ? 1 : capacity) {}

  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;
  ~BoundedQueue() = default;

  // Appends `item`, waiting while the queue is full. False, and `item`
  // dropped, once the queue is closed.
  bool push(T item) {
    std::unique_lock lock(m_mutex);
    m_not_full.wait(lock, [this] { return m_closed || m_items.size() < m_capacity; });
    if (m_closed) {
      return false;
    }
    m_items.push_back(std::move(item));
    lock.unlock();
    m_not_empty.notify_one();
    return true;
  }

  // The oldest item, waiting while the queue is empty and open; nullopt once
  // it is closed and empty.
  std::optional<T> pop() {
    std::unique_lock lock(m_mutex);
    m_not_empty.wait(lock, [this] { return m_closed || !m_items.empty(); });
    if (m_items.empty()) {
      return std::nullopt;
    }
    std::optional<T> item(std::move(m_items.front()));
    m_items.pop_front();
    lock.unlock();
    m_not_full.notify_one();
    return item;
  }

  // Wakes every waiting push() and pop(); idempotent.
  void close() {
    {
      const std::lock_guard lock(m_mutex);
      m_closed = true;
    }
    m_not_full.notify_all();
    m_not_empty.notify_all();
  }

private:
  const std::size_t m_capacity;
  std::mutex m_mutex;
  std::condition_variable m_not_full;
  std::condition_variable m_not_empty;
  std::deque<T> m_items;
  bool m_closed = false;
};

} // namespace octolog::recorder

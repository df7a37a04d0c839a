#include "bounded_queue.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace octolog::recorder {
namespace {

TEST(BoundedQueue, HandsItemsOutInTheOrderPushed) {
  BoundedQueue<int> queue(3);
  ASSERT_TRUE(queue.push(1));
  ASSERT_TRUE(queue.push(2));
  ASSERT_TRUE(queue.push(3));
  EXPECT_EQ(queue.pop(), 1);
  EXPECT_EQ(queue.pop(), 2);
  EXPECT_EQ(queue.pop(), 3);
}

TEST(BoundedQueue, HandsOutWhatIsLeftAfterCloseThenNothing) {
  BoundedQueue<int> queue(2);
  ASSERT_TRUE(queue.push(7));
  queue.close();
  EXPECT_FALSE(queue.push(8));
  EXPECT_EQ(queue.pop(), 7);
  EXPECT_EQ(queue.pop(), std::nullopt);
  EXPECT_EQ(queue.pop(), std::nullopt);
}

TEST(BoundedQueue, MovesItemsThatCannotBeCopied) {
  BoundedQueue<std::unique_ptr<int>> queue(1);
  ASSERT_TRUE(queue.push(std::make_unique<int>(42)));
  const std::optional<std::unique_ptr<int>> item = queue.pop();
  ASSERT_TRUE(item && *item);
  EXPECT_EQ(**item, 42);
}

// A producer far ahead of its consumer waits for room instead of failing or
// losing items: 1000 items through one slot arrive complete and in order.
TEST(BoundedQueue, PassesEveryItemBetweenThreadsThroughOneSlot) {
  BoundedQueue<int> queue(1);
  constexpr int k_items = 1000;
  std::thread producer([&queue] {
    for (int i = 0; i < k_items; ++i) {
      queue.push(i);
    }
    queue.close();
  });
  std::vector<int> received;
  while (const std::optional<int> item = queue.pop()) {
    received.push_back(*item);
  }
  producer.join();
  ASSERT_EQ(received.size(), static_cast<std::size_t>(k_items));
  for (int i = 0; i < k_items; ++i) {
    EXPECT_EQ(received[static_cast<std::size_t>(i)], i);
  }
}

TEST(BoundedQueue, CloseWakesAProducerWaitingForRoom) {
  BoundedQueue<int> queue(1);
  ASSERT_TRUE(queue.push(1));
  bool pushed = true;
  std::thread producer([&] { pushed = queue.push(2); }); // waits: the slot is taken
  queue.close();
  producer.join();
  EXPECT_FALSE(pushed);
}

TEST(BoundedQueue, CloseWakesAConsumerWaitingForAnItem) {
  BoundedQueue<int> queue(1);
  std::optional<int> item = 0;
  std::thread consumer([&] { item = queue.pop(); }); // waits: nothing queued
  queue.close();
  consumer.join();
  EXPECT_EQ(item, std::nullopt);
}

} // namespace
} // namespace octolog::recorder

#include "octolog/accountant.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace octolog {
namespace {

constexpr std::int64_t k_t0 = 1'780'000'000'000; // 2026-05-28T20:26:40Z

InterfaceCounters eth(std::uint64_t rx, std::uint64_t tx, std::int64_t ifindex = 2,
                      int width = 64) {
  InterfaceCounters counters;
  counters.name = "eth0";
  counters.ifindex = ifindex;
  counters.rx_bytes = rx;
  counters.tx_bytes = tx;
  counters.rx_packets = rx / 100;
  counters.tx_packets = tx / 100;
  counters.width = width;
  return counters;
}

Snapshot at(std::int64_t unix_ms, std::vector<InterfaceCounters> interfaces,
            std::optional<std::int64_t> boot_ms = std::nullopt, std::string boot = "boot-a") {
  return Snapshot{unix_ms, boot_ms, std::move(boot), std::move(interfaces)};
}

struct Stepper {
  Accountant accountant;
  std::vector<Delta> deltas;
  std::vector<AccountingEvent> events;

  std::vector<Delta> step(const Snapshot& snapshot) {
    deltas.clear();
    events.clear();
    accountant.step(snapshot, deltas, events);
    return deltas;
  }

  [[nodiscard]] bool saw(AccountingEvent::Kind kind) const {
    for (const AccountingEvent& event : events) {
      if (event.kind == kind) {
        return true;
      }
    }
    return false;
  }
};

TEST(Accountant, TakesOnlyABaselineAtFirstSight) {
  Stepper s;
  EXPECT_TRUE(s.step(at(k_t0, {eth(5000, 7000)})).empty());
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::first_seen));
}

TEST(Accountant, CountsTheDifferenceBetweenReadings) {
  Stepper s;
  s.step(at(k_t0, {eth(5000, 7000)}));
  const auto deltas = s.step(at(k_t0 + 1000, {eth(6500, 7100)}));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0], (Delta{"eth0", k_t0, k_t0 + 1000, 1500, 100, 15, 1, 0}));
}

TEST(Accountant, TreatsADecreaseOfASixtyFourBitCounterAsAReset) {
  Stepper s;
  s.step(at(k_t0, {eth(900'000, 800'000)}));
  const auto deltas = s.step(at(k_t0 + 1000, {eth(300, 200)}));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0].rx_bytes, 300U);
  EXPECT_EQ(deltas[0].tx_bytes, 200U);
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::reset));
}

TEST(Accountant, CountsAcrossAThirtyTwoBitWrap) {
  Stepper s;
  s.step(at(k_t0, {eth(4'294'967'000, 100, 2, 32)}));
  const auto deltas = s.step(at(k_t0 + 1000, {eth(704, 300, 2, 32)}));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0].rx_bytes, 704U + 4'294'967'296U - 4'294'967'000U); // 1000
  EXPECT_EQ(deltas[0].tx_bytes, 200U);
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::wrap));
}

TEST(Accountant, CountsFromZeroWhenTheIfindexChanges) {
  Stepper s;
  s.step(at(k_t0, {eth(900'000, 800'000, 2)}));
  const auto deltas = s.step(at(k_t0 + 1000, {eth(950'000, 850'000, 7)}));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0].rx_bytes, 950'000U);
  EXPECT_EQ(deltas[0].tx_bytes, 850'000U);
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::recreated));
}

TEST(Accountant, CountsTheWholeCounterAfterAReboot) {
  Stepper s;
  s.step(at(k_t0, {eth(900'000, 800'000)}, 50'000, "boot-a"));
  // Down for an hour; the new boot has been up for 60 s.
  const std::int64_t now = k_t0 + 3'600'000;
  const auto deltas = s.step(at(now, {eth(4000, 3000)}, 60'000, "boot-b"));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0], (Delta{"eth0", now - 60'000, now, 4000, 3000, 40, 30, k_flag_gap}));
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::reboot));
}

TEST(Accountant, RecordsTheRecordersDowntimeAsOneGapDelta) {
  Stepper first;
  first.step(at(k_t0, {eth(1000, 1000)}, 10'000));
  Stepper second;
  second.accountant.restore(first.accountant.state());
  const auto deltas = second.step(at(k_t0 + 600'000, {eth(61'000, 31'000)}, 610'000));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0], (Delta{"eth0", k_t0, k_t0 + 600'000, 60'000, 30'000, 600, 300,
                              k_flag_gap}));
  EXPECT_TRUE(second.saw(AccountingEvent::Kind::gap));
}

TEST(Accountant, DropsADeltaAboveTheConfiguredMaximum) {
  Stepper s{Accountant(AccountantOptions{1000, 1'000'000}), {}, {}};
  s.step(at(k_t0, {eth(0, 0)}));
  EXPECT_TRUE(s.step(at(k_t0 + 1000, {eth(1'000'001, 5)})).empty());
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::over_maximum));
  // The baseline moved on: the next second counts from the dropped reading.
  const auto deltas = s.step(at(k_t0 + 2000, {eth(1'000'101, 5)}));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0].rx_bytes, 100U);
}

TEST(Accountant, DropsADeltaAboveOneAndAHalfTimesTheLinkSpeed) {
  Stepper s;
  InterfaceCounters before = eth(0, 0);
  before.link_speed_bps = 8'000'000; // 1 MB/s, so at most 1.5 MB/s
  InterfaceCounters fast = before;
  fast.rx_bytes = 1'500'001;
  InterfaceCounters ok = before;
  ok.rx_bytes = 1'500'001 + 1'500'000;
  s.step(at(k_t0, {before}));
  EXPECT_TRUE(s.step(at(k_t0 + 1000, {fast})).empty());
  ASSERT_EQ(s.step(at(k_t0 + 2000, {ok})).size(), 1U);
  EXPECT_EQ(s.deltas[0].rx_bytes, 1'500'000U);
}

TEST(Accountant, DefersTrafficWhileTheClockIsBehindTheLastInterval) {
  Stepper s;
  s.step(at(k_t0, {eth(0, 0)}, 1000));
  s.step(at(k_t0 + 1000, {eth(100, 100)}, 2000));
  // The clock steps back an hour: nothing can be placed before k_t0 + 1000.
  EXPECT_TRUE(s.step(at(k_t0 + 1000 - 3'600'000, {eth(200, 200)}, 3000)).empty());
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::clock_back));
  EXPECT_TRUE(s.step(at(k_t0 + 1000, {eth(300, 300)}, 3'602'000)).empty());
  // Once past it, the deferred traffic lands in one delta with no usable rate.
  const auto deltas = s.step(at(k_t0 + 2000, {eth(400, 400)}, 3'603'000));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0], (Delta{"eth0", k_t0 + 1000, k_t0 + 2000, 300, 300, 3, 3,
                              k_flag_compressed}));
}

TEST(Accountant, LeavesTheSkippedTimeUncoveredWhenTheClockJumpsForward) {
  Stepper s;
  s.step(at(k_t0, {eth(0, 0)}, 1000));
  const std::int64_t day = 86'400'000;
  const auto deltas = s.step(at(k_t0 + day + 1000, {eth(500, 700)}, 2000));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0], (Delta{"eth0", k_t0 + day, k_t0 + day + 1000, 500, 700, 5, 7, 0}));
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::clock_forward));
}

TEST(Accountant, IgnoresStampJitterSmallerThanTheInterval) {
  Stepper s;
  s.step(at(k_t0, {eth(0, 0)}, 1000));
  // Read 3 ms late last time, on time now: the boot clock saw 997 ms.
  const auto deltas = s.step(at(k_t0 + 1000, {eth(10, 10)}, 1997));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0].start_ms, k_t0);
  EXPECT_TRUE(s.events.empty());
}

TEST(Accountant, ForgetsAVanishedInterfaceAndBaselinesItsReturn) {
  Stepper s;
  s.step(at(k_t0, {eth(100, 100)}));
  EXPECT_TRUE(s.step(at(k_t0 + 1000, {})).empty());
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::vanished));
  EXPECT_TRUE(s.accountant.state().empty());
  EXPECT_TRUE(s.step(at(k_t0 + 2000, {eth(900, 900, 5)})).empty());
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::first_seen));
}

TEST(Accountant, KeepsEachInterfaceApart) {
  Stepper s;
  InterfaceCounters wlan = eth(50, 60, 3);
  wlan.name = "wlan0";
  s.step(at(k_t0, {eth(0, 0), wlan}));
  wlan.rx_bytes = 150;
  const auto deltas = s.step(at(k_t0 + 1000, {eth(10, 20), wlan}));
  ASSERT_EQ(deltas.size(), 2U);
  EXPECT_EQ(deltas[0].interface, "eth0");
  EXPECT_EQ(deltas[0].rx_bytes, 10U);
  EXPECT_EQ(deltas[1].interface, "wlan0");
  EXPECT_EQ(deltas[1].rx_bytes, 100U);
  EXPECT_EQ(deltas[1].tx_bytes, 0U);
}

TEST(Accountant, SavesTheStateOfTheLastReading) {
  Stepper s;
  s.step(at(k_t0, {eth(100, 200, 4)}, 77));
  const std::vector<CounterState> expected{
      CounterState{"eth0", 4, "boot-a", 100, 200, 1, 2, 64, k_t0, 77}};
  EXPECT_EQ(s.accountant.state(), expected);
}

} // namespace
} // namespace octolog

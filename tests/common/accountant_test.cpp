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

TEST(Accountant, DoubtsANewBootIdWhenTheUptimeSpansTheLastReading) {
  Stepper s;
  s.step(at(k_t0, {eth(900'000, 800'000)}, 86'400'000, "boot@1000"));
  // The id moved (derived from a drifting boot time) but the machine has been
  // up for a day: the same boot, so only the difference counts.
  const auto deltas = s.step(at(k_t0 + 1000, {eth(900'100, 800'050)}, 86'401'000, "boot@4600"));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0], (Delta{"eth0", k_t0, k_t0 + 1000, 100, 50, 1, 0, 0}));
  EXPECT_FALSE(s.saw(AccountingEvent::Kind::reboot));
  EXPECT_EQ(s.accountant.state()[0].boot_id, "boot@4600");
}

TEST(Accountant, RecordsTheRecordersDowntimeAsOneGapDelta) {
  Stepper first;
  first.step(at(k_t0, {eth(1000, 1000)}, 10'000));
  Stepper second;
  second.accountant.restore(first.accountant.state(), first.accountant.accounted_until_ms());
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

// Readings of eth0 and wlan0 over 12 s: wlan0 vanishes at 4 s and returns
// with a new ifindex at 7 s, usb0 appears at 5 s, eth0 is reset at 9 s.
std::vector<Snapshot> eventful_readings() {
  std::vector<Snapshot> readings;
  for (std::int64_t i = 0; i < 12; ++i) {
    std::vector<InterfaceCounters> interfaces{eth(i < 9 ? 1000 * i : 100 * i, 10 * i)};
    if (i < 4 || i >= 7) {
      InterfaceCounters wlan = eth(5000 + 300 * i, 70 * i, i < 4 ? 3 : 8);
      wlan.name = "wlan0";
      interfaces.push_back(wlan);
    }
    if (i >= 5) {
      InterfaceCounters usb = eth(40 * i * i, 4 * i, 6);
      usb.name = "usb0";
      interfaces.push_back(usb);
    }
    readings.push_back(at(k_t0 + 1000 * i, interfaces, 5000 + 1000 * i));
  }
  return readings;
}

TEST(Accountant, CountsNothingTwiceWhenResumedFromAnyStateAndFedEveryReadingAgain) {
  const std::vector<Snapshot> readings = eventful_readings();
  Stepper whole;
  std::vector<Delta> expected;
  std::vector<std::vector<CounterState>> states;
  for (const Snapshot& reading : readings) {
    const auto deltas = whole.step(reading);
    expected.insert(expected.end(), deltas.begin(), deltas.end());
    states.push_back(whole.accountant.state());
  }
  for (std::size_t cut = 0; cut < readings.size(); ++cut) {
    Stepper first;
    std::vector<Delta> got;
    for (std::size_t i = 0; i <= cut; ++i) {
      const auto deltas = first.step(readings[i]);
      got.insert(got.end(), deltas.begin(), deltas.end());
    }
    // A restart that reads the whole trace again (a replay killed and run
    // again) must add exactly what the uninterrupted run added after the cut.
    Stepper resumed;
    resumed.accountant.restore(first.accountant.state(), first.accountant.accounted_until_ms());
    for (const Snapshot& reading : readings) {
      const auto deltas = resumed.step(reading);
      got.insert(got.end(), deltas.begin(), deltas.end());
    }
    EXPECT_EQ(got, expected) << "cut after reading " << cut;
    EXPECT_EQ(resumed.accountant.state(), states.back()) << "cut after reading " << cut;
  }
}

TEST(Accountant, KeepsAnInterfaceMissingFromASnapshotBehindTheLatestOne) {
  Stepper s;
  s.step(at(k_t0, {eth(0, 0)}));
  s.step(at(k_t0 + 1000, {eth(100, 100)}));
  // The clock steps back: eth0 is missing from that reading, but it was there
  // at the latest time accounted, so it is not forgotten.
  EXPECT_TRUE(s.step(at(k_t0 - 5000, {})).empty());
  EXPECT_FALSE(s.saw(AccountingEvent::Kind::vanished));
  const auto deltas = s.step(at(k_t0 + 2000, {eth(250, 300)}));
  ASSERT_EQ(deltas.size(), 1U);
  EXPECT_EQ(deltas[0], (Delta{"eth0", k_t0 + 1000, k_t0 + 2000, 150, 200, 1, 2, 0}));
}

TEST(Accountant, PlacesTheTrafficOfAnInterfaceFirstSeenWhileTheClockIsBackAfterTheLatestTime) {
  Stepper s;
  s.step(at(k_t0, {eth(0, 0)}, 10'000));
  s.step(at(k_t0 + 1000, {eth(0, 0)}, 11'000));
  InterfaceCounters wlan = eth(500, 50, 3);
  wlan.name = "wlan0";
  // An hour back on the wall clock; wlan0 appears and moves 700 bytes.
  EXPECT_TRUE(s.step(at(k_t0 - 3'599'000, {eth(0, 0), wlan}, 12'000)).empty());
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::first_seen));
  wlan.rx_bytes = 1200;
  EXPECT_TRUE(s.step(at(k_t0 - 3'598'000, {eth(0, 0), wlan}, 13'000)).empty());
  wlan.rx_bytes = 1300;
  const auto deltas = s.step(at(k_t0 + 2000, {eth(0, 0), wlan}, 3'613'000));
  ASSERT_EQ(deltas.size(), 2U);
  EXPECT_EQ(deltas[1], (Delta{"wlan0", k_t0 + 1000, k_t0 + 2000, 800, 0, 0, 0,
                              k_flag_compressed}));
}

TEST(Accountant, ForgetsAnInterfaceFirstSeenBehindTheLatestTimeWhenItVanishesBeforeIt) {
  Stepper s;
  s.step(at(k_t0 + 5000, {eth(0, 0)}));
  InterfaceCounters wlan = eth(500, 50, 3);
  wlan.name = "wlan0";
  s.step(at(k_t0, {eth(0, 0), wlan}));
  s.step(at(k_t0 + 1000, {eth(0, 0)}));
  EXPECT_TRUE(s.saw(AccountingEvent::Kind::vanished));
  EXPECT_EQ(s.accountant.state().size(), 1U);
  EXPECT_EQ(s.accountant.accounted_until_ms(), k_t0 + 5000);
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

#include "octolog/traffic_series.hpp"

#include <gtest/gtest.h>

#include <random>

namespace octolog {
namespace {

constexpr std::int64_t k_t0 = 1'780'002'000'000; // an hour edge (UTC)
constexpr std::int64_t k_five = k_five_minutes_ms;
constexpr std::int64_t k_far_future = 4'000'000'000'000;

// A 5-minute slot starting `index` slots after k_t0, fully covered.
Slot five(int index, std::uint64_t rx, std::uint64_t tx, std::int64_t covered_ms = k_five) {
  const std::int64_t start = k_t0 + index * k_five;
  Slot slot{start, start + k_five, {}, std::nullopt, nullptr, nullptr};
  slot.totals.rx_bytes = rx;
  slot.totals.tx_bytes = tx;
  slot.totals.covered_ms = covered_ms;
  return slot;
}

TrafficSeries series_of(std::vector<Slot> slots) {
  const TimeWindow recorded{slots.front().start_ms, slots.back().end_ms};
  return TrafficSeries(std::move(slots), recorded);
}

TEST(NearestRankP95, TakesElementCeilNinetyFivePercentOfN) {
  std::vector<double> values;
  for (int i = 20; i >= 1; --i) {
    values.push_back(i);
  }
  EXPECT_EQ(nearest_rank_p95(values), 19.0); // rank ceil(19.0) = 19
  values.push_back(21.0);
  EXPECT_EQ(nearest_rank_p95(values), 20.0); // n = 21: rank ceil(19.95) = 20
}

TEST(NearestRankP95, IsTheOnlyValueOfOneAndZeroOfNone) {
  EXPECT_EQ(nearest_rank_p95({7.5}), 7.5);
  EXPECT_EQ(nearest_rank_p95({}), 0.0);
}

TEST(NearestRankP95, IsTheNinetyFifthOfAHundred) {
  std::vector<double> values;
  for (int i = 1; i <= 100; ++i) {
    values.push_back(i * 10.0);
  }
  EXPECT_EQ(nearest_rank_p95(values), 950.0);
}

TEST(TrafficSeries, SumsWholeSlotsWithTheirPeaksAndCoverage) {
  Slot first = five(0, 3000, 600);
  first.totals.rx_peak_rate = 900.0;
  first.totals.rx_peak_at_ms = k_t0 + 5000;
  Slot second = five(1, 6000, 0, 150'000);
  second.totals.rx_peak_rate = 1000.0;
  second.totals.rx_peak_at_ms = k_t0 + k_five + 7000;
  const TrafficSeries series = series_of({first, second});
  const Measurement m = series.measure(TimeWindow{k_t0, k_t0 + 2 * k_five}, k_far_future);
  EXPECT_EQ(m.rx_bytes, 9000U);
  EXPECT_EQ(m.tx_bytes, 600U);
  EXPECT_EQ(m.covered_ms, 450'000);
  EXPECT_EQ(m.length_ms, 600'000);
  EXPECT_EQ(m.elapsed_ms, 600'000);
  EXPECT_EQ(m.rx_peak, (Peak{1000.0, k_t0 + k_five + 7000}));
  EXPECT_EQ(m.tx_peak, Peak{});
  EXPECT_EQ(m.rx_average(), 15.0);
  EXPECT_TRUE(m.has_gap());
}

TEST(TrafficSeries, SplitsACutSlotThroughItsSamplesSoThatNeighboursAddUp) {
  Slot slot = five(0, 3001, 0);
  slot.samples = std::vector<SamplePiece>{{k_t0 + 1000, k_t0 + 2000, 1000, 0, true},
                                          {k_t0 + 150'000, k_t0 + 151'000, 1001, 0, true},
                                          {k_t0 + 200'000, k_t0 + 201'000, 1000, 0, true}};
  const TrafficSeries series = series_of({slot});
  const std::int64_t cut = k_t0 + 150'500;
  const Measurement before = series.measure(TimeWindow{k_t0, cut}, k_far_future);
  const Measurement after = series.measure(TimeWindow{cut, k_t0 + k_five}, k_far_future);
  EXPECT_EQ(before.rx_bytes, 1500U); // 1000 + floor(1001 / 2)
  EXPECT_EQ(after.rx_bytes, 1501U);
  EXPECT_EQ(before.covered_ms + after.covered_ms, k_five);
  EXPECT_EQ(before.covered_ms, 150'500);
  EXPECT_EQ(before.rx_peak, (Peak{1001.0, k_t0 + 150'000}));
  EXPECT_EQ(after.rx_peak, (Peak{1001.0, cut}));
}

TEST(TrafficSeries, KeepsTheSlotsOwnPeakWhereItLiesInsideTheCutPart) {
  // A piece of a 1000-byte, 3 s sample split at the slot's start: 667 bytes
  // in 2 s is 333.5 B/s as a piece, 333.33 B/s as the whole sample.
  Slot slot = five(0, 667, 0);
  slot.totals.rx_peak_rate = 1000.0 / 3.0;
  slot.totals.rx_peak_at_ms = k_t0;
  slot.samples = std::vector<SamplePiece>{{k_t0, k_t0 + 2000, 667, 0, true}};
  const TrafficSeries series = series_of({slot});
  EXPECT_EQ(series.measure(TimeWindow{k_t0, k_t0 + 1000}, k_far_future).rx_peak,
            (Peak{1000.0 / 3.0, k_t0}));
  EXPECT_EQ(series.measure(TimeWindow{k_t0 + 1000, k_t0 + k_five}, k_far_future).rx_peak,
            (Peak{333.5, k_t0 + 1000}));
}

TEST(TrafficSeries, SplitsACutSlotWithoutSamplesInProportionToTime) {
  Slot slot = five(0, 1001, 7);
  slot.totals.rx_peak_rate = 50.0;
  slot.totals.rx_peak_at_ms = k_t0 + 10'000;
  const TrafficSeries series = series_of({slot});
  const std::int64_t cut = k_t0 + 100'000;
  const Measurement before = series.measure(TimeWindow{k_t0, cut}, k_far_future);
  const Measurement after = series.measure(TimeWindow{cut, k_t0 + k_five}, k_far_future);
  EXPECT_EQ(before.rx_bytes, 333U);
  EXPECT_EQ(after.rx_bytes, 668U);
  EXPECT_EQ(before.tx_bytes + after.tx_bytes, 7U);
  EXPECT_EQ(before.rx_peak, (Peak{50.0, k_t0 + 10'000}));
  // The slot's peak lies before the cut: after it, the part's own average.
  EXPECT_EQ(after.rx_peak, (Peak{668.0 / 200.0, cut}));
}

TEST(TrafficSeries, TakesTheNinetyFifthPercentileOverCoveredBucketRates) {
  std::vector<Slot> slots;
  for (int i = 0; i < 20; ++i) {
    slots.push_back(five(i, static_cast<std::uint64_t>(i + 1) * 300'000, 0));
  }
  slots.push_back(five(20, 0, 0, 0));                // not covered: does not count
  slots.push_back(five(21, 30'000'000, 0, 150'000)); // 200 kB/s over its half
  const TrafficSeries series = series_of(slots);
  const Measurement m = series.measure(TimeWindow{k_t0, k_t0 + 22 * k_five}, k_far_future);
  // 21 rates: 1000 .. 20000 and 200000; rank ceil(19.95) = 20: 20000.
  EXPECT_EQ(m.rx_p95, 20'000.0);
}

TEST(TrafficSeries, CountsAnHourWithoutBucketsAsTwelveBucketsAtItsRate) {
  Slot hour{k_t0, k_t0 + k_hour_ms, {}, std::nullopt, nullptr, nullptr};
  hour.totals.rx_bytes = 3'600'000;
  hour.totals.covered_ms = k_hour_ms;
  std::vector<Slot> slots{hour};
  for (int i = 12; i < 20; ++i) {
    slots.push_back(five(i, 300'000'000, 0));
  }
  const Measurement m =
      series_of(slots).measure(TimeWindow{k_t0, k_t0 + 20 * k_five}, k_far_future);
  // 12 x 1000 B/s and 8 x 1 MB/s: rank 19 of 20 is 1 MB/s.
  EXPECT_EQ(m.rx_p95, 1'000'000.0);
  EXPECT_EQ(m.rx_bytes, 3'600'000U + 8 * 300'000'000U);
}

TEST(TrafficSeries, AveragesOverTheElapsedPartOfTheWindow) {
  Slot slot = five(0, 60'000, 0);
  slot.samples = std::vector<SamplePiece>{{k_t0 + 30'000, k_t0 + 31'000, 60'000, 0, true}};
  const TrafficSeries series = series_of({slot});
  const Measurement m = series.measure(TimeWindow{k_t0, k_t0 + k_hour_ms}, k_t0 + 60'000);
  EXPECT_EQ(m.elapsed_ms, 60'000);
  EXPECT_EQ(m.rx_average(), 1000.0);
  EXPECT_EQ(m.expected_ms, 60'000);
}

TEST(TrafficSeries, LeavesOutTrafficAfterNow) {
  const TrafficSeries series = series_of({five(0, 3000, 0), five(1, 7000, 0)});
  const Measurement m = series.measure(TimeWindow{k_t0, k_t0 + 2 * k_five}, k_t0 + k_five);
  EXPECT_EQ(m.rx_bytes, 3000U);
  EXPECT_EQ(m.covered_ms, k_five);
  EXPECT_EQ(m.length_ms, 2 * k_five);
  EXPECT_EQ(m.rx_p95, 10.0);
}

TEST(TrafficSeries, ExpectsCoverageOnlyBetweenTheFirstAndLastRecording) {
  const TrafficSeries series(std::vector<Slot>{five(1, 10, 0, 200'000)},
                             TimeWindow{k_t0 + k_five + 100'000, k_t0 + 2 * k_five});
  const Measurement m = series.measure(TimeWindow{k_t0, k_t0 + k_hour_ms}, k_far_future);
  EXPECT_EQ(m.expected_ms, 200'000);
  EXPECT_FALSE(m.has_gap());
}

TEST(TrafficSeries, MeasuresSeveralWindowsAsOne) {
  const TrafficSeries series = series_of({five(0, 10, 0), five(1, 20, 0), five(2, 40, 0)});
  const Measurement m = series.measure(
      {TimeWindow{k_t0 + 2 * k_five, k_t0 + 3 * k_five}, TimeWindow{k_t0, k_t0 + k_five}},
      k_far_future);
  EXPECT_EQ(m.rx_bytes, 50U);
  EXPECT_EQ(m.length_ms, 2 * k_five);
}

TEST(PeakOfSamples, AddsTheRatesOfSimultaneousSamples) {
  const std::vector<SamplePiece> samples{{k_t0, k_t0 + 1000, 500, 0, true},
                                         {k_t0, k_t0 + 2000, 800, 0, true},
                                         {k_t0 + 1000, k_t0 + 2000, 100, 0, true},
                                         {k_t0 + 2000, k_t0 + 3000, 900, 0, false}};
  const auto [rx, tx] = peak_of_samples(samples, k_t0, k_t0 + 3000);
  EXPECT_EQ(rx, (Peak{900.0, k_t0}));
  EXPECT_EQ(tx, Peak{});
}

// Samples in any order give the peak they give in start order (a series
// keeps them in start order, and then nothing is sorted).
TEST(PeakOfSamples, IsTheSameForSamplesInAnyOrder) {
  std::vector<SamplePiece> samples;
  for (std::int64_t i = 0; i < 40; ++i) {
    const std::int64_t start = k_t0 + i * 1000;
    samples.push_back({start, start + 1000, static_cast<std::uint64_t>(i * 37 % 23) * 100, 5, true});
    // A second member's samples, of 1.5 s, overlapping the first's.
    samples.push_back({start + 500, start + 2000, static_cast<std::uint64_t>(i * 11 % 7) * 300,
                       static_cast<std::uint64_t>(i), true});
  }
  std::stable_sort(samples.begin(), samples.end(), [](const SamplePiece& a, const SamplePiece& b) {
    return a.start_ms < b.start_ms;
  });
  const auto in_order = peak_of_samples(samples, k_t0 + 700, k_t0 + 35'300);
  EXPECT_GT(in_order.first.rate, 0.0);
  EXPECT_GT(in_order.second.rate, 0.0);
  std::reverse(samples.begin(), samples.end());
  EXPECT_EQ(peak_of_samples(samples, k_t0 + 700, k_t0 + 35'300), in_order);
  std::rotate(samples.begin(), samples.begin() + 17, samples.end());
  EXPECT_EQ(peak_of_samples(samples, k_t0 + 700, k_t0 + 35'300), in_order);
}

TEST(SumSeries, AddsBytesKeepsTheBestCoverageAndFindsThePeakOfTheSum) {
  Slot a = five(0, 1000, 10, 300'000);
  a.samples = std::vector<SamplePiece>{{k_t0, k_t0 + 1000, 600, 10, true},
                                       {k_t0 + 1000, k_t0 + 2000, 400, 0, true}};
  a.totals.rx_peak_rate = 600.0;
  a.totals.rx_peak_at_ms = k_t0;
  Slot b = five(0, 700, 0, 100'000);
  b.samples = std::vector<SamplePiece>{{k_t0 + 1000, k_t0 + 2000, 700, 0, true}};
  b.totals.rx_peak_rate = 700.0;
  b.totals.rx_peak_at_ms = k_t0 + 1000;
  const TrafficSeries sum = sum_series({series_of({a}), series_of({b, five(1, 5, 0)})});
  ASSERT_EQ(sum.slots().size(), 2U);
  EXPECT_EQ(sum.slots()[0].totals.rx_bytes, 1700U);
  EXPECT_EQ(sum.slots()[0].totals.covered_ms, 300'000);
  const Measurement m = sum.measure(TimeWindow{k_t0, k_t0 + 2 * k_five}, k_far_future);
  EXPECT_EQ(m.rx_bytes, 1705U);
  EXPECT_EQ(m.rx_peak, (Peak{1100.0, k_t0 + 1000}));
  EXPECT_EQ(sum.recorded(), (TimeWindow{k_t0, k_t0 + 2 * k_five}));
}

TEST(SumSeries, FallsBackToTheHighestMemberPeakWithoutSamples) {
  Slot a = five(0, 1000, 0);
  a.totals.rx_peak_rate = 600.0;
  a.totals.rx_peak_at_ms = k_t0;
  Slot b = five(0, 1000, 0);
  b.totals.rx_peak_rate = 700.0;
  b.totals.rx_peak_at_ms = k_t0 + 1000;
  const TrafficSeries sum = sum_series({series_of({a}), series_of({b})});
  EXPECT_EQ(sum.measure(TimeWindow{k_t0, k_t0 + k_five}, k_far_future).rx_peak,
            (Peak{700.0, k_t0 + 1000}));
}

TEST(SumSeries, MergesBucketsIntoAnHourWhereAnotherMemberHasOnlyTheHour) {
  Slot hour{k_t0, k_t0 + k_hour_ms, {}, std::nullopt, nullptr, nullptr};
  hour.totals.rx_bytes = 100;
  hour.totals.covered_ms = k_hour_ms;
  const TrafficSeries sum =
      sum_series({series_of({hour}), series_of({five(0, 1, 0), five(11, 2, 0), five(12, 4, 0)})});
  ASSERT_EQ(sum.slots().size(), 2U);
  EXPECT_EQ(sum.slots()[0].end_ms, k_t0 + k_hour_ms);
  EXPECT_EQ(sum.slots()[0].totals.rx_bytes, 103U);
  EXPECT_EQ(sum.slots()[1].totals.rx_bytes, 4U);
}

// Days of hours with profiles, as one series of hours and as one of days with
// their busiest parts (loading a day's hours as the query would, counted).
class DaySeries {
public:
  // Every part moves a random 1000..1999 B/s; on each of `heavy_days` (the
  // first ones), `heavy_parts` parts move 1..2 MB/s. The last day is recorded
  // for its first `last_day_hours` hours.
  DaySeries(int days, int heavy_days, std::size_t heavy_parts, std::size_t last_day_hours = 24) {
    std::mt19937_64 random(20261126);
    const std::int64_t start = k_t0 - k_t0 % k_day_ms;
    for (int d = 0; d < days; ++d) {
      for (std::size_t h = 0; h < (d + 1 < days ? 24 : last_day_hours); ++h) {
        const std::int64_t hour_start = start + d * k_day_ms + static_cast<std::int64_t>(h) * k_hour_ms;
        auto profile = std::make_shared<HourProfile>();
        Slot hour{hour_start, hour_start + k_hour_ms, {}, std::nullopt, profile, nullptr};
        for (std::size_t p = 0; p < k_parts_per_hour; ++p) {
          const bool heavy = d < heavy_days && h * k_parts_per_hour + p < heavy_parts;
          const std::uint64_t rate = heavy ? 1'000'000 + random() % 1'000'000 : 1000 + random() % 1000;
          FivePart& part = profile->parts[p];
          part = FivePart{rate * 300, rate * 30, k_five_minutes_ms};
          BucketTotals bucket{part.rx_bytes, part.tx_bytes, 1, 1, 0.0, 0, 0.0, 0, part.covered_ms};
          bucket.rx_peak_rate = static_cast<double>(rate);
          bucket.rx_peak_at_ms = hour_start + static_cast<std::int64_t>(p) * k_five_minutes_ms;
          hour.totals.merge(bucket);
        }
        m_hours.push_back(hour);
      }
    }
  }

  TrafficSeries hours() const { return TrafficSeries(m_hours, recorded()); }

  TrafficSeries days() {
    std::vector<Slot> days;
    for (std::size_t first = 0; first < m_hours.size(); first += 24) {
      Slot day{m_hours[first].start_ms, m_hours[first].start_ms + k_day_ms, {}, std::nullopt,
               nullptr, nullptr};
      std::vector<HourProfile> profiles;
      for (std::size_t h = first; h < std::min(first + 24, m_hours.size()); ++h) {
        day.totals.merge(m_hours[h].totals);
        profiles.push_back(*m_hours[h].profile);
      }
      day.top = std::make_shared<const DayTop>(day_top(profiles));
      days.push_back(day);
    }
    SlotLoader finer = [this](std::int64_t from_ms, std::int64_t to_ms) {
      ++m_loads;
      std::vector<Slot> hours;
      for (const Slot& hour : m_hours) {
        if (hour.start_ms >= from_ms && hour.end_ms <= to_ms) {
          hours.push_back(hour);
        }
      }
      return hours;
    };
    return TrafficSeries(days, recorded(), finer);
  }

  TimeWindow recorded() const { return {m_hours.front().start_ms, m_hours.back().end_ms}; }

  std::int64_t day_start(int day) const { return m_hours.front().start_ms + day * k_day_ms; }
  int loads() const { return m_loads; }

private:
  std::vector<Slot> m_hours;
  int m_loads = 0;
};

void expect_same(const Measurement& a, const Measurement& b) {
  EXPECT_EQ(a.rx_bytes, b.rx_bytes);
  EXPECT_EQ(a.tx_bytes, b.tx_bytes);
  EXPECT_EQ(a.covered_ms, b.covered_ms);
  EXPECT_EQ(a.rx_peak, b.rx_peak);
  EXPECT_EQ(a.tx_peak, b.tx_peak);
  EXPECT_EQ(a.rx_p95, b.rx_p95);
  EXPECT_EQ(a.tx_p95, b.tx_p95);
}

TEST(TrafficSeries, TakesThePercentileOfSteadyDaysFromTheirBusiestPartsAlone) {
  DaySeries series(30, 0, 0);
  const TimeWindow month{series.day_start(0), series.day_start(30)};
  expect_same(series.days().measure(month, k_far_future),
              series.hours().measure(month, k_far_future));
  EXPECT_EQ(series.loads(), 0);
}

TEST(TrafficSeries, ReadsTheHoursOfDaysWithMoreBusyPartsThanTheyKeep) {
  // 5 days with 100 parts at 1..2 MB/s: 500 parts above all others, where
  // the percentile of 30 days (8640 parts) is the 433rd busiest. The days
  // keep 48 each, 240 in all: their hours must tell the rest.
  DaySeries series(30, 5, 100);
  const TimeWindow month{series.day_start(0), series.day_start(30)};
  const Measurement from_days = series.days().measure(month, k_far_future);
  expect_same(from_days, series.hours().measure(month, k_far_future));
  EXPECT_GT(from_days.rx_p95, 1'000'000.0);
  EXPECT_EQ(series.loads(), 5);
}

TEST(TrafficSeries, MeasuresWindowsOfWholeDaysAndThroughTheHoursOfCutDaysAsHoursDo) {
  DaySeries series(10, 3, 40);
  const TrafficSeries days = series.days();
  const TrafficSeries hours = series.hours();
  for (const TimeWindow& window :
       {TimeWindow{series.day_start(2), series.day_start(9)},
        TimeWindow{series.day_start(0), series.day_start(1)},
        TimeWindow{series.day_start(1) + 7 * k_hour_ms, series.day_start(4) + 13 * k_hour_ms},
        TimeWindow{series.day_start(3) + k_hour_ms, series.day_start(3) + 2 * k_hour_ms}}) {
    SCOPED_TRACE(window.start_ms);
    expect_same(days.measure(window, k_far_future), hours.measure(window, k_far_future));
  }
  // Several windows as one, a day's edge on each side.
  const std::vector<TimeWindow> windows{{series.day_start(0), series.day_start(2)},
                                        {series.day_start(5), series.day_start(8)}};
  expect_same(days.measure(windows, k_far_future), hours.measure(windows, k_far_future));
}

TEST(TrafficSeries, MeasuresTodayWholeWhenItsRecordingEndedBeforeNow) {
  // Recorded until 13:00 on the last day: as of 13:20 that day is all there,
  // and goes whole, as its hours would.
  DaySeries series(3, 3, 40, 13);
  const TrafficSeries days = series.days();
  const TrafficSeries hours = series.hours();
  const std::int64_t now = series.day_start(2) + 13 * k_hour_ms + 20 * 60'000;
  for (const TimeWindow& window : {TimeWindow{series.day_start(2), series.day_start(3)},
                                   TimeWindow{series.day_start(0), series.day_start(3)},
                                   TimeWindow{series.day_start(1), now}}) {
    SCOPED_TRACE(window.start_ms);
    const Measurement whole = days.measure(window, now);
    expect_same(whole, hours.measure(window, now));
    EXPECT_EQ(whole.elapsed_ms, hours.measure(window, now).elapsed_ms);
  }
  EXPECT_EQ(series.loads(), 0);
}

TEST(TrafficSeries, MeasuresTodayThroughItsHoursWhenItsRecordingGoesOnPastNow) {
  // As of 10:00 on the last day, its hours from 10:00 on are left out.
  DaySeries series(3, 3, 40, 13);
  const TrafficSeries days = series.days();
  const std::int64_t now = series.day_start(2) + 10 * k_hour_ms;
  const TimeWindow today{series.day_start(2), series.day_start(3)};
  const Measurement measured = days.measure(today, now);
  expect_same(measured, series.hours().measure(today, now));
  expect_same(measured, series.hours().measure({series.day_start(2), now}, k_far_future));
  EXPECT_EQ(series.loads(), 1);
}

} // namespace
} // namespace octolog

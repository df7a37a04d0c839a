// The report's arithmetic on synthetic series: measuring every day of a year
// of 5-minute buckets, one window over three years, a year and its months
// of UTC days (the percentile from their busiest parts), and summing
// interfaces.
#include "octolog/traffic_series.hpp"

#include <benchmark/benchmark.h>

namespace octolog {
namespace {

constexpr std::int64_t k_start = 1'700'000'000'000 / k_day_ms * k_day_ms;

// `hours` hours of hourly slots, then `days` days of 5-minute slots.
TrafficSeries synthetic(std::int64_t hours, std::int64_t days) {
  std::vector<Slot> slots;
  std::int64_t t = k_start;
  std::uint64_t x = 12'345;
  const auto add = [&](std::int64_t length_ms) {
    x = x * 6'364'136'223'846'793'005ULL + 1;
    Slot slot{t, t + length_ms, {}, std::nullopt, nullptr, nullptr};
    slot.totals.rx_bytes = (x >> 33) % 100'000'000;
    slot.totals.tx_bytes = (x >> 40) % 10'000'000;
    slot.totals.rx_peak_rate = static_cast<double>(slot.totals.rx_bytes) / 10.0;
    slot.totals.rx_peak_at_ms = t + 1000;
    slot.totals.covered_ms = length_ms;
    slots.push_back(slot);
    t += length_ms;
  };
  for (std::int64_t i = 0; i < hours; ++i) {
    add(k_hour_ms);
  }
  for (std::int64_t i = 0; i < days * 288; ++i) {
    add(k_five_minutes_ms);
  }
  return TrafficSeries(std::move(slots), {k_start, t});
}

void measure_every_day_of_a_year(benchmark::State& state) {
  const TrafficSeries series = synthetic(0, 365);
  for (auto _ : state) {
    for (std::int64_t day = 0; day < 365; ++day) {
      const std::int64_t start = k_start + day * k_day_ms;
      benchmark::DoNotOptimize(
          series.measure(TimeWindow{start, start + k_day_ms}, start + k_day_ms));
    }
  }
}
BENCHMARK(measure_every_day_of_a_year)->Unit(benchmark::kMillisecond);

void measure_three_years_at_once(benchmark::State& state) {
  const TrafficSeries series = synthetic(2 * 365 * 24, 400);
  const TimeWindow all{k_start, series.recorded().end_ms};
  for (auto _ : state) {
    benchmark::DoNotOptimize(series.measure(all, all.end_ms));
  }
}
BENCHMARK(measure_three_years_at_once)->Unit(benchmark::kMillisecond);

// A year of UTC days, each with the busiest parts of 288 random rates.
TrafficSeries year_of_days() {
  std::vector<Slot> slots;
  std::uint64_t x = 6789;
  for (std::int64_t day = 0; day < 365; ++day) {
    std::vector<HourProfile> hours(24);
    Slot slot{k_start + day * k_day_ms, k_start + (day + 1) * k_day_ms, {}, std::nullopt,
              nullptr, nullptr};
    for (HourProfile& hour : hours) {
      for (FivePart& part : hour.parts) {
        x = x * 6'364'136'223'846'793'005ULL + 1;
        part = FivePart{(x >> 33) % 100'000'000, (x >> 40) % 10'000'000, k_five_minutes_ms};
        slot.totals.rx_bytes += part.rx_bytes;
        slot.totals.tx_bytes += part.tx_bytes;
      }
    }
    slot.totals.covered_ms = k_day_ms;
    slot.top = std::make_shared<const DayTop>(day_top(hours));
    slots.push_back(slot);
  }
  const TimeWindow recorded{slots.front().start_ms, slots.back().end_ms};
  return TrafficSeries(std::move(slots), recorded);
}

void measure_a_year_of_days_and_its_months(benchmark::State& state) {
  const TrafficSeries series = year_of_days();
  const TimeWindow all = series.recorded();
  for (auto _ : state) {
    benchmark::DoNotOptimize(series.measure(all, all.end_ms));
    for (std::int64_t month = 0; month < 12; ++month) {
      const std::int64_t start = all.start_ms + month * 30 * k_day_ms;
      benchmark::DoNotOptimize(
          series.measure(TimeWindow{start, start + 30 * k_day_ms}, all.end_ms));
    }
  }
}
BENCHMARK(measure_a_year_of_days_and_its_months)->Unit(benchmark::kMillisecond);

void sum_two_interfaces_of_a_year(benchmark::State& state) {
  const std::vector<TrafficSeries> members{synthetic(0, 365), synthetic(0, 365)};
  for (auto _ : state) {
    benchmark::DoNotOptimize(sum_series(members));
  }
}
BENCHMARK(sum_two_interfaces_of_a_year)->Unit(benchmark::kMillisecond);

} // namespace
} // namespace octolog

// The report's arithmetic on synthetic series: measuring every day of a year
// of 5-minute buckets, one window over three years, and summing interfaces.
#include "octolog/traffic_series.hpp"

#include <benchmark/benchmark.h>

namespace octolog {
namespace {

constexpr std::int64_t k_start = 1'700'000'000'000 / k_hour_ms * k_hour_ms;
constexpr std::int64_t k_day_ms = 86'400'000;

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

void sum_two_interfaces_of_a_year(benchmark::State& state) {
  const std::vector<TrafficSeries> members{synthetic(0, 365), synthetic(0, 365)};
  for (auto _ : state) {
    benchmark::DoNotOptimize(sum_series(members));
  }
}
BENCHMARK(sum_two_interfaces_of_a_year)->Unit(benchmark::kMillisecond);

} // namespace
} // namespace octolog

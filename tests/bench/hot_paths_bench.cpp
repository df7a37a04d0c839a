// The recorder's and the report's hot paths, one step each: accounting one
// snapshot, adding deltas to the buffer (the bucket update), one flush of N
// samples to SQLite, and the --day query over a stored month.
#include "octolog/accountant.hpp"
#include "octolog/query.hpp"
#include "octolog/report_rows.hpp"
#include "octolog/sample_buffer.hpp"
#include "octolog/store.hpp"
#include "octolog/time_window.hpp"
#include "octolog/time_zone.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace octolog {
namespace {

constexpr std::int64_t k_start = 1'780'000'200'000; // a 5-minute edge
constexpr int k_interfaces = 8;

// A directory of its own, removed with everything in it.
class ScratchDir {
public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "octolog-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::abort();
    }
    m_path = pattern;
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  [[nodiscard]] std::filesystem::path operator/(const char* name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

std::string name_of(int k) { return "eth" + std::to_string(k); }

// One second of traffic on every interface, ending at `end_ms`.
void add_second(SampleBuffer& buffer, std::int64_t end_ms, std::mt19937_64& random) {
  for (int k = 0; k < k_interfaces; ++k) {
    const std::uint64_t rx = random() % 100'000;
    buffer.add(Delta{name_of(k), end_ms - 1000, end_ms, rx, rx / 10, rx / 900 + 1, rx / 9000 + 1, 0});
  }
}

void accountant_step(benchmark::State& state) {
  Accountant accountant;
  Snapshot snapshot{k_start, 1'000'000, "boot", {}};
  for (int k = 0; k < k_interfaces; ++k) {
    InterfaceCounters counters;
    counters.name = name_of(k);
    counters.ifindex = k + 2;
    snapshot.interfaces.push_back(counters);
  }
  std::vector<Delta> deltas;
  std::vector<AccountingEvent> events;
  accountant.step(snapshot, deltas, events);
  for (auto _ : state) {
    snapshot.unix_ms += 1000;
    *snapshot.boot_ms += 1000;
    for (InterfaceCounters& counters : snapshot.interfaces) {
      counters.rx_bytes += 12'345;
      counters.tx_bytes += 1'234;
      counters.rx_packets += 12;
      counters.tx_packets += 2;
    }
    deltas.clear();
    events.clear();
    accountant.step(snapshot, deltas, events);
    benchmark::DoNotOptimize(deltas.data());
  }
  state.SetItemsProcessed(state.iterations() * k_interfaces);
}
BENCHMARK(accountant_step);

// The bucket update: a minute of 1-second deltas of 8 interfaces into the
// buffer's 5-minute buckets and hours.
void bucket_update(benchmark::State& state) {
  std::mt19937_64 random(1);
  SampleBuffer buffer;
  for (auto _ : state) {
    buffer.clear();
    for (std::int64_t s = 1; s <= 60; ++s) {
      add_second(buffer, k_start + s * 1000, random);
    }
    benchmark::DoNotOptimize(buffer.five_minutes().size());
  }
  state.SetItemsProcessed(state.iterations() * 60 * k_interfaces);
}
BENCHMARK(bucket_update);

// One flush (one transaction) of N samples of 8 interfaces: 480 is the
// recorder's 60 s default, 28,800 an hour.
void store_flush(benchmark::State& state) {
  const auto samples = static_cast<std::int64_t>(state.range(0));
  ScratchDir dir;
  Store store(dir / "octolog.db", Store::Access::read_write);
  std::mt19937_64 random(2);
  std::int64_t end_ms = k_start;
  SampleBuffer buffer;
  for (auto _ : state) {
    state.PauseTiming();
    buffer.clear();
    for (std::int64_t i = 0; i < samples / k_interfaces; ++i) {
      end_ms += 1000;
      add_second(buffer, end_ms, random);
    }
    state.ResumeTiming();
    store.flush(buffer, {}, std::nullopt, {}, end_ms, Retention{});
  }
  state.SetItemsProcessed(state.iterations() * samples);
}
BENCHMARK(store_flush)->Arg(480)->Arg(28'800)->Unit(benchmark::kMillisecond);

// Times `view` of eth0 in `db`, read and measured in UTC as of `now_ms`.
void time_view(benchmark::State& state, const std::filesystem::path& db, View view,
               std::int64_t now_ms) {
  Store store(db, Store::Access::read_only);
  const Calendar calendar(TimeZone::utc());
  ReportRequest request;
  request.view = view;
  request.now_ms = now_ms;
  for (auto _ : state) {
    const TrafficQuery query(store);
    benchmark::DoNotOptimize(build_row_set(query, "eth0", {"eth0"}, request, calendar));
  }
}

// The --day view of one interface: 30 days of 5-minute buckets and hours,
// and the samples of the last day, read and measured in UTC.
void day_query(benchmark::State& state) {
  ScratchDir dir;
  const std::int64_t days = 31;
  const std::int64_t now_ms = k_start + days * 86'400'000;
  {
    Store store(dir / "octolog.db", Store::Access::read_write);
    std::mt19937_64 random(3);
    SampleBuffer buffer;
    for (std::int64_t t = k_start; t < now_ms; t += 60'000) {
      // A minute at a time: one 1-second delta and one of 59 s, as a quiet
      // interface that the recorder saw move in one second of each minute.
      const std::uint64_t rx = random() % 1'000'000;
      buffer.add(Delta{"eth0", t, t + 1000, rx, rx / 10, rx / 900, rx / 9000, 0});
      buffer.add(Delta{"eth0", t + 1000, t + 60'000, rx / 7, rx / 70, rx / 6300, 0, 0});
      if (buffer.rows() >= 40'000) {
        store.flush(buffer, {}, std::nullopt, {}, t + 60'000, Retention{});
        buffer.clear();
      }
    }
    store.flush(buffer, {}, std::nullopt, {}, now_ms, Retention{});
  }
  time_view(state, dir / "octolog.db", View::day, now_ms - 3'600'000);
}
BENCHMARK(day_query)->Unit(benchmark::kMillisecond);

// The --month view of one interface over a year, in UTC: eleven whole
// months read as their tops (schema version 5), the month that goes on as
// days, and the percentile of the whole year.
void month_query(benchmark::State& state) {
  ScratchDir dir;
  const std::int64_t now_ms = k_start + 366 * std::int64_t{86'400'000};
  {
    Store store(dir / "octolog.db", Store::Access::read_write);
    std::mt19937_64 random(4);
    SampleBuffer buffer;
    for (std::int64_t t = k_start; t < now_ms; t += 300'000) {
      // One 1-second delta a 5-minute part, busier in the day's second half.
      const std::uint64_t rx = random() % 1'000'000 * (t / 43'200'000 % 2 + 1);
      buffer.add(Delta{"eth0", t, t + 1000, rx, rx / 10, rx / 900, rx / 9000, 0});
      if (buffer.rows() >= 40'000) {
        store.flush(buffer, {}, std::nullopt, {}, t + 1000, Retention{});
        buffer.clear();
      }
    }
    store.flush(buffer, {}, std::nullopt, {}, now_ms, Retention{});
  }
  time_view(state, dir / "octolog.db", View::month, now_ms - 3'600'000);
}
BENCHMARK(month_query)->Unit(benchmark::kMillisecond);

} // namespace
} // namespace octolog

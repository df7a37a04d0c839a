#include "octolog/counter_source.hpp"
#include "octolog/error.hpp"

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

namespace {

using octolog::SourceOptions;

// One read of every interface's counters through the source of `kind`, with
// `out` reused as the recorder reuses it. Run inside a network namespace to
// choose the number of interfaces (see counter_read_bench.sh).
void read_counters(benchmark::State& state, SourceOptions::Kind kind) {
  SourceOptions options;
  options.kind = kind;
  std::unique_ptr<octolog::CounterSource> source;
  try {
    source = octolog::make_counter_source(options);
  } catch (const octolog::Error& error) {
    state.SkipWithError(error.what());
    return;
  }
  std::vector<octolog::InterfaceCounters> out;
  std::string error;
  if (!source->read(out, error)) {
    state.SkipWithError(error.c_str());
    return;
  }
  for (auto _ : state) {
    if (!source->read(out, error)) {
      state.SkipWithError(error.c_str());
      break;
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.counters["interfaces"] = static_cast<double>(out.size());
}

BENCHMARK_CAPTURE(read_counters, netlink, SourceOptions::Kind::netlink);
BENCHMARK_CAPTURE(read_counters, procfs, SourceOptions::Kind::procfs);

} // namespace

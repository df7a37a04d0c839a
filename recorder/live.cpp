// The live recorder's loop: a reading on every tick of the wall clock, and
// none while nothing moves (see TrafficWatch).
#include "recorder.hpp"

#include "octolog/clock.hpp"
#include "octolog/counter_source.hpp"
#include "octolog/database_lock.hpp"
#include "octolog/stop_signal.hpp"
#include "octolog/trace.hpp"
#include "octolog/traffic_watch.hpp"
#include "octolog/version.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace octolog::recorder {
namespace {

// Readings in a row that must find the recorded counters still before the
// recorder sleeps until a packet moves: it then arms the watch at the next
// tick and sleeps after that tick's reading. Each sleep costs a few system
// calls and a packet wake-up besides the readings, so a link with a packet
// every second or two keeps its ticks. With bursts every 10 s on 4 veth
// pairs (tests/bench/recorder_cpu.sh), waiting for 1 still reading woke 73
// times in 150 s and for 3 woke 101 times, against 150 for every tick.
constexpr std::uint64_t k_still_readings_before_sleep = 2;

std::string interface_list(const std::vector<InterfaceCounters>& interfaces) {
  std::string names;
  for (const InterfaceCounters& counters : interfaces) {
    names += names.empty() ? "" : ", ";
    names += counters.name;
  }
  return names.empty() ? "none yet" : names;
}

// The watch, when idle sleep is on and counters come from this machine's
// kernel; else nullptr, and why in the start-up log.
std::unique_ptr<TrafficWatch> open_watch(const Options& options) {
  if (options.idle_wake_s == 0) {
    return nullptr;
  }
  const SourceOptions defaults;
  if (options.source.proc_root != defaults.proc_root ||
      options.source.sys_root != defaults.sys_root) {
    return nullptr; // counters from a fixture tree: no packet moves them
  }
  std::string why;
  std::unique_ptr<TrafficWatch> watch = make_traffic_watch(why);
  if (!watch) {
    spdlog::info("reading every {} s even while nothing moves: {}", options.interval_s, why);
  }
  return watch;
}

// While asleep the recorder still reads the counters this often, so that
// traffic the watch cannot see (see run_live) costs at most this much
// resolution, and flushes stay on time.
std::int64_t idle_check_ms(const Options& options) {
  const std::int64_t interval_ms = std::int64_t{options.interval_s} * 1000;
  const std::int64_t wanted_ms =
      std::int64_t{std::min(options.idle_wake_s, options.flush_interval_s)} * 1000;
  return std::max(interval_ms, wanted_ms / interval_ms * interval_ms);
}

} // namespace

int run_live(const Options& options) {
  StopSignal stop;
  DatabaseLock lock(options.db);
  Store store(options.db, Store::Access::read_write);
  std::unique_ptr<CounterSource> source = make_counter_source(options.source);
  std::unique_ptr<TrafficWatch> watch = open_watch(options);
  std::optional<TraceWriter> trace;
  if (options.trace_out) {
    trace.emplace(*options.trace_out);
  }
  Recorder recorder(options, store);
  store.begin_run(now_unix_ms(), source->name());

  const std::int64_t interval_ms = std::int64_t{options.interval_s} * 1000;
  const std::int64_t check_ms = idle_check_ms(options);
  const std::int64_t flush_ms = std::int64_t{options.flush_interval_s} * 1000;
  Snapshot last;    // the last reading recorded
  Snapshot reading; // the one being taken
  last.boot_id = reading.boot_id = source->boot_id();
  std::string error;
  bool read_failing = false;
  bool announced = false;
  // Readings in a row, up to the last, that found the recorded counters as
  // the one before; a packet that ends a sleep starts it again.
  std::uint64_t still_readings = 0;
  // The next tick to read. A tick that has passed by the time the loop gets
  // to it (a slow flush, or closing the watch, which waits for the kernel) is
  // read at once, not skipped.
  std::int64_t due_ms = floor_to(now_unix_ms(), interval_ms) + interval_ms;
  // Waiting on the armed watch instead of the next tick.
  bool asleep = false;
  // Flushes are timed on the steady clock, so a step of the wall clock can
  // neither hold them back nor bunch them up.
  auto last_flush = std::chrono::steady_clock::now();
  const auto flush_every = std::chrono::milliseconds(flush_ms);

  const auto read_counters = [&](std::int64_t stamp_ms) {
    reading.unix_ms = stamp_ms;
    reading.boot_ms = now_boot_ms();
    if (!source->read(reading.interfaces, error)) {
      if (!read_failing) {
        spdlog::warn("cannot read counters ({}): {}; retrying every tick", source->name(), error);
        read_failing = true;
      }
      return false;
    }
    read_failing = false;
    return true;
  };
  const auto record = [&](const Snapshot& snapshot) {
    if (trace) {
      trace->write(snapshot);
    }
    return recorder.record(snapshot);
  };
  // Whether the recorded interfaces read as before.
  const auto record_reading = [&] {
    const bool unchanged = record(reading);
    std::swap(last, reading);
    return unchanged;
  };
  // Records, at every tick after the last reading up to `until_ms`, what
  // that reading read: the armed watch saw no packet, so nothing moved. Never
  // more ticks than the boot clock saw pass: a step of the wall clock is left
  // for the next real reading to show the accountant.
  const auto record_still_until = [&](std::int64_t until_ms) {
    const std::optional<std::int64_t> boot_now = now_boot_ms();
    if (!last.boot_ms || !boot_now || last.interfaces.empty()) {
      return;
    }
    const std::int64_t from_ms = last.unix_ms;
    const std::int64_t from_boot_ms = *last.boot_ms;
    const std::int64_t end_ms = std::min(until_ms, from_ms + (*boot_now - from_boot_ms));
    for (std::int64_t tick = floor_to(from_ms, interval_ms) + interval_ms; tick <= end_ms;
         tick += interval_ms) {
      last.unix_ms = tick;
      last.boot_ms = from_boot_ms + (tick - from_ms);
      record(last);
    }
  };
  const auto flush_when_due = [&](std::int64_t now_ms) {
    if (std::chrono::steady_clock::now() - last_flush >= flush_every || recorder.wants_flush() ||
        recorder.has_unsaved_baselines()) {
      recorder.flush(now_ms);
      last_flush = std::chrono::steady_clock::now();
    }
  };

  for (;;) {
    const std::int64_t now = now_unix_ms();
    if (asleep) {
      // Asleep: until a packet, a stop, or the next check.
      const std::int64_t next_check = floor_to(now, check_ms) + check_ms;
      const TrafficWatch::Wake wake = watch->wait(stop, std::chrono::milliseconds(next_check - now));
      if (wake == TrafficWatch::Wake::stop) {
        break;
      }
      const std::int64_t tick = floor_to(now_unix_ms(), interval_ms);
      if (wake == TrafficWatch::Wake::traffic) {
        // The counters stood still up to the tick that began the second of
        // the packet; the next tick reads what it moved.
        spdlog::debug("a packet ended {} s of sleep", (tick - last.unix_ms) / 1000);
        record_still_until(tick);
        // Closing the watch waits for the kernel (an RCU grace period, 11
        // to 16 ms here), which could make that reading late: it is closed
        // after it. Until then each packet costs the kernel a filter run.
        asleep = false;
        still_readings = 0;
        due_ms = tick + interval_ms;
        flush_when_due(tick);
        continue;
      }
      if (!read_counters(tick)) {
        watch->disarm();
        asleep = false;
        continue;
      }
      // A packet seen by now came after the check's tick (else it would have
      // ended the wait): the ticks before it were still all the same.
      const bool saw_traffic = watch->saw_traffic();
      if (saw_traffic || recorder.unchanged(reading)) {
        record_still_until(tick - interval_ms);
        if (saw_traffic) {
          watch->disarm();
          asleep = false;
          still_readings = 0;
        }
      } else {
        // Counters moved without a packet the watch could see (a driver that
        // counts what the kernel's taps never see, XDP): that time becomes one
        // sample, as after downtime, and the recorder reads every tick.
        spdlog::warn("traffic moved the counters without a packet the watch could see; reading "
                     "every {} s from now on",
                     options.interval_s);
        watch.reset();
        asleep = false;
        still_readings = 0;
      }
      record_reading();
      due_ms = tick + interval_ms;
      flush_when_due(tick);
      continue;
    }

    // At most one interval: after the wall clock stepped back, the tick due
    // is far ahead, and the next whole tick of the clock as it is now is read.
    if (stop.wait_for(std::chrono::milliseconds(std::clamp(due_ms - now, std::int64_t{0},
                                                           interval_ms - now % interval_ms)))) {
      break;
    }
    const bool woken = watch && watch->armed(); // by a packet, and this reads what it moved
    if (watch && !woken && still_readings >= k_still_readings_before_sleep) {
      // Armed before the reading it is to vouch for: no packet falls between.
      if (!watch->arm(recorder.ignored_ifindexes(), error)) {
        spdlog::warn("reading every {} s from now on: {}", options.interval_s, error);
        watch.reset();
      }
    }
    const std::int64_t tick = floor_to(now_unix_ms(), interval_ms);
    due_ms = tick + interval_ms;
    if (read_counters(tick)) {
      still_readings = record_reading() ? still_readings + 1 : 0;
    }
    if (watch && watch->armed()) {
      if (woken || read_failing || still_readings == 0) {
        watch->disarm(); // or it moved between the arm and the reading
      } else {
        spdlog::debug("nothing moved for {} readings: sleeping until a packet does",
                      still_readings);
        asleep = true;
      }
    }
    if (!announced) {
      spdlog::info("octolog-recorder {} recording to {} every {} s via {}{}: {}", version(),
                   options.db.string(), options.interval_s, source->name(),
                   watch ? fmt::format(" (while nothing moves, every {} s)", check_ms / 1000) : "",
                   interface_list(recorder.recorded_interfaces()));
      announced = true;
    }
    flush_when_due(tick);
  }

  // The traffic up to the moment of the stop, then everything to disk.
  if (asleep && !watch->saw_traffic()) {
    record_still_until(floor_to(now_unix_ms(), interval_ms));
  }
  if (watch) {
    watch->disarm();
  }
  if (read_counters(now_unix_ms())) {
    record_reading();
  }
  const bool flushed = recorder.flush(now_unix_ms());
  if (!flushed) {
    spdlog::error("stopped without writing the readings since the last flush; the next start "
                  "counts their traffic from the counters saved then");
    return 1;
  }
  store.end_run(now_unix_ms());
  spdlog::info("stopped");
  return 0;
}

} // namespace octolog::recorder

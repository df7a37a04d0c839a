#pragma once

#include "octolog/day_top.hpp"
#include "octolog/hour_profile.hpp"
#include "octolog/sample_buffer.hpp"
#include "octolog/time_window.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace octolog {

// A stored sample-resolution piece: bytes moved in [start_ms, end_ms).
struct SamplePiece {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  bool has_rate = true; // false when the clock stepped back: the time is not real

  friend bool operator==(const SamplePiece&, const SamplePiece&) = default;
};

// One stored rollup period of an interface (or of a sum of interfaces): a
// 5-minute bucket, an hour (whose buckets have expired, or that no window
// cuts), or a UTC day (that no window cuts).
struct Slot {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  BucketTotals totals;
  // Every sample inside, when all are still kept (their bytes add up to the
  // totals): they place bytes and peaks exactly when a window edge cuts the
  // slot. nullopt when expired or not needed.
  std::optional<std::vector<SamplePiece>> samples;
  // An hour's 5-minute parts, for the 95th percentile; null for a 5-minute
  // bucket, and for an hour stored without them. Shared and immutable (as
  // is `top`), so that a year of slots is not a year of profiles in place.
  std::shared_ptr<const HourProfile> profile;
  // A day's busiest 5-minute parts; null for anything but a day.
  std::shared_ptr<const DayTop> top;
};

// The highest rate somewhere in a window, bytes per second, and where it
// began; no time when nothing moved.
struct Peak {
  double rate = 0.0;
  std::optional<std::int64_t> at_ms;

  friend bool operator==(const Peak&, const Peak&) = default;
};

// What one or more windows hold.
struct Measurement {
  std::int64_t length_ms = 0;   // the windows' whole length
  std::int64_t elapsed_ms = 0;  // the part of it before `now`
  std::int64_t expected_ms = 0; // the elapsed part between the first and last recording
  std::int64_t covered_ms = 0;  // the part the recorder accounted for
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  Peak rx_peak;
  Peak tx_peak;
  double rx_p95 = 0.0; // bytes per second
  double tx_p95 = 0.0;

  // Bytes over the elapsed part of the windows, per second.
  [[nodiscard]] double rx_average() const { return per_second(rx_bytes, elapsed_ms); }
  [[nodiscard]] double tx_average() const { return per_second(tx_bytes, elapsed_ms); }
  // Whether recording missed some of the time it should have seen.
  [[nodiscard]] bool has_gap() const { return covered_ms < expected_ms; }

  [[nodiscard]] static double per_second(std::uint64_t bytes, std::int64_t ms) {
    return covered_rate(bytes, ms);
  }
};

// The slots that make up [start_ms, end_ms) (a day), finer than a day.
using SlotLoader = std::function<std::vector<Slot>(std::int64_t start_ms, std::int64_t end_ms)>;

// The recorded traffic of one interface, or of a sum of interfaces: slots in
// time order that never overlap, and the span from the first to the last
// recorded instant.
class TrafficSeries {
public:
  TrafficSeries() = default;
  // `finer` loads a day slot's hours, for a 95th percentile that its busiest
  // parts do not settle; needed where `slots` has days. Without
  // `percentiles` (slots loaded without profiles and tops) measure() leaves
  // the 95th percentiles at 0.
  TrafficSeries(std::vector<Slot> slots, TimeWindow recorded, SlotLoader finer = {},
                bool percentiles = true);

  [[nodiscard]] const std::vector<Slot>& slots() const { return m_slots; }
  [[nodiscard]] const TimeWindow& recorded() const { return m_recorded; }
  [[nodiscard]] bool percentiles() const { return m_percentiles; }
  // The slots, moved out: for a sum, which consumes its members.
  [[nodiscard]] std::vector<Slot> take_slots() && { return std::move(m_slots); }

  // Measures the union of `windows` (disjoint; any order) as seen at `now_ms`:
  // traffic after it is left out, as a report at that moment would.
  // A slot that a window edge cuts is split in proportion to time in
  // integers, through its samples when kept, so adjacent windows add up to
  // exactly the whole.
  [[nodiscard]] Measurement measure(std::vector<TimeWindow> windows, std::int64_t now_ms) const;
  [[nodiscard]] Measurement measure(const TimeWindow& window, std::int64_t now_ms) const;

private:
  std::vector<Slot> m_slots;
  TimeWindow m_recorded;
  SlotLoader m_finer;
  bool m_percentiles = true;
};

// The series of interfaces added together: bytes add up slot by slot; a slot
// is covered as long as its best-covered member; the peak of the sum is the
// highest sum of simultaneous sample rates where samples are kept, else the
// highest member peak (a lower bound). Where a member has only an hour, the
// others' 5-minute slots of that hour are merged into one hour too. Members
// hold no days: the busiest parts of two days do not add up to those of
// their sum.
[[nodiscard]] TrafficSeries sum_series(std::vector<TrafficSeries> members);

// The 95th percentile by nearest rank: sorted ascending, element
// ceil(0.95 n) - 1 (1-based rank ceil(0.95 n)); 0 for no values.
[[nodiscard]] double nearest_rank_p95(std::vector<double> values);

// The highest simultaneous total rate of `samples` inside [from_ms, to_ms),
// each sample moving at its own average rate; the earliest on a tie.
[[nodiscard]] std::pair<Peak, Peak> peak_of_samples(const std::vector<SamplePiece>& samples,
                                                    std::int64_t from_ms, std::int64_t to_ms);

} // namespace octolog

#include "octolog/traffic_series.hpp"

#include "octolog/proportional_split.hpp"

#include "sorted_select.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <iterator>
#include <set>
#include <utility>

namespace octolog {
namespace {

double sample_rate(std::uint64_t bytes, const SamplePiece& sample) {
  return sample.has_rate ? Measurement::per_second(bytes, sample.end_ms - sample.start_ms) : 0.0;
}

void keep_higher(Peak& peak, const Peak& candidate) {
  if (candidate.rate > peak.rate) {
    peak = candidate;
  }
}

Peak peak_of(double rate, std::int64_t at_ms) { return rate > 0.0 ? Peak{rate, at_ms} : Peak{}; }

bool starts_earlier(const SamplePiece& a, const SamplePiece& b) { return a.start_ms < b.start_ms; }

// What one slot holds inside [from_ms, to_ms).
struct Part {
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  std::int64_t covered_ms = 0;
  Peak rx_peak;
  Peak tx_peak;
};

// What `slot` holds inside [from_ms, to_ms). Everything it holds lies within
// [held_from_ms, held_to_ms): the slot clipped to the recorded span, so that a
// bucket cut at `now` or at the recording's first instant counts whole on
// the side where it was recorded.
Part part_of(const Slot& slot, std::int64_t from_ms, std::int64_t to_ms, std::int64_t held_from_ms,
             std::int64_t held_to_ms) {
  const BucketTotals& totals = slot.totals;
  Part part;
  if (from_ms <= held_from_ms && to_ms >= held_to_ms) {
    part.rx_bytes = totals.rx_bytes;
    part.tx_bytes = totals.tx_bytes;
    part.covered_ms = totals.covered_ms;
    part.rx_peak = peak_of(totals.rx_peak_rate, totals.rx_peak_at_ms);
    part.tx_peak = peak_of(totals.tx_peak_rate, totals.tx_peak_at_ms);
    return part;
  }
  // Coverage is known only per slot, so it is split in proportion to time;
  // bytes go with the samples that carried them when those are kept.
  part.covered_ms = static_cast<std::int64_t>(share_between(
      static_cast<std::uint64_t>(totals.covered_ms), held_from_ms, held_to_ms, from_ms, to_ms));
  if (slot.samples) {
    for (const SamplePiece& sample : *slot.samples) {
      part.rx_bytes +=
          share_between(sample.rx_bytes, sample.start_ms, sample.end_ms, from_ms, to_ms);
      part.tx_bytes +=
          share_between(sample.tx_bytes, sample.start_ms, sample.end_ms, from_ms, to_ms);
    }
    std::tie(part.rx_peak, part.tx_peak) = peak_of_samples(*slot.samples, from_ms, to_ms);
    // The slot's own peak, where it lies inside the part, is the highest there
    // too, and has the whole sample's rate: a piece of a sample split at a
    // bucket edge differs from that by integer rounding.
    const auto prefer_stored = [&](Peak& peak, double rate, std::int64_t at_ms) {
      if (rate > 0.0 && at_ms >= from_ms && at_ms < to_ms) {
        peak = Peak{rate, at_ms};
      }
    };
    prefer_stored(part.rx_peak, totals.rx_peak_rate, totals.rx_peak_at_ms);
    prefer_stored(part.tx_peak, totals.tx_peak_rate, totals.tx_peak_at_ms);
    return part;
  }
  part.rx_bytes = share_between(totals.rx_bytes, held_from_ms, held_to_ms, from_ms, to_ms);
  part.tx_bytes = share_between(totals.tx_bytes, held_from_ms, held_to_ms, from_ms, to_ms);
  // Without samples the slot's peak is only known to lie inside the part when
  // its time does; otherwise the part's own average is the best lower bound.
  const auto part_peak = [&](double rate, std::int64_t at_ms, std::uint64_t bytes) {
    if (rate > 0.0 && at_ms >= from_ms && at_ms < to_ms) {
      return Peak{rate, at_ms};
    }
    return peak_of(Measurement::per_second(bytes, part.covered_ms), from_ms);
  };
  part.rx_peak = part_peak(totals.rx_peak_rate, totals.rx_peak_at_ms, part.rx_bytes);
  part.tx_peak = part_peak(totals.tx_peak_rate, totals.tx_peak_at_ms, part.tx_bytes);
  return part;
}

// Five-minute slots of `slots` inside an hour of `coarse_hours` merged into one
// hour slot each, so that every member of a sum has the same grid.
std::vector<Slot> coarsened(std::vector<Slot> slots, const std::set<std::int64_t>& coarse_hours) {
  std::vector<Slot> result;
  result.reserve(slots.size());
  std::shared_ptr<HourProfile> profile; // that of the hour being merged, the last in `result`
  for (Slot& slot : slots) {
    const std::int64_t hour = floor_to(slot.start_ms, k_hour_ms);
    if (!coarse_hours.contains(hour) || slot.end_ms - slot.start_ms >= k_hour_ms) {
      result.push_back(std::move(slot));
      continue;
    }
    if (result.empty() || result.back().start_ms != hour) {
      profile = std::make_shared<HourProfile>();
      result.push_back(Slot{hour, hour + k_hour_ms, {}, std::vector<SamplePiece>{}, profile, {}});
    }
    Slot& merged = result.back();
    merged.totals.merge(slot.totals);
    profile->add(hour, slot.start_ms, slot.totals);
    if (merged.samples && slot.samples) {
      merged.samples->insert(merged.samples->end(), slot.samples->begin(), slot.samples->end());
    } else {
      merged.samples.reset();
    }
  }
  return result;
}

} // namespace

TrafficSeries::TrafficSeries(std::vector<Slot> slots, TimeWindow recorded, SlotLoader finer,
                             bool percentiles)
    : m_slots(std::move(slots)), m_recorded(recorded), m_finer(std::move(finer)),
      m_percentiles(percentiles) {}

Measurement TrafficSeries::measure(const TimeWindow& window, std::int64_t now_ms) const {
  return measure(std::vector<TimeWindow>{window}, now_ms);
}

namespace {

// 5-minute rates, for the 95th percentile, in both directions.
struct Rates {
  std::vector<double> rx;
  std::vector<double> tx;
};

// The 5-minute rates of `slot` that lie inside [from_ms, to_ms), where it
// holds `part`. A 5-minute bucket's rate is its bytes over the seconds it was
// covered: the rate while the recorder was watching, so a bucket half-missed
// by a restart is neither diluted nor dropped; parts without coverage do not
// count. An hour counts its profile's parts; one stored without a profile
// (before schema version 3) whose buckets expired counts as that many
// 5-minute buckets at the hour's rate.
void add_rates(const Slot& slot, const Part& part, std::int64_t from_ms, std::int64_t to_ms,
               Rates& rates) {
  if (part.covered_ms <= 0) {
    return;
  }
  if (slot.profile) {
    for (std::size_t i = 0; i < slot.profile->parts.size(); ++i) {
      const FivePart& five = slot.profile->parts[i];
      const std::int64_t five_start =
          slot.start_ms + static_cast<std::int64_t>(i) * k_five_minutes_ms;
      if (five.covered_ms > 0 && five_start < to_ms && five_start + k_five_minutes_ms > from_ms) {
        rates.rx.push_back(covered_rate(five.rx_bytes, five.covered_ms));
        rates.tx.push_back(covered_rate(five.tx_bytes, five.covered_ms));
      }
    }
    return;
  }
  const std::int64_t span_ms = std::min(slot.end_ms, to_ms) - std::max(slot.start_ms, from_ms);
  const std::int64_t buckets = (span_ms + k_five_minutes_ms - 1) / k_five_minutes_ms;
  for (std::int64_t i = 0; i < buckets; ++i) {
    rates.rx.push_back(covered_rate(part.rx_bytes, part.covered_ms));
    rates.tx.push_back(covered_rate(part.tx_bytes, part.covered_ms));
  }
}

// The rank from the top of the 95th percentile of `n` values by nearest
// rank (ascending element ceil(0.95 n)): 1 for the highest.
std::size_t p95_rank_from_top(std::size_t n) { return n - (n * 95 + 99) / 100 + 1; }

// The `rank`-th highest of `rates` (in any order; sorted here where few) and of
// the values in `lists` (each sorted highest first); nullopt when there are
// fewer. Where the loose rates are few against the lists' values (UTC
// months and days, the parts of a day or two around them), they are sorted
// and the value is selected among the sorted lists without gathering them;
// where they are many (the hours of the UTC days that local months and days
// cut), sorting them would cost more than copying everything and selecting
// once.
std::optional<double> highest(std::size_t rank, std::vector<double>& rates,
                              const std::vector<const std::vector<double>*>& lists) {
  std::size_t listed = 0;
  for (const std::vector<double>* list : lists) {
    listed += list->size();
  }
  if (rates.size() * 8 > listed) {
    if (rank == 0 || rank > rates.size() + listed) {
      return std::nullopt;
    }
    std::vector<double> all;
    all.reserve(rates.size() + listed);
    all.insert(all.end(), rates.begin(), rates.end());
    for (const std::vector<double>* list : lists) {
      all.insert(all.end(), list->begin(), list->end());
    }
    const auto nth = all.begin() + static_cast<std::ptrdiff_t>(rank - 1);
    std::nth_element(all.begin(), nth, all.end(), std::greater<>());
    return *nth;
  }
  std::sort(rates.begin(), rates.end(), std::greater<>());
  std::vector<std::span<const double>> sorted;
  sorted.reserve(lists.size() + 1);
  sorted.emplace_back(rates);
  for (const std::vector<double>* list : lists) {
    sorted.emplace_back(*list);
  }
  return select_from_sorted(rank, std::move(sorted));
}

// The 95th percentile of `rates` and every 5-minute part of `tops` (whole
// days and months inside the windows). Of a day or month only its busiest
// parts are at hand, the rest known to be no busier than the last of those.
// If the value at the percentile's rank among the parts at hand is at least
// that last one for each, nothing left out lies above it, and it is the
// percentile. One whose last part kept is above it may hide parts between
// the two: `finer` gives a month's days (with their own tops) and a day's
// hours (all of its parts), and the rank is found again.
std::pair<double, double> p95_with_tops(Rates rates, std::vector<const Slot*> tops,
                                        const SlotLoader& finer) {
  if (tops.empty()) { // every part at hand (hours, or no day whole in the windows)
    return {nearest_rank_p95(std::move(rates.rx)), nearest_rank_p95(std::move(rates.tx))};
  }
  Rates read_finer = std::move(rates); // with the parts of the tops read finer
  std::vector<bool> is_read(tops.size(), false);
  std::deque<std::vector<Slot>> loaded; // the slots that `tops` gained point into these
  for (;;) {
    std::size_t n = read_finer.rx.size();
    std::vector<const std::vector<double>*> rx_lists;
    std::vector<const std::vector<double>*> tx_lists;
    for (std::size_t i = 0; i < tops.size(); ++i) {
      if (!is_read[i]) {
        n += tops[i]->top->parts;
        rx_lists.push_back(&tops[i]->top->rx);
        tx_lists.push_back(&tops[i]->top->tx);
      }
    }
    if (n == 0) {
      return {0.0, 0.0};
    }
    const std::size_t rank = p95_rank_from_top(n);
    const std::optional<double> rx = highest(rank, read_finer.rx, rx_lists);
    const std::optional<double> tx = highest(rank, read_finer.tx, tx_lists);
    const auto settles = [](const std::vector<double>& kept, std::uint32_t parts,
                            const std::optional<double>& value) {
      return kept.size() >= parts || (value && !kept.empty() && kept.back() <= *value);
    };
    bool settled = true;
    const std::size_t count = tops.size(); // those added below are looked at next round
    for (std::size_t i = 0; i < count; ++i) {
      const DayTop& top = *tops[i]->top;
      if (is_read[i] || (settles(top.rx, top.parts, rx) && settles(top.tx, top.parts, tx))) {
        continue;
      }
      for (const Slot& slot : loaded.emplace_back(finer(tops[i]->start_ms, tops[i]->end_ms))) {
        if (slot.top) {
          tops.push_back(&slot);
          is_read.push_back(false);
          continue;
        }
        const Part whole{slot.totals.rx_bytes, slot.totals.tx_bytes, slot.totals.covered_ms, {}, {}};
        add_rates(slot, whole, slot.start_ms, slot.end_ms, read_finer);
      }
      is_read[i] = true;
      settled = false;
    }
    if (settled) {
      return {rx.value_or(0.0), tx.value_or(0.0)};
    }
  }
}

} // namespace

Measurement TrafficSeries::measure(std::vector<TimeWindow> windows, std::int64_t now_ms) const {
  std::sort(windows.begin(), windows.end(),
            [](const TimeWindow& a, const TimeWindow& b) { return a.start_ms < b.start_ms; });
  Measurement m;
  Rates rates;
  std::vector<const Slot*> tops; // whole days and months inside a window, for the percentile
  for (const TimeWindow& window : windows) {
    if (window.end_ms <= window.start_ms) {
      continue;
    }
    m.length_ms += window.length_ms();
    const std::int64_t elapsed_end = std::min(window.end_ms, now_ms);
    m.elapsed_ms += std::max<std::int64_t>(0, elapsed_end - window.start_ms);
    m.expected_ms += std::max<std::int64_t>(0, std::min(elapsed_end, m_recorded.end_ms) -
                                                   std::max(window.start_ms, m_recorded.start_ms));

    // Traffic is counted as of `now`: what a report at that moment could see.
    if (elapsed_end <= window.start_ms) {
      continue;
    }
    // The recorded span bounds what a slot can hold; a slot wholly outside
    // it (an estimate from the edge buckets' coverage) keeps its own edges.
    const auto held = [&](const Slot& slot) {
      const std::int64_t from = std::max(slot.start_ms, m_recorded.start_ms);
      const std::int64_t to = std::min(slot.end_ms, m_recorded.end_ms);
      return m_recorded.length_ms() <= 0 || to <= from ? std::pair{slot.start_ms, slot.end_ms}
                                                       : std::pair{from, to};
    };
    const auto take = [&](const Slot& slot) {
      const auto [held_from, held_to] = held(slot);
      const Part part = part_of(slot, window.start_ms, elapsed_end, held_from, held_to);
      m.rx_bytes += part.rx_bytes;
      m.tx_bytes += part.tx_bytes;
      m.covered_ms += part.covered_ms;
      keep_higher(m.rx_peak, part.rx_peak);
      keep_higher(m.tx_peak, part.tx_peak);
      if (!m_percentiles) {
        return;
      }
      if (slot.top) {
        if (part.covered_ms > 0) {
          tops.push_back(&slot);
        }
      } else {
        add_rates(slot, part, window.start_ms, elapsed_end, rates);
      }
    };
    auto slot = std::upper_bound(
        m_slots.begin(), m_slots.end(), window.start_ms,
        [](std::int64_t at, const Slot& candidate) { return at < candidate.end_ms; });
    for (; slot != m_slots.end() && slot->start_ms < elapsed_end; ++slot) {
      if (slot->end_ms - slot->start_ms >= k_day_ms &&
          (slot->start_ms < window.start_ms || held(*slot).second > elapsed_end)) {
        // A day or month is split only through its hours (a series is loaded
        // with the windows' edges as cuts, so that this does not happen). One
        // that now falls inside is whole before now where its recording
        // ended before (today, as of the present).
        for (std::int64_t day = slot->start_ms; day < slot->end_ms; day += k_day_ms) {
          for (const Slot& hour : m_finer(day, day + k_day_ms)) {
            if (hour.end_ms > window.start_ms && hour.start_ms < elapsed_end) {
              take(hour);
            }
          }
        }
        continue;
      }
      take(*slot);
    }
  }
  std::tie(m.rx_p95, m.tx_p95) = p95_with_tops(std::move(rates), std::move(tops), m_finer);
  return m;
}

std::pair<Peak, Peak> peak_of_samples(const std::vector<SamplePiece>& samples, std::int64_t from_ms,
                                      std::int64_t to_ms) {
  std::vector<const SamplePiece*> inside;
  std::vector<std::int64_t> starts;
  std::vector<std::int64_t> ends;
  for (const SamplePiece& sample : samples) {
    if (sample.end_ms > from_ms && sample.start_ms < to_ms && sample.has_rate) {
      inside.push_back(&sample);
      starts.push_back(std::max(sample.start_ms, from_ms));
      ends.push_back(std::min(sample.end_ms, to_ms));
    }
  }
  // Samples come in start order (a series and a sum keep them so), and so
  // nearly always do their ends: each list is then sorted by a check, and
  // the edges are the two merged. (Sorting 2 days of a sum's samples cost
  // as much as reading them.)
  const auto by_start = [](const SamplePiece* a, const SamplePiece* b) {
    return starts_earlier(*a, *b);
  };
  if (!std::is_sorted(inside.begin(), inside.end(), by_start)) {
    std::stable_sort(inside.begin(), inside.end(), by_start);
  }
  for (std::vector<std::int64_t>* times : {&starts, &ends}) {
    if (!std::is_sorted(times->begin(), times->end())) {
      std::sort(times->begin(), times->end());
    }
  }
  std::vector<std::int64_t> edges(starts.size() + ends.size());
  std::merge(starts.begin(), starts.end(), ends.begin(), ends.end(), edges.begin());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  // Sweep the elementary stretches between edges, summing the rates of the
  // samples active in each: one sample at a time for an interface, several
  // at once for a sum of interfaces.
  std::pair<Peak, Peak> peaks;
  std::vector<const SamplePiece*> active;
  std::size_t next = 0;
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    const std::int64_t at = edges[i];
    std::erase_if(active, [&](const SamplePiece* s) { return s->end_ms <= at; });
    while (next < inside.size() && std::max(inside[next]->start_ms, from_ms) <= at) {
      active.push_back(inside[next++]);
    }
    double rx = 0.0;
    double tx = 0.0;
    for (const SamplePiece* s : active) {
      rx += sample_rate(s->rx_bytes, *s);
      tx += sample_rate(s->tx_bytes, *s);
    }
    keep_higher(peaks.first, peak_of(rx, at));
    keep_higher(peaks.second, peak_of(tx, at));
  }
  return peaks;
}

TrafficSeries sum_series(std::vector<TrafficSeries> members) {
  if (members.size() == 1) {
    return std::move(members.front());
  }
  std::set<std::int64_t> coarse_hours;
  TimeWindow recorded{0, 0};
  bool percentiles = true;
  for (const TrafficSeries& member : members) {
    percentiles = percentiles && member.percentiles();
    for (const Slot& slot : member.slots()) {
      if (slot.end_ms - slot.start_ms >= k_hour_ms) {
        coarse_hours.insert(slot.start_ms);
      }
    }
    const TimeWindow& span = member.recorded();
    if (span.length_ms() > 0) {
      recorded = recorded.length_ms() > 0 ? TimeWindow{std::min(recorded.start_ms, span.start_ms),
                                                       std::max(recorded.end_ms, span.end_ms)}
                                          : span;
    }
  }

  // Each member's slots are in time order: merging keeps them so.
  std::vector<Slot> all;
  for (TrafficSeries& member : members) {
    std::vector<Slot> slots = coarsened(std::move(member).take_slots(), coarse_hours);
    std::vector<Slot> merged;
    merged.reserve(all.size() + slots.size());
    std::merge(std::make_move_iterator(all.begin()), std::make_move_iterator(all.end()),
               std::make_move_iterator(slots.begin()), std::make_move_iterator(slots.end()),
               std::back_inserter(merged),
               [](const Slot& a, const Slot& b) { return a.start_ms < b.start_ms; });
    all = std::move(merged);
  }

  std::vector<Slot> slots;
  slots.reserve(all.size());
  for (Slot& slot : all) {
    if (slots.empty() || slots.back().start_ms != slot.start_ms) {
      slots.push_back(std::move(slot));
      continue;
    }
    Slot& sum = slots.back();
    sum.totals.rx_bytes += slot.totals.rx_bytes;
    sum.totals.tx_bytes += slot.totals.tx_bytes;
    sum.totals.rx_packets += slot.totals.rx_packets;
    sum.totals.tx_packets += slot.totals.tx_packets;
    sum.totals.covered_ms = std::max(sum.totals.covered_ms, slot.totals.covered_ms);
    if (slot.totals.rx_peak_rate > sum.totals.rx_peak_rate) {
      sum.totals.rx_peak_rate = slot.totals.rx_peak_rate;
      sum.totals.rx_peak_at_ms = slot.totals.rx_peak_at_ms;
    }
    if (slot.totals.tx_peak_rate > sum.totals.tx_peak_rate) {
      sum.totals.tx_peak_rate = slot.totals.tx_peak_rate;
      sum.totals.tx_peak_at_ms = slot.totals.tx_peak_at_ms;
    }
    if (sum.samples && slot.samples) {
      // Each member's samples are in start order: merged, so are the sum's.
      // Into a vector of the sum's size, and the member's freed: two days of
      // a sum's samples are megabytes, and every page of them a fault.
      std::vector<SamplePiece> merged;
      merged.reserve(sum.samples->size() + slot.samples->size());
      std::merge(sum.samples->begin(), sum.samples->end(), slot.samples->begin(),
                 slot.samples->end(), std::back_inserter(merged), starts_earlier);
      sum.samples = std::move(merged);
      slot.samples.reset();
    } else {
      sum.samples.reset();
    }
    // Part by part as for whole slots: bytes add, covered as the best member.
    if (sum.profile && slot.profile) {
      auto profile = std::make_shared<HourProfile>(*sum.profile);
      for (std::size_t i = 0; i < profile->parts.size(); ++i) {
        FivePart& total = profile->parts[i];
        const FivePart& member = slot.profile->parts[i];
        total.rx_bytes += member.rx_bytes;
        total.tx_bytes += member.tx_bytes;
        total.covered_ms = std::max(total.covered_ms, member.covered_ms);
      }
      sum.profile = std::move(profile);
    } else {
      sum.profile.reset();
    }
  }

  for (Slot& slot : slots) {
    if (slot.samples) {
      const auto [rx, tx] = peak_of_samples(*slot.samples, slot.start_ms, slot.end_ms);
      slot.totals.rx_peak_rate = rx.rate;
      slot.totals.rx_peak_at_ms = rx.at_ms.value_or(0);
      slot.totals.tx_peak_rate = tx.rate;
      slot.totals.tx_peak_at_ms = tx.at_ms.value_or(0);
    }
  }
  return TrafficSeries(std::move(slots), recorded, {}, percentiles);
}

double nearest_rank_p95(std::vector<double> values) {
  if (values.empty()) {
    return 0.0;
  }
  const std::size_t rank = (values.size() * 95 + 99) / 100; // ceil(0.95 n), in integers
  // The element a full ascending sort would put there, found in linear time.
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

} // namespace octolog

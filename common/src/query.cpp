#include "octolog/query.hpp"

#include "octolog/civil_time.hpp"
#include "octolog/error.hpp"

#include "bucket_rows.hpp"
#include "hour_buckets.hpp"
#include "raw_statement.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <limits>
#include <optional>
#include <span>
#include <utility>

namespace octolog {
namespace {

std::int64_t ceil_to(std::int64_t unix_ms, std::int64_t length_ms) {
  const std::int64_t floor = floor_to(unix_ms, length_ms);
  return floor == unix_ms ? floor : floor + length_ms;
}

// The keys of interface `id`'s rows that start in [from_ms, to_ms).
std::pair<std::int64_t, std::int64_t> key_range(std::int64_t id, std::int64_t from_ms,
                                                std::int64_t to_ms) {
  const auto clamp = [](std::int64_t ms) { return std::clamp<std::int64_t>(ms, 0, k_row_key_time_limit); };
  return {row_key(id, clamp(from_ms)), row_key(id, clamp(to_ms))};
}

// Appends the samples of the chunk of interface `id` that `row` (key,
// layout, samples) is on to `samples`; throws where they do not decode.
void decode_row(const RawStatement& row, std::int64_t id, std::vector<ChunkSample>& samples) {
  const std::int64_t minute_ms = floor_to(row.integer(0) - row_key(id, 0), k_minute_ms);
  if (!decode_chunk(minute_ms, row.integer(1), row.blob(2), samples)) {
    throw Error("the database is damaged: the samples of interface " + std::to_string(id) +
                " in the minute from " + std::to_string(minute_ms) + " ms do not decode");
  }
}

// Whether one of `cuts` (sorted) falls inside [start_ms, end_ms), not on
// its start.
bool cuts_inside(const std::vector<std::int64_t>& cuts, std::int64_t start_ms,
                 std::int64_t end_ms) {
  const auto cut = std::upper_bound(cuts.begin(), cuts.end(), start_ms);
  return cut != cuts.end() && *cut < end_ms;
}

bool cuts_inside(const std::vector<std::int64_t>& cuts, const Slot& slot) {
  return cuts_inside(cuts, slot.start_ms, slot.end_ms);
}

} // namespace

TrafficQuery::TrafficQuery(Store& store) : m_db(store.database()) {
  try {
    for (SQLite::Statement all(m_db, "SELECT id, name FROM interface"); all.executeStep();) {
      m_ids.emplace(all.getColumn(1).getString(), all.getColumn(0).getInt64());
    }
  } catch (const SQLite::Exception& e) {
    throw Error(std::string("cannot read the interface list: ") + e.what());
  }
}

TrafficQuery::~TrafficQuery() = default;

std::vector<std::string> TrafficQuery::interfaces() const {
  std::vector<std::string> names;
  names.reserve(m_ids.size());
  for (const auto& [name, id] : m_ids) {
    names.push_back(name);
  }
  return names;
}

bool TrafficQuery::has_interface(const std::string& name) const {
  return m_ids.find(name) != m_ids.end();
}

std::int64_t TrafficQuery::id_of(const std::string& name) const {
  const auto found = m_ids.find(name);
  if (found == m_ids.end()) {
    throw Error("no interface '" + name + "' in the database");
  }
  return found->second;
}

RawStatement& TrafficQuery::prepared(const std::string& sql) const {
  auto found = m_statements.find(sql);
  if (found == m_statements.end()) {
    found = m_statements.emplace(sql, std::make_unique<RawStatement>(m_db, sql)).first;
  }
  found->second->reset();
  return *found->second;
}

TimeWindow TrafficQuery::recorded_span(const std::string& name) const {
  return recorded(name).span;
}

bool TrafficQuery::may_hold_after(const std::string& name, std::int64_t at_ms) const {
  const Recorded& known = recorded(name);
  return known.span.length_ms() > 0 && at_ms < known.held_until_ms;
}

const TrafficQuery::Recorded& TrafficQuery::recorded(const std::string& name) const {
  const std::int64_t id = id_of(name);
  if (const auto known = m_spans.find(id); known != m_spans.end()) {
    return known->second;
  }
  return m_spans.emplace(id, read_recorded_span(id)).first->second;
}

TrafficQuery::Recorded TrafficQuery::read_recorded_span(std::int64_t id) const {
  // The first bucket's coverage is its tail, the last one's its head: where
  // recording began and ended, to within the gaps inside them.
  const auto edge =
      [&](const char* table, bool first, std::int64_t length_ms, std::int64_t from_ms,
          std::int64_t to_ms) -> std::optional<std::pair<std::int64_t, std::int64_t>> {
    RawStatement& query = prepared(std::string("SELECT key - ?1, ") + std::to_string(length_ms) +
                                   " - uncovered_ms FROM " + table +
                                   " WHERE key >= ?2 AND key < ?3 ORDER BY key " +
                                   (first ? "ASC" : "DESC") + " LIMIT 1");
    const auto [low, high] = key_range(id, from_ms, to_ms);
    query.bind(1, row_key(id, 0));
    query.bind(2, low);
    query.bind(3, high);
    if (!query.step()) {
      return std::nullopt;
    }
    const std::int64_t start = query.integer(0);
    const std::int64_t covered = std::clamp<std::int64_t>(query.integer(1), 0, length_ms);
    query.reset();
    return first ? std::pair{start + length_ms - covered, start}
                 : std::pair{start + covered, start};
  };
  constexpr std::int64_t k_min = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t k_max = std::numeric_limits<std::int64_t>::max();
  try {
    const auto first_hour = edge("bucket_hour", true, k_hour_ms, k_min, k_max);
    const auto last_hour = edge("bucket_hour", false, k_hour_ms, k_min, k_max);
    if (!first_hour || !last_hour) {
      return {};
    }
    const auto first_five = edge("bucket_5min", true, k_five_minutes_ms, first_hour->second,
                                 first_hour->second + k_hour_ms);
    const auto last_five = edge("bucket_5min", false, k_five_minutes_ms, last_hour->second,
                                last_hour->second + k_hour_ms);
    const auto [first_bucket_start, first_bucket] =
        first_five ? std::pair{first_five->second, k_five_minutes_ms}
                   : std::pair{first_hour->second, k_hour_ms};
    const auto [last_bucket_start, last_bucket] =
        last_five ? std::pair{last_five->second, k_five_minutes_ms}
                  : std::pair{last_hour->second, k_hour_ms};
    std::int64_t start = first_five ? first_five->first : first_hour->first;
    std::int64_t end = last_five ? last_five->first : last_hour->first;
    std::int64_t held_until = last_bucket_start + last_bucket;
    // Samples, where kept, show traffic that the guess above would leave out.
    // Buckets start on whole minutes, so the chunks keyed inside one hold
    // exactly its samples; samples follow one another, so the first chunk
    // starts the earliest and the last one ends the latest.
    if (const auto kept = edge_chunk(id, first_bucket_start, first_bucket_start + first_bucket,
                                     true);
        !kept.empty()) {
      start = std::min(start, kept.front().start_ms);
    }
    if (const auto kept = edge_chunk(id, last_bucket_start, last_bucket_start + last_bucket,
                                     false);
        !kept.empty()) {
      for (const ChunkSample& sample : kept) {
        end = std::max(end, sample.end_ms);
      }
      // Samples expire oldest first: the last chunk kept is the last one.
      held_until = end;
    }
    // One bucket both first and last: its coverage from its start.
    if (start > end) {
      start = std::max(first_bucket_start, end - (first_bucket_start + first_bucket - start));
    }
    return {{start, end}, held_until};
  } catch (const SQLite::Exception& e) {
    throw Error("cannot read the database: " + std::string(e.what()));
  }
}

template <typename Take>
void TrafficQuery::read_slots(const char* table, std::int64_t id, std::int64_t begin_ms,
                              std::int64_t end_ms, std::int64_t length_ms, Read read,
                              Take&& take) const {
  // Ranking a year of days by volume reads 4 columns a row instead of 10:
  // a tenth of the instructions of `--top`.
  const std::string columns = read == Read::volumes ? "key, rx_bytes, tx_bytes, uncovered_ms"
                              : read == Read::profiles && length_ms == k_hour_ms
                                  ? std::string(k_slot_columns) + ", profile"
                                  : std::string(k_slot_columns);
  RawStatement& query = prepared("SELECT " + columns + " FROM " + table +
                                 " WHERE key >= ? AND key < ? ORDER BY key");
  const auto [low, high] = key_range(id, begin_ms, end_ms);
  query.bind(1, low);
  query.bind(2, high);
  const std::int64_t base = row_key(id, 0);
  while (query.step()) {
    if (read == Read::volumes) {
      Slot slot;
      slot.start_ms = query.integer(0) - base;
      slot.end_ms = slot.start_ms + length_ms;
      slot.totals.rx_bytes = query.counter(1);
      slot.totals.tx_bytes = query.counter(2);
      slot.totals.covered_ms = length_ms - query.integer(3);
      take(std::move(slot));
      continue;
    }
    Slot slot = slot_of_row(query, base, length_ms);
    if (read == Read::profiles && length_ms == k_hour_ms && !query.is_null(k_slot_column_count)) {
      if (auto profile = decode_profile(query.blob(k_slot_column_count))) {
        slot.profile = std::make_shared<const HourProfile>(*profile);
      }
    }
    take(std::move(slot));
  }
}

void TrafficQuery::add_with_buckets(std::int64_t id, std::vector<Slot>::iterator first_hour,
                                    std::vector<Slot>::iterator last_hour, Read read,
                                    std::vector<Slot>& slots) const {
  // An hour goes in as its 5-minute buckets when they are all still there
  // (they add up to the hour), else as the hour. Buckets stream straight
  // into `slots`; an hour replaces its buckets once they fall short.
  auto hour = first_hour;
  std::size_t hour_first = slots.size(); // where the current hour's buckets begin in `slots`
  BucketTotals hour_sum;
  const auto close_hour = [&] {
    if (slots.size() == hour_first || !same_traffic(hour_sum, hour->totals)) {
      slots.resize(hour_first);
      slots.push_back(std::move(*hour));
    }
    ++hour;
    hour_first = slots.size();
    hour_sum = BucketTotals{};
  };
  read_slots("bucket_5min", id, first_hour->start_ms, std::prev(last_hour)->end_ms,
             k_five_minutes_ms, read, [&](Slot&& five) {
               while (hour != last_hour && hour->end_ms <= five.start_ms) {
                 close_hour();
               }
               if (hour != last_hour && hour->start_ms <= five.start_ms) {
                 hour_sum.merge(five.totals);
               } else {
                 hour_first = slots.size() + 1; // a bucket without its hour: keep what there is
               }
               slots.push_back(std::move(five));
             });
  while (hour != last_hour) {
    close_hour();
  }
}

void TrafficQuery::add_bucket_profiles(std::int64_t id, std::span<Slot> hours) const {
  const auto without = [](const Slot& hour) { return !hour.profile; };
  const auto first = std::find_if(hours.begin(), hours.end(), without);
  if (first == hours.end()) {
    return;
  }
  const auto last = std::find_if(hours.rbegin(), hours.rend(), without).base();
  RawStatement& buckets = prepared(std::string(k_bucket_profile_query));
  const auto [low, high] = key_range(id, first->start_ms, std::prev(last)->end_ms);
  buckets.bind(1, low);
  buckets.bind(2, high);
  octolog::add_bucket_profiles(buckets, row_key(id, 0), {first, last});
}

void TrafficQuery::read_hours(std::int64_t id, std::int64_t begin_ms, std::int64_t end_ms,
                              const std::vector<std::int64_t>& cuts, Read read,
                              std::vector<Slot>& slots) const {
  // An hour goes in whole, with its profile for the 95th percentile, unless a
  // window edge cuts it (its buckets, and their samples, place the traffic).
  const auto needs_buckets = [&](const Slot& hour) { return cuts_inside(cuts, hour); };
  // Straight into `slots`: over a year, most hours need nothing more.
  const std::size_t first = slots.size();
  bool any_needs_buckets = false;
  read_slots("bucket_hour", id, begin_ms, end_ms, k_hour_ms, read, [&](Slot&& hour) {
    any_needs_buckets = any_needs_buckets || needs_buckets(hour);
    slots.push_back(std::move(hour));
  });
  // An hour's profile is stored once its 5-minute buckets expire: until
  // then they give it, as they would have it stored.
  if (read == Read::profiles) {
    add_bucket_profiles(id, std::span<Slot>(slots).subspan(first));
  }
  if (!any_needs_buckets) {
    return;
  }
  std::vector<Slot> hours(std::make_move_iterator(slots.begin() + static_cast<std::ptrdiff_t>(first)),
                          std::make_move_iterator(slots.end()));
  slots.resize(first);
  for (auto hour = hours.begin(); hour != hours.end();) {
    if (!needs_buckets(*hour)) {
      slots.push_back(std::move(*hour));
      ++hour;
      continue;
    }
    auto run_end = std::next(hour);
    while (run_end != hours.end() && run_end->start_ms == std::prev(run_end)->end_ms &&
           needs_buckets(*run_end)) {
      ++run_end;
    }
    add_with_buckets(id, hour, run_end, read, slots);
    hour = run_end;
  }
}

void TrafficQuery::read_buckets(std::int64_t id, std::int64_t begin_ms, std::int64_t end_ms,
                                const std::vector<std::int64_t>& cuts, const Detail& detail,
                                std::vector<Slot>& slots) const {
  // A UTC month or day that lies whole inside the range, with no cut inside
  // (and its busiest parts stored, where percentiles are asked for), goes in
  // as one slot: a year's summary so reads a dozen months an interface
  // instead of 8,760 hours or 105,120 buckets. The rest goes in hour by hour.
  const Read read = detail.percentiles ? Read::profiles : Read::volumes;
  std::vector<Slot> whole;
  if (detail.days) {
    const std::int64_t first_day = ceil_to(begin_ms, k_day_ms);
    const std::int64_t last_day = floor_to(end_ms, k_day_ms);
    std::int64_t days_from = first_day;
    if (detail.months) {
      for (Slot& month : read_months(id, first_day, last_day, cuts)) {
        read_days(id, days_from, month.start_ms, read, whole);
        days_from = month.end_ms;
        whole.push_back(std::move(month));
      }
    }
    read_days(id, days_from, last_day, read, whole);
    std::erase_if(whole, [&](const Slot& day) { return cuts_inside(cuts, day); });
    if (detail.percentiles) {
      attach_day_tops(id, whole);
    }
  }
  std::int64_t from_ms = begin_ms;
  for (Slot& slot : whole) {
    if (from_ms < slot.start_ms) {
      read_hours(id, from_ms, slot.start_ms, cuts, read, slots);
    }
    from_ms = slot.end_ms;
    slots.push_back(std::move(slot));
  }
  if (from_ms < end_ms) {
    read_hours(id, from_ms, end_ms, cuts, read, slots);
  }
}

void TrafficQuery::read_days(std::int64_t id, std::int64_t begin_ms, std::int64_t end_ms,
                             Read read, std::vector<Slot>& days) const {
  if (begin_ms < end_ms) {
    read_slots("bucket_day", id, begin_ms, end_ms, k_day_ms, read,
               [&](Slot&& day) { days.push_back(std::move(day)); });
  }
}

std::vector<Slot> TrafficQuery::read_months(std::int64_t id, std::int64_t begin_ms,
                                            std::int64_t end_ms,
                                            const std::vector<std::int64_t>& cuts) const {
  std::int64_t first = utc_month_start(begin_ms);
  if (first < begin_ms) {
    first = next_utc_month_start(first);
  }
  std::vector<Slot> months;
  // Nothing to read unless a month lies whole in the range with no cut
  // inside (ranking days by volume cuts every day).
  bool any = false;
  for (std::int64_t start = first; !any && next_utc_month_start(start) <= end_ms;
       start = next_utc_month_start(start)) {
    any = !cuts_inside(cuts, start, next_utc_month_start(start));
  }
  if (!any) {
    return months;
  }
  RawStatement& rows = prepared("SELECT " + std::string(k_slot_columns) +
                                ", top FROM bucket_month_top WHERE key >= ? AND key < ? ORDER BY key");
  const auto [low, high] = key_range(id, first, end_ms);
  rows.bind(1, low);
  rows.bind(2, high);
  const std::int64_t base = row_key(id, 0);
  while (rows.step()) {
    const std::int64_t start_ms = rows.integer(0) - base;
    const std::int64_t month_end_ms = next_utc_month_start(start_ms);
    if (month_end_ms > end_ms) {
      break;
    }
    if (utc_month_start(start_ms) != start_ms) { // not a month's row: its days are read
      continue;
    }
    Slot month = slot_of_row(rows, base, month_end_ms - start_ms);
    if (cuts_inside(cuts, month)) {
      continue;
    }
    auto top = decode_month_top(rows.blob(k_slot_column_count));
    if (!top) {
      continue;
    }
    month.top = std::make_shared<const DayTop>(std::move(*top));
    months.push_back(std::move(month));
  }
  rows.reset();
  return months;
}

void TrafficQuery::attach_day_tops(std::int64_t id, std::vector<Slot>& slots) const {
  // Each run of days between months in one scan, in key order with its rows:
  // a lookup from each day would be one search each.
  RawStatement& tops =
      prepared("SELECT key, top FROM bucket_day_top WHERE key >= ? AND key < ? ORDER BY key");
  const std::int64_t base = row_key(id, 0);
  const auto is_day = [](const Slot& slot) { return slot.end_ms - slot.start_ms == k_day_ms; };
  for (auto run = slots.begin(); run != slots.end();) {
    if (!is_day(*run)) {
      ++run;
      continue;
    }
    const auto run_end = std::find_if_not(run, slots.end(), is_day);
    const auto [low, high] = key_range(id, run->start_ms, std::prev(run_end)->end_ms);
    tops.reset();
    tops.bind(1, low);
    tops.bind(2, high);
    auto day = run;
    while (tops.step()) {
      const std::int64_t start_ms = tops.integer(0) - base;
      while (day != run_end && day->start_ms < start_ms) {
        ++day;
      }
      if (day == run_end) {
        break;
      }
      if (day->start_ms == start_ms) {
        if (auto top = decode_day_top(tops.blob(1))) {
          day->top = std::make_shared<const DayTop>(std::move(*top));
        }
      }
    }
    tops.reset();
    run = run_end;
  }
  std::erase_if(slots, [](const Slot& slot) { return !slot.top; });
}

void TrafficQuery::attach_kept_samples(std::int64_t id, std::span<Slot> slots) const {
  if (slots.empty()) {
    return;
  }
  // A minute's chunks are keyed from its start: the first minute may hold
  // samples from before the first slot, and none starts before its chunk's key.
  RawStatement& query =
      prepared("SELECT key, layout, samples FROM sample_minute WHERE key >= ? AND key < ? ORDER BY key");
  const auto [low, high] = key_range(
      id, floor_to(std::max<std::int64_t>(slots.front().start_ms, 0), k_minute_ms),
      slots.back().end_ms);
  query.bind(1, low);
  query.bind(2, high);
  // One slot's samples are gathered here and then copied to a vector of
  // their own size: two days of a sum's samples were twice their size
  // in vectors grown by doubling, and each page of that is a fault.
  std::vector<SamplePiece> pieces;
  std::uint64_t rx = 0;
  std::uint64_t tx = 0;
  std::uint64_t packets = 0;
  auto slot = slots.begin();
  const auto finish_slot = [&] {
    // The samples' sums match the slot's: none has expired.
    if (rx == slot->totals.rx_bytes && tx == slot->totals.tx_bytes &&
        packets == slot->totals.rx_packets + slot->totals.tx_packets) {
      slot->samples.emplace(pieces.begin(), pieces.end());
    }
    pieces.clear();
    rx = tx = packets = 0;
    ++slot;
  };
  std::vector<ChunkSample> chunk;
  while (slot != slots.end() && query.step()) {
    chunk.clear();
    decode_row(query, id, chunk);
    for (const ChunkSample& kept : chunk) {
      while (slot != slots.end() && slot->end_ms <= kept.start_ms) {
        finish_slot();
      }
      if (slot == slots.end()) {
        break;
      }
      if (kept.start_ms < slot->start_ms) {
        continue; // before the slot: in a gap between slots, or before the first
      }
      pieces.push_back({kept.start_ms, kept.end_ms, kept.rx_bytes, kept.tx_bytes,
                        (kept.flags & k_flag_compressed) == 0});
      rx += kept.rx_bytes;
      tx += kept.tx_bytes;
      packets += kept.rx_packets + kept.tx_packets;
    }
  }
  query.reset();
  while (slot != slots.end()) {
    finish_slot();
  }
}

std::vector<ChunkSample> TrafficQuery::edge_chunk(std::int64_t id, std::int64_t from_ms,
                                                  std::int64_t to_ms, bool first) const {
  RawStatement& query = prepared(std::string("SELECT key, layout, samples FROM sample_minute "
                                             "WHERE key >= ? AND key < ? ORDER BY key ") +
                                 (first ? "ASC" : "DESC") + " LIMIT 1");
  const auto [low, high] = key_range(id, from_ms, to_ms);
  query.bind(1, low);
  query.bind(2, high);
  std::vector<ChunkSample> samples;
  if (query.step()) {
    decode_row(query, id, samples);
  }
  query.reset();
  return samples;
}

void TrafficQuery::attach_samples(std::int64_t id, std::vector<Slot>& slots,
                                  const Detail& detail) const {
  if (detail.all_samples) {
    attach_kept_samples(id, slots);
    return;
  }
  std::vector<std::int64_t> cuts = detail.cuts;
  std::sort(cuts.begin(), cuts.end());
  for (Slot& slot : slots) {
    if (cuts_inside(cuts, slot)) {
      attach_kept_samples(id, std::span<Slot>(&slot, 1));
    }
  }
}

TrafficSeries TrafficQuery::load(const std::string& name, const TimeWindow& range,
                                 const Detail& detail) const {
  return load(name, std::vector<TimeWindow>{range}, detail);
}

TrafficSeries TrafficQuery::load(const std::string& name, const std::vector<TimeWindow>& ranges,
                                 const Detail& detail) const {
  const std::int64_t id = id_of(name);
  // Whole hours, in time order, merged where they overlap or meet.
  std::vector<TimeWindow> whole_hours;
  for (const TimeWindow& range : ranges) {
    whole_hours.push_back({floor_to(range.start_ms, k_hour_ms), ceil_to(range.end_ms, k_hour_ms)});
  }
  const std::vector<TimeWindow> merged = union_of(std::move(whole_hours));
  std::vector<Slot> slots;
  try {
    std::vector<std::int64_t> cuts = detail.cuts;
    std::sort(cuts.begin(), cuts.end());
    for (const TimeWindow& range : merged) {
      read_buckets(id, range.start_ms, range.end_ms, cuts, detail, slots);
    }
    attach_samples(id, slots, detail);
  } catch (const SQLite::Exception& e) {
    throw Error("cannot read the database: " + std::string(e.what()));
  }
  // A month's days (each with its top, or as hours without one), or a day's
  // hours, where its busiest parts do not settle a percentile.
  SlotLoader finer = [this, id](std::int64_t start_ms, std::int64_t end_ms) {
    std::vector<Slot> parts;
    try {
      if (end_ms - start_ms > k_day_ms) {
        Detail days;
        days.months = false;
        read_buckets(id, start_ms, end_ms, {}, days, parts);
      } else {
        read_hours(id, start_ms, end_ms, {}, Read::profiles, parts);
      }
    } catch (const SQLite::Exception& e) {
      throw Error("cannot read the database: " + std::string(e.what()));
    }
    return parts;
  };
  return TrafficSeries(std::move(slots), recorded_span(name), std::move(finer),
                       detail.percentiles);
}

} // namespace octolog

#include "octolog/query.hpp"

#include "octolog/error.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <limits>
#include <optional>
#include <utility>

namespace octolog {
namespace {

std::int64_t ceil_to(std::int64_t unix_ms, std::int64_t length_ms) {
  const std::int64_t floor = floor_to(unix_ms, length_ms);
  return floor == unix_ms ? floor : floor + length_ms;
}

bool same_traffic(const BucketTotals& a, const BucketTotals& b) {
  return a.rx_bytes == b.rx_bytes && a.tx_bytes == b.tx_bytes && a.rx_packets == b.rx_packets &&
         a.tx_packets == b.tx_packets && a.covered_ms == b.covered_ms;
}

// The samples' sums match the slot's: none has expired.
bool accounts_for(const std::vector<SamplePiece>& samples,
                  const std::vector<std::uint64_t>& packets, const BucketTotals& totals) {
  std::uint64_t rx = 0;
  std::uint64_t tx = 0;
  for (const SamplePiece& sample : samples) {
    rx += sample.rx_bytes;
    tx += sample.tx_bytes;
  }
  std::uint64_t all_packets = 0;
  for (const std::uint64_t count : packets) {
    all_packets += count;
  }
  return rx == totals.rx_bytes && tx == totals.tx_bytes &&
         all_packets == totals.rx_packets + totals.tx_packets;
}

struct StoredSample {
  SamplePiece piece;
  std::uint64_t packets = 0;
};

// Gives each slot of [first, last) its samples, from `samples` in time order,
// where they account for all of its traffic.
void attach(std::vector<Slot>::iterator first, std::vector<Slot>::iterator last,
            const std::vector<StoredSample>& samples) {
  auto sample = samples.begin();
  for (auto slot = first; slot != last; ++slot) {
    while (sample != samples.end() && sample->piece.start_ms < slot->start_ms) {
      ++sample;
    }
    std::vector<SamplePiece> pieces;
    std::vector<std::uint64_t> packets;
    for (; sample != samples.end() && sample->piece.start_ms < slot->end_ms; ++sample) {
      pieces.push_back(sample->piece);
      packets.push_back(sample->packets);
    }
    if (accounts_for(pieces, packets, slot->totals)) {
      slot->samples = std::move(pieces);
    }
  }
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

TimeWindow TrafficQuery::recorded_span(const std::string& name) const {
  const std::int64_t id = id_of(name);
  // The first bucket's coverage is its tail, the last one's its head: where
  // recording began and ended, to within the gaps inside them.
  const auto edge =
      [&](const char* table, bool first, std::int64_t length_ms, std::int64_t from_ms,
          std::int64_t to_ms) -> std::optional<std::pair<std::int64_t, std::int64_t>> {
    SQLite::Statement query(m_db, std::string("SELECT start_ms, covered_ms FROM ") + table +
                                      " WHERE interface_id = ? AND start_ms >= ? AND start_ms < ?"
                                      " ORDER BY start_ms " +
                                      (first ? "ASC" : "DESC") + " LIMIT 1");
    query.bind(1, id);
    query.bind(2, from_ms);
    query.bind(3, to_ms);
    if (!query.executeStep()) {
      return std::nullopt;
    }
    const std::int64_t start = query.getColumn(0).getInt64();
    const std::int64_t covered =
        std::clamp<std::int64_t>(query.getColumn(1).getInt64(), 0, length_ms);
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
    // Samples, where kept, show traffic that the guess above would leave out.
    SQLite::Statement samples(m_db, R"sql(
      SELECT min(start_ms), max(end_ms) FROM sample
      WHERE interface_id = ? AND start_ms >= ? AND start_ms < ?)sql");
    const auto sample_span = [&](std::int64_t from_ms, std::int64_t length_ms) {
      samples.reset();
      samples.bind(1, id);
      samples.bind(2, from_ms);
      samples.bind(3, from_ms + length_ms);
      samples.executeStep();
      return samples.getColumn(0).isNull()
                 ? std::optional<TimeWindow>{}
                 : TimeWindow{samples.getColumn(0).getInt64(), samples.getColumn(1).getInt64()};
    };
    if (const auto kept = sample_span(first_bucket_start, first_bucket)) {
      start = std::min(start, kept->start_ms);
    }
    if (const auto kept = sample_span(last_bucket_start, last_bucket)) {
      end = std::max(end, kept->end_ms);
    }
    // One bucket both first and last: its coverage from its start.
    if (start > end) {
      start = std::max(first_bucket_start, end - (first_bucket_start + first_bucket - start));
    }
    return {start, end};
  } catch (const SQLite::Exception& e) {
    throw Error("cannot read the database: " + std::string(e.what()));
  }
}

void TrafficQuery::read_slots(const char* table, std::int64_t id, std::int64_t begin_ms,
                              std::int64_t end_ms, std::int64_t length_ms,
                              const std::function<void(Slot&&)>& take) const {
  SQLite::Statement query(m_db, std::string(R"sql(
    SELECT start_ms, rx_bytes, tx_bytes, rx_packets, tx_packets, rx_peak_rate,
           coalesce(rx_peak_at_ms, 0), tx_peak_rate, coalesce(tx_peak_at_ms, 0), covered_ms
    FROM )sql") + table + R"sql(
    WHERE interface_id = ? AND start_ms >= ? AND start_ms < ? ORDER BY start_ms)sql");
  query.bind(1, id);
  query.bind(2, begin_ms);
  query.bind(3, end_ms);
  while (query.executeStep()) {
    Slot slot;
    slot.start_ms = query.getColumn(0).getInt64();
    slot.end_ms = slot.start_ms + length_ms;
    slot.totals.rx_bytes = static_cast<std::uint64_t>(query.getColumn(1).getInt64());
    slot.totals.tx_bytes = static_cast<std::uint64_t>(query.getColumn(2).getInt64());
    slot.totals.rx_packets = static_cast<std::uint64_t>(query.getColumn(3).getInt64());
    slot.totals.tx_packets = static_cast<std::uint64_t>(query.getColumn(4).getInt64());
    slot.totals.rx_peak_rate = query.getColumn(5).getDouble();
    slot.totals.rx_peak_at_ms = query.getColumn(6).getInt64();
    slot.totals.tx_peak_rate = query.getColumn(7).getDouble();
    slot.totals.tx_peak_at_ms = query.getColumn(8).getInt64();
    slot.totals.covered_ms = query.getColumn(9).getInt64();
    take(std::move(slot));
  }
}

std::vector<Slot> TrafficQuery::read_buckets(std::int64_t id, std::int64_t begin_ms,
                                             std::int64_t end_ms) const {
  std::vector<Slot> hours;
  read_slots("bucket_hour", id, begin_ms, end_ms, k_hour_ms,
             [&](Slot&& hour) { hours.push_back(std::move(hour)); });

  // An hour goes in as its 5-minute buckets when they are all still there
  // (they add up to the hour), else as the hour. Buckets stream straight
  // into `slots`; an hour replaces its buckets once they fall short.
  std::vector<Slot> slots;
  slots.reserve(hours.size() + static_cast<std::size_t>(std::clamp<std::int64_t>(
                                   (end_ms - begin_ms) / k_five_minutes_ms, 0, 1 << 21)));
  auto hour = hours.begin();
  std::size_t hour_first = 0; // where the current hour's buckets begin in `slots`
  BucketTotals hour_sum;
  const auto close_hour = [&] {
    if (slots.size() == hour_first || !same_traffic(hour_sum, hour->totals)) {
      slots.resize(hour_first);
      slots.push_back(*hour);
    }
    ++hour;
    hour_first = slots.size();
    hour_sum = BucketTotals{};
  };
  read_slots("bucket_5min", id, begin_ms, end_ms, k_five_minutes_ms, [&](Slot&& five) {
    while (hour != hours.end() && hour->end_ms <= five.start_ms) {
      close_hour();
    }
    if (hour != hours.end() && hour->start_ms <= five.start_ms) {
      hour_sum.merge(five.totals);
    } else {
      hour_first = slots.size() + 1; // a bucket without its hour: keep what there is
    }
    slots.push_back(std::move(five));
  });
  while (hour != hours.end()) {
    close_hour();
  }
  return slots;
}

void TrafficQuery::attach_samples(std::int64_t id, std::vector<Slot>& slots,
                                  const Detail& detail) const {
  SQLite::Statement query(m_db, R"sql(
    SELECT start_ms, end_ms, rx_bytes, tx_bytes, rx_packets + tx_packets, flags FROM sample
    WHERE interface_id = ? AND start_ms >= ? AND start_ms < ? ORDER BY start_ms)sql");
  const auto samples_of = [&](std::int64_t from_ms, std::int64_t to_ms) {
    query.reset();
    query.bind(1, id);
    query.bind(2, from_ms);
    query.bind(3, to_ms);
    std::vector<StoredSample> samples;
    while (query.executeStep()) {
      StoredSample sample;
      sample.piece.start_ms = query.getColumn(0).getInt64();
      sample.piece.end_ms = query.getColumn(1).getInt64();
      sample.piece.rx_bytes = static_cast<std::uint64_t>(query.getColumn(2).getInt64());
      sample.piece.tx_bytes = static_cast<std::uint64_t>(query.getColumn(3).getInt64());
      sample.packets = static_cast<std::uint64_t>(query.getColumn(4).getInt64());
      sample.piece.has_rate = (query.getColumn(5).getInt64() & k_flag_compressed) == 0;
      samples.push_back(sample);
    }
    return samples;
  };

  if (detail.all_samples) {
    if (!slots.empty()) {
      attach(slots.begin(), slots.end(), samples_of(slots.front().start_ms, slots.back().end_ms));
    }
    return;
  }
  std::vector<std::int64_t> cuts = detail.cuts;
  std::sort(cuts.begin(), cuts.end());
  for (auto slot = slots.begin(); slot != slots.end(); ++slot) {
    const auto after_start = std::upper_bound(cuts.begin(), cuts.end(), slot->start_ms);
    if (after_start != cuts.end() && *after_start < slot->end_ms) {
      attach(slot, slot + 1, samples_of(slot->start_ms, slot->end_ms));
    }
  }
}

TrafficSeries TrafficQuery::load(const std::string& name, const TimeWindow& range,
                                 const Detail& detail) const {
  const std::int64_t id = id_of(name);
  std::vector<Slot> slots;
  try {
    slots = read_buckets(id, floor_to(range.start_ms, k_hour_ms), ceil_to(range.end_ms, k_hour_ms));
    attach_samples(id, slots, detail);
  } catch (const SQLite::Exception& e) {
    throw Error("cannot read the database: " + std::string(e.what()));
  }
  return TrafficSeries(std::move(slots), recorded_span(name));
}

} // namespace octolog

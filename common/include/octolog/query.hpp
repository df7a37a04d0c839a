#pragma once

#include "octolog/store.hpp"
#include "octolog/traffic_series.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace octolog {

// Reads recorded traffic back out of a Store for reports, with SELECTs only.
class TrafficQuery {
public:
  explicit TrafficQuery(Store& store);

  // Every interface the database has a record of, sorted by name.
  [[nodiscard]] std::vector<std::string> interfaces() const;

  [[nodiscard]] bool has_interface(const std::string& name) const;

  // From the first to the last instant recorded for `name`, as far as the
  // coverage of its first and last buckets tells; empty when nothing is.
  [[nodiscard]] TimeWindow recorded_span(const std::string& name) const;

  // What to load with the buckets.
  struct Detail {
    // Window edges: a bucket that one cuts gets its samples, when kept.
    std::vector<std::int64_t> cuts;
    // Every bucket gets its samples, when kept (for the peak of a sum).
    bool all_samples = false;
  };

  // The series of `name` around `range`: its hours, as their 5-minute buckets
  // (where all of an hour's are kept) where a cut falls inside, and samples
  // as `detail` asks.
  [[nodiscard]] TrafficSeries load(const std::string& name, const TimeWindow& range,
                                   const Detail& detail) const;

private:
  [[nodiscard]] std::int64_t id_of(const std::string& name) const;
  // The hours of `id` in [begin_ms, end_ms), as their 5-minute buckets where
  // one of `cuts` (sorted) falls inside or they lack a profile.
  [[nodiscard]] std::vector<Slot> read_buckets(std::int64_t id, std::int64_t begin_ms,
                                               std::int64_t end_ms,
                                               const std::vector<std::int64_t>& cuts) const;
  // Appends the hours [first_hour, last_hour), one after another in time, to
  // `slots` as their 5-minute buckets where those add up to the hour.
  void add_with_buckets(std::int64_t id, std::vector<Slot>::iterator first_hour,
                        std::vector<Slot>::iterator last_hour, std::vector<Slot>& slots) const;
  void attach_samples(std::int64_t id, std::vector<Slot>& slots, const Detail& detail) const;
  // Hands each stored bucket of `table` in [begin_ms, end_ms) to `take`, in time order.
  template <typename Take>
  void read_slots(const char* table, std::int64_t id, std::int64_t begin_ms, std::int64_t end_ms,
                  std::int64_t length_ms, Take&& take) const;

  SQLite::Database& m_db;
  std::map<std::string, std::int64_t, std::less<>> m_ids;
};

} // namespace octolog

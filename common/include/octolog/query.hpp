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
    // UTC days that no cut falls inside come as one slot each, with their
    // busiest 5-minute parts; false for members of a sum (whose busiest
    // parts do not add up).
    bool days = true;
  };

  // The series of `name` around `range`: its days and hours, as hours and
  // then 5-minute buckets (where all of an hour's are kept) where a cut
  // falls inside, and samples as `detail` asks. The series reads a day's
  // hours through this query when a percentile needs them: it must not
  // outlive the query.
  [[nodiscard]] TrafficSeries load(const std::string& name, const TimeWindow& range,
                                   const Detail& detail) const;

private:
  [[nodiscard]] std::int64_t id_of(const std::string& name) const;
  // The slots of `id` in [begin_ms, end_ms) (whole hours): whole UTC days
  // where `days` and no cut falls inside, else read_hours().
  [[nodiscard]] std::vector<Slot> read_buckets(std::int64_t id, std::int64_t begin_ms,
                                               std::int64_t end_ms,
                                               const std::vector<std::int64_t>& cuts,
                                               bool days) const;
  // Appends to `slots` the hours of `id` in [begin_ms, end_ms), as their
  // 5-minute buckets where one of `cuts` (sorted) falls inside or they lack
  // a profile.
  void read_hours(std::int64_t id, std::int64_t begin_ms, std::int64_t end_ms,
                  const std::vector<std::int64_t>& cuts, std::vector<Slot>& slots) const;
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

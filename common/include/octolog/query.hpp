#pragma once

#include "octolog/sample_chunk.hpp"
#include "octolog/store.hpp"
#include "octolog/traffic_series.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace octolog {

class RawStatement;

// Reads recorded traffic back out of a Store for reports, with SELECTs only.
class TrafficQuery {
public:
  explicit TrafficQuery(Store& store);
  ~TrafficQuery();
  TrafficQuery(const TrafficQuery&) = delete;
  TrafficQuery& operator=(const TrafficQuery&) = delete;

  // Every interface the database has a record of, sorted by name.
  [[nodiscard]] std::vector<std::string> interfaces() const;

  [[nodiscard]] bool has_interface(const std::string& name) const;

  // From the first to the last instant recorded for `name`, as far as the
  // coverage of its first and last buckets tells; empty when nothing is.
  // Read once per interface: a query reads one snapshot of the database
  // (as its interface list, read when it is made).
  [[nodiscard]] TimeWindow recorded_span(const std::string& name) const;

  // Whether traffic of `name` may have been recorded at or after `at_ms`:
  // before the end of its recorded span, or before the end of its last
  // bucket where no samples of that bucket are kept (its coverage, taken to
  // be its head, then places the end only to within the bucket).
  [[nodiscard]] bool may_hold_after(const std::string& name, std::int64_t at_ms) const;

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
    // UTC months that no cut falls inside come as one slot each, with their
    // busiest parts, where `days` is true.
    bool months = true;
    // Whether the series is to give 95th percentiles and peaks: hours come
    // with their profiles, days with their busiest parts. Without, rows are
    // read without their peaks and packets, and only bytes and coverage are
    // measured (ranking days by volume).
    bool percentiles = true;
  };

  // The series of `name` around `range`: its days and hours, as hours and
  // then 5-minute buckets (where all of an hour's are kept) where a cut
  // falls inside, and samples as `detail` asks. The series reads a day's
  // hours through this query when a percentile needs them: it must not
  // outlive the query.
  [[nodiscard]] TrafficSeries load(const std::string& name, const TimeWindow& range,
                                   const Detail& detail) const;
  // The same around each of `ranges` (any order; they may overlap), as one
  // series: what lies between them is not read.
  [[nodiscard]] TrafficSeries load(const std::string& name, const std::vector<TimeWindow>& ranges,
                                   const Detail& detail) const;

private:
  // What is read of each bucket row.
  enum class Read {
    volumes,  // bytes and coverage: enough to rank by volume
    totals,   // every column of BucketTotals
    profiles, // totals, and an hour's profile (other rows: totals)
  };

  [[nodiscard]] std::int64_t id_of(const std::string& name) const;
  // A recorded span, and the latest instant its traffic can reach.
  struct Recorded {
    TimeWindow span;
    std::int64_t held_until_ms = 0;
  };
  [[nodiscard]] const Recorded& recorded(const std::string& name) const;
  [[nodiscard]] Recorded read_recorded_span(std::int64_t id) const;
  // Appends the slots of `id` in [begin_ms, end_ms) (whole hours): whole
  // UTC months and days where `detail` allows and no cut falls inside, else
  // read_hours().
  void read_buckets(std::int64_t id, std::int64_t begin_ms, std::int64_t end_ms,
                    const std::vector<std::int64_t>& cuts, const Detail& detail,
                    std::vector<Slot>& slots) const;
  // Appends the UTC days of `id` that start in [begin_ms, end_ms), without
  // tops, to `days`.
  void read_days(std::int64_t id, std::int64_t begin_ms, std::int64_t end_ms, Read read,
                 std::vector<Slot>& days) const;
  // The UTC months of `id` that lie whole in [begin_ms, end_ms) (whole
  // days), have no cut inside and a row whose top is good, each as one slot
  // with its top, in time order. A row is as fresh as its days: a change to
  // one of them deletes it (schema version 9).
  [[nodiscard]] std::vector<Slot> read_months(std::int64_t id, std::int64_t begin_ms,
                                              std::int64_t end_ms,
                                              const std::vector<std::int64_t>& cuts) const;
  // Gives each day of `slots` (days and months in time order) its top, and
  // drops the days that have none.
  void attach_day_tops(std::int64_t id, std::vector<Slot>& slots) const;
  // Appends to `slots` the hours of `id` in [begin_ms, end_ms), as their
  // 5-minute buckets where one of `cuts` (sorted) falls inside; where
  // `read` asks for profiles, an hour without one gets the one its buckets
  // make.
  void read_hours(std::int64_t id, std::int64_t begin_ms, std::int64_t end_ms,
                  const std::vector<std::int64_t>& cuts, Read read,
                  std::vector<Slot>& slots) const;
  // Appends the hours [first_hour, last_hour), one after another in time, to
  // `slots` as their 5-minute buckets where those add up to the hour.
  void add_with_buckets(std::int64_t id, std::vector<Slot>::iterator first_hour,
                        std::vector<Slot>::iterator last_hour, Read read,
                        std::vector<Slot>& slots) const;
  // Gives each of `hours` (of `id`, in time order) that has no profile the
  // one its 5-minute buckets make, where they add up to it: one read of the
  // buckets, from the first such hour to the last.
  void add_bucket_profiles(std::int64_t id, std::span<Slot> hours) const;
  void attach_samples(std::int64_t id, std::vector<Slot>& slots, const Detail& detail) const;
  // Gives each of `slots` (of `id`, in time order) the samples kept of it,
  // where they account for all of its traffic: one read of the samples from
  // the first slot's start to the last one's end.
  void attach_kept_samples(std::int64_t id, std::span<Slot> slots) const;
  // The samples of the first (or else the last) chunk of `id` keyed in
  // [from_ms, to_ms), which are whole minutes.
  [[nodiscard]] std::vector<ChunkSample> edge_chunk(std::int64_t id, std::int64_t from_ms,
                                                    std::int64_t to_ms, bool first) const;
  // Hands each stored bucket of `table` in [begin_ms, end_ms) to `take`, in
  // time order, with what `read` asks for.
  template <typename Take>
  void read_slots(const char* table, std::int64_t id, std::int64_t begin_ms, std::int64_t end_ms,
                  std::int64_t length_ms, Read read, Take&& take) const;

  // The statement of `sql`, prepared on first use and reset for another.
  // Preparing costs more than the small reads a report makes by the dozen
  // for each interface; no two uses of one statement overlap.
  RawStatement& prepared(const std::string& sql) const;

  SQLite::Database& m_db;
  std::map<std::string, std::int64_t, std::less<>> m_ids;
  mutable std::map<std::string, std::unique_ptr<RawStatement>, std::less<>> m_statements;
  mutable std::map<std::int64_t, Recorded> m_spans;
};

} // namespace octolog

#pragma once

#include "octolog/hour_profile.hpp"
#include "octolog/traffic_series.hpp"

#include "raw_statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace octolog {

// Whether `a` and `b` hold the same traffic: bytes, packets and time covered.
[[nodiscard]] bool same_traffic(const BucketTotals& a, const BucketTotals& b);

// An hour's profile gathered from its 5-minute buckets, one at a time.
class HourFromBuckets {
public:
  explicit HourFromBuckets(std::int64_t hour_start_ms) : m_start_ms(hour_start_ms) {}

  // Adds the bucket that starts at `bucket_start_ms` (inside the hour).
  void add(std::int64_t bucket_start_ms, const BucketTotals& bucket);

  // The profile the buckets added make, where they hold all of the traffic
  // of the hour whose sums are `hour`; see profile_from_buckets().
  [[nodiscard]] std::optional<HourProfile> profile(const BucketTotals& hour) const;

private:
  std::int64_t m_start_ms;
  bool m_any = false;
  BucketTotals m_sum;
  HourProfile m_profile;
};

// The profile that `buckets` (5-minute slots inside `hour`, any order) make of
// the hour, where they hold all of its traffic. An hour's profile is stored
// only once its buckets expire (schema version 6); until then they give it.
// nullopt where they do not add up to the hour: none are stored, or some
// have expired while the hour has no profile (recorded before version 3).
[[nodiscard]] std::optional<HourProfile> profile_from_buckets(const Slot& hour,
                                                              std::span<const Slot> buckets);

// An hour as stored, with its profile: the one stored with it, else the one
// its 5-minute buckets make, else none.
struct StoredHour {
  Slot slot;
  std::optional<HourProfile> profile;
  bool profile_stored = false; // the profile is the hour's own (it decodes)
};

// Reads hours with their profiles for the recorder's rollups (a day's top,
// the expiry of 5-minute buckets).
class StoredHours {
public:
  explicit StoredHours(SQLite::Database& db);

  // The hours of interface `interface_id` that start in [from_ms, to_ms), in
  // time order. The buckets are read in one range, and only where an hour
  // has no profile of its own.
  [[nodiscard]] std::vector<StoredHour> read(std::int64_t interface_id, std::int64_t from_ms,
                                             std::int64_t to_ms);

private:
  // Gives each of `hours` (of `interface_id`, in time order, inside
  // [from_ms, to_ms)) that has no profile the one its buckets make.
  void add_bucket_profiles(std::int64_t interface_id, std::int64_t from_ms, std::int64_t to_ms,
                           std::vector<StoredHour>& hours);

  RawStatement m_hours;
  RawStatement m_buckets;
};

} // namespace octolog

#pragma once

#include "octolog/hour_profile.hpp"
#include "octolog/traffic_series.hpp"

#include "raw_statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
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

  // The profile that the buckets added make of the hour whose sums are
  // `hour`, where they hold all of its traffic; nullopt where they do not
  // add up to it: none were added, or some have expired while the hour has
  // no profile (recorded before schema version 3).
  [[nodiscard]] std::optional<HourProfile> profile(const BucketTotals& hour) const;

private:
  std::int64_t m_start_ms;
  bool m_any = false;
  BucketTotals m_sum;
  HourProfile m_profile;
};

// What add_bucket_profiles() reads: the 5-minute buckets with keys in
// [?1, ?2) in key order, with what a profile needs of each and what tells
// that they add up to their hour (a day's rebuild reads 288 of them an
// interface at every flush).
inline constexpr std::string_view k_bucket_profile_query = R"sql(
  SELECT key, rx_bytes, tx_bytes, rx_packets, tx_packets, uncovered_ms FROM bucket_5min
  WHERE key >= ? AND key < ? ORDER BY key)sql";

// Gives each of `hours` (slots of one interface, whose keys start at
// `base_key`, in time order) that has no profile the one its 5-minute
// buckets make, where they add up to it. An hour's profile is stored only
// once its buckets expire (schema version 7); until then they give it.
// `buckets` is k_bucket_profile_query, bound to a range of keys that holds
// those hours' buckets: it is stepped through once, then reset.
void add_bucket_profiles(RawStatement& buckets, std::int64_t base_key, std::span<Slot> hours);

// Reads an interface's hours with their profiles, for the recorder's
// rollups (a day's top, the expiry of 5-minute buckets).
class StoredHours {
public:
  explicit StoredHours(SQLite::Database& db);

  // The hours of interface `interface_id` that start in [from_ms, to_ms), in
  // time order, each with the profile stored with it (where one decodes).
  [[nodiscard]] std::vector<Slot> read(std::int64_t interface_id, std::int64_t from_ms,
                                       std::int64_t to_ms);

  // Gives each of `hours` (of `interface_id`, in time order) that has no
  // profile the one its buckets make (see add_bucket_profiles()): one read
  // of the buckets, from the first such hour to the last.
  void add_bucket_profiles(std::int64_t interface_id, std::vector<Slot>& hours);

private:
  RawStatement m_hours;
  RawStatement m_buckets;
};

} // namespace octolog

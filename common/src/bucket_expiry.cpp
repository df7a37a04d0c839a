#include "bucket_expiry.hpp"

#include "octolog/store.hpp"

#include <algorithm>
#include <vector>

namespace octolog {
namespace {

// A day's hours at a time: the buckets of one read are held in memory, and
// far more than an hour's expire at once only after a long stop or when the
// retention is shortened.
constexpr std::int64_t k_hours_per_read = 24;

} // namespace

BucketExpiry::BucketExpiry(SQLite::Database& db)
    : m_hours(db),
      m_first(db, "SELECT key FROM bucket_5min WHERE key >= ? AND key < ? ORDER BY key LIMIT 1"),
      m_store_profile(db, "UPDATE bucket_hour SET profile = ? WHERE key = ?"),
      m_delete(db, "DELETE FROM bucket_5min WHERE key >= ? AND key < ?") {}

void BucketExpiry::expire(std::int64_t interface_id, std::int64_t before_ms) {
  const std::int64_t first_key = row_key(interface_id, 0);
  m_first.reset();
  m_first.bind(1, first_key);
  m_first.bind(2, row_key(interface_id, before_ms));
  const bool any = m_first.step();
  const std::int64_t oldest_ms = any ? m_first.integer(0) - first_key : 0;
  m_first.reset();
  if (!any) {
    return;
  }
  for (std::int64_t from_ms = floor_to(oldest_ms, k_hour_ms); from_ms < before_ms;) {
    const std::int64_t to_ms = std::min(before_ms, from_ms + k_hours_per_read * k_hour_ms);
    // The hours without a profile of their own. One whose buckets do not
    // add up to it (from before profiles, some already expired) stays
    // without: its own rate stands in.
    std::vector<Slot> hours = m_hours.read(interface_id, from_ms, to_ms);
    std::erase_if(hours, [](const Slot& hour) { return hour.profile != nullptr; });
    m_hours.add_bucket_profiles(interface_id, hours);
    for (const Slot& hour : hours) {
      if (hour.profile) {
        m_store_profile.bind(1, encode_profile(*hour.profile));
        m_store_profile.bind(2, row_key(interface_id, hour.start_ms));
        m_store_profile.run();
      }
    }
    from_ms = to_ms;
  }
  m_delete.bind(1, first_key);
  m_delete.bind(2, row_key(interface_id, before_ms));
  m_delete.run();
}

} // namespace octolog

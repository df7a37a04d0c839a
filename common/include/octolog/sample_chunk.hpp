#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace octolog {

// A sample as the database keeps it: unix milliseconds, counts as accounted.
struct ChunkSample {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  std::uint64_t rx_packets = 0;
  std::uint64_t tx_packets = 0;
  std::uint32_t flags = 0;

  friend bool operator==(const ChunkSample&, const ChunkSample&) = default;
};

inline constexpr std::int64_t k_minute_ms = 60'000;
// Samples in one stored chunk: a minute of 1-second samples. A minute with
// more samples (a shorter interval, readings bunched after a clock step)
// takes several chunks.
inline constexpr std::size_t k_chunk_samples = 60;

// Up to 60 samples that start inside one UTC minute, in start order, as one
// record each of seven fields: offset (from the minute), span, flags,
// rx_bytes, tx_bytes, rx_packets, tx_packets. Every record of a chunk has
// the same layout, each field as wide as the chunk's largest value of it
// needs (none where that is 0), so that sample n lies at byte n * record.
// Fields are packed decimal (two digits a byte, most significant first): in
// SQL, CAST(hex(substr(samples, at, width)) AS INTEGER) reads one, which
// keeps the traffic_samples view short (its text is parsed by every
// connection). A busy second takes about 8 bytes, against 27 as a row.
struct Chunk {
  // Bits 0-48: where each field ends in a record, 7 bits each in field
  // order (the last is the record's size); 49-54: the second of the first
  // sample when offsets take no bytes (the samples then start at
  // consecutive seconds); 55: offsets are seconds, not milliseconds.
  std::int64_t layout = 0;
  std::vector<unsigned char> records;
};

// `samples` (1 to 60, in start order, starting in the minute at
// `minute_ms`, each lasting 1 ms to 2^42 ms) as a chunk.
[[nodiscard]] Chunk encode_chunk(std::int64_t minute_ms, std::span<const ChunkSample> samples);

// How many of `samples` (from the first, in start order, starting in the
// minute at `minute_ms`) one chunk holds in at most `max_bytes` of records:
// at least 1, at most 60.
[[nodiscard]] std::size_t samples_that_fit(std::int64_t minute_ms,
                                           std::span<const ChunkSample> samples,
                                           std::size_t max_bytes);

// Appends the samples of a chunk of the minute at `minute_ms` to `out`.
// False, leaving `out` as it was, unless `layout` and `records` are a valid
// chunk of 1 to 60 samples that start in that minute in strictly increasing
// order, each lasting at least 1 ms.
[[nodiscard]] bool decode_chunk(std::int64_t minute_ms, std::int64_t layout,
                                std::span<const unsigned char> records,
                                std::vector<ChunkSample>& out);

} // namespace octolog

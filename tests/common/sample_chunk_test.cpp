#include "octolog/sample_chunk.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace octolog {
namespace {

constexpr std::int64_t k_minute = 1'780'000'200'000; // a minute's start

ChunkSample second(int at, std::uint64_t rx, std::uint64_t tx = 0) {
  const std::int64_t start = k_minute + std::int64_t{at} * 1000;
  return ChunkSample{start, start + 1000, rx, tx, rx > 0 ? 1U : 0U, tx > 0 ? 1U : 0U, 0};
}

std::vector<ChunkSample> round_trip(const std::vector<ChunkSample>& samples) {
  const Chunk chunk = encode_chunk(k_minute, samples);
  std::vector<ChunkSample> out;
  EXPECT_TRUE(decode_chunk(k_minute, chunk.layout, chunk.records, out));
  return out;
}

TEST(SampleChunk, StoresABusyMinuteInTheDigitsItsLargestValuesNeed) {
  std::vector<ChunkSample> minute;
  for (int s = 0; s < 60; ++s) {
    // rx has 6 digits (3 bytes), tx 5 (3), packets 1 each.
    minute.push_back(second(s, 100'000 + s, 60'000 + s));
  }
  const Chunk chunk = encode_chunk(k_minute, minute);
  EXPECT_EQ(chunk.records.size(), 60U * (3 + 3 + 1 + 1));
  // Two digits a byte, most significant first: 100000 is 10 00 00.
  EXPECT_EQ(chunk.records[0], 0x10);
  EXPECT_EQ(chunk.records[1], 0x00);
  EXPECT_EQ(chunk.records[2], 0x00);
  EXPECT_EQ(chunk.records[3], 0x06);
  EXPECT_EQ(round_trip(minute), minute);
}

TEST(SampleChunk, KeepsIdleSecondsOutAndMillisecondStartsSpansAndFlags) {
  // Dense from second 17 (a recorder started then): offsets take no bytes.
  const std::vector<ChunkSample> dense{second(17, 5), second(18, 6), second(19, 7)};
  EXPECT_EQ(encode_chunk(k_minute, dense).records.size(), 3U * 2);
  EXPECT_EQ(round_trip(dense), dense);

  // Idle seconds between: a byte of offset each.
  const std::vector<ChunkSample> sparse{second(0, 5), second(7, 6), second(59, 7)};
  EXPECT_EQ(encode_chunk(k_minute, sparse).records.size(), 3U * 3);
  EXPECT_EQ(round_trip(sparse), sparse);

  // Off the second, longer, flagged, and as large as counts get.
  constexpr std::uint64_t k_max = std::numeric_limits<std::uint64_t>::max();
  const std::vector<ChunkSample> odd{
      ChunkSample{k_minute + 1, k_minute + 400, 1, 0, 0, 0, 2},
      ChunkSample{k_minute + 400, k_minute + 59'999, k_max, k_max, k_max, k_max,
                  std::numeric_limits<std::uint32_t>::max()},
      ChunkSample{k_minute + 59'999, k_minute + 359'999, 0, 0, 0, 1, 5}};
  EXPECT_EQ(round_trip(odd), odd);
}

TEST(SampleChunk, RoundTripsRandomChunks) {
  std::mt19937_64 random(20261127);
  for (int chunk = 0; chunk < 2000; ++chunk) {
    std::vector<ChunkSample> samples;
    const std::size_t count = 1 + random() % k_chunk_samples;
    const int mode = static_cast<int>(random() % 3); // dense, seconds, milliseconds
    std::int64_t at = mode == 2 ? static_cast<std::int64_t>(random() % 1000)
                                : static_cast<std::int64_t>(random() % 10) * 1000;
    for (std::size_t i = 0; i < count && at < k_minute_ms; ++i) {
      ChunkSample& s = samples.emplace_back();
      s.start_ms = k_minute + at;
      s.end_ms = s.start_ms + (random() % 4 == 0 ? 1 + static_cast<std::int64_t>(random() % 300'000)
                                                 : 1000);
      const unsigned bits = static_cast<unsigned>(random() % 65);
      const auto value = [&] { return bits == 0 ? 0 : random() >> (64 - bits); };
      s.rx_bytes = value();
      s.tx_bytes = value();
      s.rx_packets = value();
      s.tx_packets = value();
      s.flags = random() % 5 == 0 ? static_cast<std::uint32_t>(random()) : 0;
      at += mode == 0   ? 1000
            : mode == 1 ? 1000 * (1 + static_cast<std::int64_t>(random() % 3))
                        : 1 + static_cast<std::int64_t>(random() % 2000);
    }
    ASSERT_EQ(round_trip(samples), samples) << "chunk " << chunk;
  }
}

TEST(SampleChunk, AppendsToWhatTheOutputHeld) {
  std::vector<ChunkSample> out{second(1, 1)};
  const Chunk chunk = encode_chunk(k_minute, std::vector{second(2, 2)});
  ASSERT_TRUE(decode_chunk(k_minute, chunk.layout, chunk.records, out));
  EXPECT_EQ(out, (std::vector{second(1, 1), second(2, 2)}));
}

TEST(SampleChunk, RefusesWhatIsNotAWholeValidChunk) {
  const Chunk valid = encode_chunk(k_minute, std::vector{second(3, 300, 7)});
  const auto refused = [](std::int64_t layout, const std::vector<unsigned char>& records) {
    std::vector<ChunkSample> out{second(0, 1)};
    const bool ok = decode_chunk(k_minute, layout, records, out);
    EXPECT_EQ(out.size(), ok ? 2U : 1U) << "a refused chunk changed the output";
    return !ok;
  };
  EXPECT_FALSE(refused(valid.layout, valid.records));
  EXPECT_TRUE(refused(valid.layout, {}));
  auto truncated = valid.records;
  truncated.pop_back();
  EXPECT_TRUE(refused(valid.layout, truncated));
  auto trailing = valid.records;
  trailing.push_back(0);
  EXPECT_TRUE(refused(valid.layout, trailing));
  auto not_decimal = valid.records;
  not_decimal[0] = 0x0A;
  EXPECT_TRUE(refused(valid.layout, not_decimal));
  EXPECT_TRUE(refused(valid.layout | std::int64_t{1} << 56, valid.records)); // unused bits
  EXPECT_TRUE(refused(-1, valid.records));
  EXPECT_TRUE(refused(valid.layout | std::int64_t{1} << 55, valid.records)); // dense in seconds
  EXPECT_TRUE(refused((valid.layout & ~(std::int64_t{63} << 49)) | std::int64_t{60} << 49,
                      valid.records)); // dense from second 60
  // 20 digits above 2^64 - 1.
  std::vector<ChunkSample> big{second(0, std::numeric_limits<std::uint64_t>::max())};
  Chunk too_big = encode_chunk(k_minute, big);
  too_big.records[1] = 0x99;
  EXPECT_TRUE(refused(too_big.layout, too_big.records));
  // 2^64 - 1 itself decodes; one more, in its last byte, does not.
  const Chunk largest = encode_chunk(k_minute, big);
  ASSERT_EQ(largest.records.size(), 11U); // rx in 10 bytes, then 1 packet in 1
  EXPECT_FALSE(refused(largest.layout, largest.records));
  Chunk one_more = largest;
  ASSERT_EQ(one_more.records[9], 0x15);
  one_more.records[9] = 0x16;
  EXPECT_TRUE(refused(one_more.layout, one_more.records));

  // Out of order, at or past the minute's end, or lasting no time.
  const auto encoded_refused = [&](const std::vector<ChunkSample>& samples) {
    const Chunk chunk = encode_chunk(k_minute, samples);
    return refused(chunk.layout, chunk.records);
  };
  EXPECT_TRUE(encoded_refused({second(5, 1), second(4, 1)}));
  EXPECT_TRUE(encoded_refused({second(5, 1), second(5, 2)}));
  EXPECT_TRUE(encoded_refused({ChunkSample{k_minute + 60'001, k_minute + 61'000, 1, 0, 0, 0, 0}}));
  EXPECT_TRUE(encoded_refused({ChunkSample{k_minute + 5, k_minute + 5, 1, 0, 0, 0, 0},
                               ChunkSample{k_minute + 6, k_minute + 7, 1, 0, 0, 0, 0}}));
  // More than 60 samples.
  std::vector<ChunkSample> many;
  for (int i = 0; i < 61; ++i) {
    many.push_back(ChunkSample{k_minute + i * 10, k_minute + i * 10 + 10, 1, 0, 0, 0, 0});
  }
  EXPECT_TRUE(encoded_refused(many));
}

} // namespace
} // namespace octolog

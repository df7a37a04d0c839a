#include "octolog/sample_chunk.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

namespace octolog {
namespace {

constexpr std::size_t k_fields = 7;
constexpr int k_end_bits = 7;
constexpr int k_first_second_shift = 49;
constexpr int k_in_seconds_shift = 55;
constexpr std::int64_t k_default_span_ms = 1000;
constexpr std::uint64_t k_max_span_ms = std::uint64_t{1} << 42;
// Widest fields: 2^64 - 1 has 20 digits; offsets in ms 5, flags (32 bits) 10.
constexpr std::array<unsigned, k_fields> k_max_widths{3, 10, 5, 10, 10, 10, 10};

using Fields = std::array<std::uint64_t, k_fields>;

unsigned digits(std::uint64_t value) {
  unsigned count = 0;
  for (; value != 0; value /= 10) {
    ++count;
  }
  return count;
}

// Two decimal digits a byte, most significant first, `width` bytes.
void put_decimal(std::vector<unsigned char>& out, std::uint64_t value, unsigned width) {
  const std::size_t end = out.size() + width;
  out.resize(end);
  for (std::size_t at = end; at-- > end - width;) {
    const auto low = static_cast<unsigned char>(value % 10);
    value /= 10;
    out[at] = static_cast<unsigned char>((value % 10) << 4 | low);
    value /= 10;
  }
}

// The value put_decimal() wrote; nullopt for a nibble over 9, or a value
// over 64 bits. A byte at a time: decoding two days of a sum's samples
// spent a quarter of its time here, a digit at a time.
std::optional<std::uint64_t> get_decimal(const unsigned char* at, unsigned width) {
  // 18 digits always fit in 64 bits; only the 10th byte can overflow.
  constexpr unsigned k_bytes_that_fit = 9;
  std::uint64_t value = 0;
  for (unsigned i = 0; i < width; ++i) {
    const unsigned high = at[i] >> 4;
    const unsigned low = at[i] & 0x0F;
    if (high > 9 || low > 9) {
      return std::nullopt;
    }
    const unsigned pair = high * 10 + low;
    if (i >= k_bytes_that_fit && value > (std::numeric_limits<std::uint64_t>::max() - pair) / 100) {
      return std::nullopt;
    }
    value = value * 100 + pair;
  }
  return value;
}

bool whole_second(std::int64_t offset_ms) { return offset_ms % 1000 == 0; }

// The layout of a chunk, sample by sample: widths only grow, and offsets go
// from dense to seconds to milliseconds, never back.
class LayoutBuilder {
public:
  explicit LayoutBuilder(std::int64_t minute_ms) : m_minute_ms(minute_ms) {}

  void add(const ChunkSample& sample) {
    const std::int64_t offset = sample.start_ms - m_minute_ms;
    if (m_count == 0) {
      m_first_offset = offset;
      m_dense = whole_second(offset);
    } else {
      m_dense = m_dense && offset == m_first_offset + m_count * 1000;
    }
    m_seconds = m_seconds && whole_second(offset);
    m_default_spans = m_default_spans && sample.end_ms - sample.start_ms == k_default_span_ms;
    ++m_count;
    const Fields fields = fields_of(sample);
    for (std::size_t f = 1; f < k_fields; ++f) {
      m_widths[f] = std::max(m_widths[f], (digits(fields[f]) + 1) / 2);
    }
    m_offset_width = std::max(m_offset_width, (digits(fields[0]) + 1) / 2);
  }

  // The fields as stored; the offset and span as far as the samples added
  // so far decide how.
  [[nodiscard]] Fields fields_of(const ChunkSample& sample) const {
    const std::int64_t offset = sample.start_ms - m_minute_ms;
    return {static_cast<std::uint64_t>(offset), // in ms: the width it needs at most
            static_cast<std::uint64_t>(sample.end_ms - sample.start_ms),
            sample.flags,
            sample.rx_bytes,
            sample.tx_bytes,
            sample.rx_packets,
            sample.tx_packets};
  }

  [[nodiscard]] std::array<unsigned, k_fields> widths() const {
    std::array<unsigned, k_fields> widths = m_widths;
    widths[0] = m_dense ? 0 : (m_seconds ? 1 : m_offset_width);
    widths[1] = m_default_spans ? 0 : m_widths[1];
    // A record takes at least a byte, so that the count follows from the size.
    if (std::all_of(widths.begin(), widths.end(), [](unsigned w) { return w == 0; })) {
      widths[3] = 1;
    }
    return widths;
  }

  [[nodiscard]] std::size_t record_bytes() const {
    std::size_t bytes = 0;
    for (const unsigned w : widths()) {
      bytes += w;
    }
    return bytes;
  }

  [[nodiscard]] std::int64_t layout_bits() const {
    std::int64_t layout = 0;
    unsigned end = 0;
    const auto all = widths();
    for (std::size_t f = 0; f < k_fields; ++f) {
      end += all[f];
      layout |= std::int64_t{end} << (k_end_bits * f);
    }
    if (m_dense) {
      layout |= (m_first_offset / 1000) << k_first_second_shift;
    } else if (m_seconds) {
      layout |= std::int64_t{1} << k_in_seconds_shift;
    }
    return layout;
  }

  [[nodiscard]] std::uint64_t stored_offset(const ChunkSample& sample) const {
    const std::int64_t offset = sample.start_ms - m_minute_ms;
    return static_cast<std::uint64_t>(m_dense ? 0 : (m_seconds ? offset / 1000 : offset));
  }

private:
  std::int64_t m_minute_ms;
  std::int64_t m_count = 0;
  std::int64_t m_first_offset = 0;
  bool m_dense = true;
  bool m_seconds = true;
  bool m_default_spans = true;
  unsigned m_offset_width = 0;
  std::array<unsigned, k_fields> m_widths{};
};

} // namespace

Chunk encode_chunk(std::int64_t minute_ms, std::span<const ChunkSample> samples) {
  LayoutBuilder builder(minute_ms);
  for (const ChunkSample& sample : samples) {
    builder.add(sample);
  }
  const auto widths = builder.widths();
  Chunk chunk;
  chunk.layout = builder.layout_bits();
  chunk.records.reserve(builder.record_bytes() * samples.size());
  for (const ChunkSample& sample : samples) {
    Fields fields = builder.fields_of(sample);
    fields[0] = builder.stored_offset(sample);
    for (std::size_t f = 0; f < k_fields; ++f) {
      put_decimal(chunk.records, fields[f], widths[f]);
    }
  }
  return chunk;
}

std::size_t samples_that_fit(std::int64_t minute_ms, std::span<const ChunkSample> samples,
                             std::size_t max_bytes) {
  LayoutBuilder builder(minute_ms);
  std::size_t count = 0;
  for (; count < samples.size() && count < k_chunk_samples; ++count) {
    builder.add(samples[count]);
    if (count > 0 && builder.record_bytes() * (count + 1) > max_bytes) {
      break;
    }
  }
  return count;
}

bool decode_chunk(std::int64_t minute_ms, std::int64_t layout,
                  std::span<const unsigned char> records, std::vector<ChunkSample>& out) {
  if (layout < 0 || layout >> (k_in_seconds_shift + 1) != 0) {
    return false;
  }
  std::array<unsigned, k_fields> widths{};
  unsigned record = 0;
  for (std::size_t f = 0; f < k_fields; ++f) {
    const auto end = static_cast<unsigned>(layout >> (k_end_bits * f) & 127);
    if (end < record || end - record > k_max_widths[f]) {
      return false;
    }
    widths[f] = end - record;
    record = end;
  }
  const bool dense = widths[0] == 0;
  const bool seconds = (layout >> k_in_seconds_shift & 1) != 0;
  const std::int64_t first_second = layout >> k_first_second_shift & 63;
  if (record == 0 || records.empty() || records.size() % record != 0 ||
      records.size() / record > k_chunk_samples || (dense && (seconds || first_second >= 60)) ||
      (!dense && first_second != 0)) {
    return false;
  }

  // `out` grows by its own doubling: reserving each chunk's count exactly
  // reallocated it once per chunk, and decoding the 48 hours of samples of
  // a sum of interfaces took 9 s instead of 0.1.
  const std::size_t count = records.size() / record;
  const std::size_t kept = out.size();
  const unsigned char* at = records.data();
  std::int64_t previous_offset = -1;
  for (std::size_t i = 0; i < count; ++i) {
    Fields fields{};
    for (std::size_t f = 0; f < k_fields; ++f) {
      const auto value = get_decimal(at, widths[f]);
      if (!value) {
        out.resize(kept);
        return false;
      }
      fields[f] = *value;
      at += widths[f];
    }
    const std::uint64_t offset =
        dense ? static_cast<std::uint64_t>(first_second + static_cast<std::int64_t>(i)) * 1000
              : fields[0] * (seconds ? 1000 : 1);
    const std::uint64_t span = widths[1] == 0 ? k_default_span_ms : fields[1];
    if (static_cast<std::int64_t>(offset) <= previous_offset ||
        offset >= static_cast<std::uint64_t>(k_minute_ms) || span == 0 || span > k_max_span_ms ||
        fields[2] > std::numeric_limits<std::uint32_t>::max()) {
      out.resize(kept);
      return false;
    }
    previous_offset = static_cast<std::int64_t>(offset);
    ChunkSample& sample = out.emplace_back();
    sample.start_ms = minute_ms + static_cast<std::int64_t>(offset);
    sample.end_ms = sample.start_ms + static_cast<std::int64_t>(span);
    sample.flags = static_cast<std::uint32_t>(fields[2]);
    sample.rx_bytes = fields[3];
    sample.tx_bytes = fields[4];
    sample.rx_packets = fields[5];
    sample.tx_packets = fields[6];
  }
  return true;
}

} // namespace octolog

#pragma once

#include <cstdint>
#include <string>

namespace octolog {

// Units for volumes: IEC (KiB = 1024 B, the default) or SI (kB = 1000 B).
enum class ByteUnits { iec, si };

// Units for rates: SI bits per second (kbit/s = 1000 bit/s, the default), or
// bytes per second in IEC (KiB/s) or SI (kB/s) units.
enum class RateUnits { bits_si, bytes_iec, bytes_si };

// `bytes` in the largest unit that keeps the number at 1 or more, with three
// significant digits ("1.23 GiB", "12.3 MiB", "123 KiB"); plain bytes are
// whole ("999 B"). At most 8 characters below 1024 EiB.
[[nodiscard]] std::string format_bytes(std::uint64_t bytes, ByteUnits units);

// `bytes_per_second` the same way: "12.3 Mbit/s", "0 bit/s". At most 11
// characters below 1000 Pbit/s.
[[nodiscard]] std::string format_rate(double bytes_per_second, RateUnits units);

} // namespace octolog

#include "octolog/units.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string_view>

namespace octolog {
namespace {

constexpr std::array<std::string_view, 7> k_iec_bytes{"B",   "KiB", "MiB", "GiB",
                                                      "TiB", "PiB", "EiB"};
constexpr std::array<std::string_view, 7> k_si_bytes{"B", "kB", "MB", "GB", "TB", "PB", "EB"};
constexpr std::array<std::string_view, 7> k_si_bits{"bit/s",  "kbit/s", "Mbit/s", "Gbit/s",
                                                    "Tbit/s", "Pbit/s", "Ebit/s"};
constexpr std::array<std::string_view, 7> k_iec_byte_rates{"B/s",   "KiB/s", "MiB/s", "GiB/s",
                                                           "TiB/s", "PiB/s", "EiB/s"};
constexpr std::array<std::string_view, 7> k_si_byte_rates{"B/s",  "kB/s", "MB/s", "GB/s",
                                                          "TB/s", "PB/s", "EB/s"};

// Three significant digits; 2 decimals below 10, 1 below 100, none above,
// decided on the rounded value so 9.999 reads "10.0", not "10.00".
std::string three_digits(double value) {
  if (std::round(value * 100.0) / 100.0 < 10.0) {
    return fmt::format("{:.2f}", value);
  }
  if (std::round(value * 10.0) / 10.0 < 100.0) {
    return fmt::format("{:.1f}", value);
  }
  return fmt::format("{:.0f}", value);
}

std::string scaled(double value, double base, const std::array<std::string_view, 7>& names,
                   bool whole_in_base_unit) {
  std::size_t unit = 0;
  // Step up while the number would print as `base` or more after rounding.
  while (unit + 1 < names.size() && std::round(value) >= base) {
    value /= base;
    ++unit;
  }
  if (unit == 0 && whole_in_base_unit) {
    return fmt::format("{:.0f} {}", value, names[0]);
  }
  if (value == 0.0) {
    return fmt::format("0 {}", names[unit]);
  }
  return three_digits(value) + " " + std::string(names[unit]);
}

} // namespace

std::string format_bytes(std::uint64_t bytes, ByteUnits units) {
  return units == ByteUnits::iec ? scaled(static_cast<double>(bytes), 1024.0, k_iec_bytes, true)
                                 : scaled(static_cast<double>(bytes), 1000.0, k_si_bytes, true);
}

std::string format_rate(double bytes_per_second, RateUnits units) {
  switch (units) {
  case RateUnits::bits_si:
    return scaled(bytes_per_second * 8.0, 1000.0, k_si_bits, false);
  case RateUnits::bytes_iec:
    return scaled(bytes_per_second, 1024.0, k_iec_byte_rates, false);
  case RateUnits::bytes_si:
    return scaled(bytes_per_second, 1000.0, k_si_byte_rates, false);
  }
  return scaled(bytes_per_second * 8.0, 1000.0, k_si_bits, false);
}

} // namespace octolog

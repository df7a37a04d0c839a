#include "octolog/units.hpp"

#include <gtest/gtest.h>

namespace octolog {
namespace {

TEST(FormatBytes, WritesPlainBytesWhole) {
  EXPECT_EQ(format_bytes(0, ByteUnits::iec), "0 B");
  EXPECT_EQ(format_bytes(1023, ByteUnits::iec), "1023 B");
  EXPECT_EQ(format_bytes(999, ByteUnits::si), "999 B");
}

TEST(FormatBytes, UsesIecUnitsWithThreeSignificantDigits) {
  EXPECT_EQ(format_bytes(1024, ByteUnits::iec), "1.00 KiB");
  EXPECT_EQ(format_bytes(1'288'490'189, ByteUnits::iec), "1.20 GiB");
  EXPECT_EQ(format_bytes(12'897'484'800, ByteUnits::iec), "12.0 GiB");
  EXPECT_EQ(format_bytes(128'974'848, ByteUnits::iec), "123 MiB");
  EXPECT_EQ(format_bytes(1'099'511'627'776, ByteUnits::iec), "1.00 TiB");
}

TEST(FormatBytes, MovesToTheNextUnitWhenRoundingReachesIt) {
  EXPECT_EQ(format_bytes(1024 * 1024 - 1, ByteUnits::iec), "1.00 MiB");
  EXPECT_EQ(format_bytes(10'239, ByteUnits::iec), "10.0 KiB");
  EXPECT_EQ(format_bytes(1'000'000 - 1, ByteUnits::si), "1.00 MB");
}

TEST(FormatBytes, UsesSiUnitsOnRequest) {
  EXPECT_EQ(format_bytes(1000, ByteUnits::si), "1.00 kB");
  EXPECT_EQ(format_bytes(1'234'567'890, ByteUnits::si), "1.23 GB");
}

TEST(FormatBytes, StaysWithinEightCharacters) {
  EXPECT_EQ(format_bytes(18'446'744'073'709'551'615ULL, ByteUnits::iec), "16.0 EiB");
  EXPECT_EQ(format_bytes(1023ULL << 40, ByteUnits::iec), "1023 TiB");
}

TEST(FormatRate, UsesSiBitsPerSecondByDefault) {
  EXPECT_EQ(format_rate(0.0, RateUnits::bits_si), "0 bit/s");
  EXPECT_EQ(format_rate(100.0, RateUnits::bits_si), "800 bit/s");
  EXPECT_EQ(format_rate(125.0, RateUnits::bits_si), "1.00 kbit/s");
  EXPECT_EQ(format_rate(1'250'000.0, RateUnits::bits_si), "10.0 Mbit/s");
  EXPECT_EQ(format_rate(123'456'789.0, RateUnits::bits_si), "988 Mbit/s");
  EXPECT_EQ(format_rate(0.1, RateUnits::bits_si), "0.80 bit/s");
}

TEST(FormatRate, UsesBytesPerSecondOnRequest) {
  EXPECT_EQ(format_rate(1536.0, RateUnits::bytes_iec), "1.50 KiB/s");
  EXPECT_EQ(format_rate(1500.0, RateUnits::bytes_si), "1.50 kB/s");
  EXPECT_EQ(format_rate(999.0, RateUnits::bytes_si), "999 B/s");
}

TEST(FormatRate, StaysWithinElevenCharacters) {
  EXPECT_EQ(format_rate(1'248'750'000.0, RateUnits::bits_si), "9.99 Gbit/s");
  EXPECT_EQ(format_rate(124'875'000'000.0, RateUnits::bits_si), "999 Gbit/s");
}

} // namespace
} // namespace octolog

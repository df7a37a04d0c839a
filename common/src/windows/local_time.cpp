#include "local_time.hpp"

#include "windows/win32.hpp"

namespace octolog::local_time {
namespace {

// FILETIME counts 100 ns ticks since 1601-01-01; unix time starts 11644473600 s later.
constexpr std::int64_t k_filetime_epoch_s = 11'644'473'600;

} // namespace

// Windows reads its zone from the registry on every conversion below; there
// is nothing to load. TZ is not consulted: Windows programs follow the zone
// the system is set to.
void load() {}

std::string zone_name() {
  DYNAMIC_TIME_ZONE_INFORMATION zone{};
  if (::GetDynamicTimeZoneInformation(&zone) == TIME_ZONE_ID_INVALID) {
    return "localtime";
  }
  std::string name;
  assign_utf8(name, std::wstring_view(zone.TimeZoneKeyName));
  return name.empty() ? "localtime" : name;
}

// The zone's rules for the instant's year (dynamic DST, from
// GetTimeZoneInformationForYear), so past years convert with their own rules.
std::optional<CivilTime> civil_time(std::int64_t unix_s) {
  if (unix_s < -k_filetime_epoch_s) {
    return std::nullopt;
  }
  const auto ticks = static_cast<std::uint64_t>(unix_s + k_filetime_epoch_s) * 10'000'000ULL;
  const FILETIME file_time{static_cast<DWORD>(ticks & 0xFFFF'FFFFULL),
                           static_cast<DWORD>(ticks >> 32)};
  SYSTEMTIME utc{};
  SYSTEMTIME local{};
  DYNAMIC_TIME_ZONE_INFORMATION zone{};
  TIME_ZONE_INFORMATION rules{};
  if (!::FileTimeToSystemTime(&file_time, &utc) ||
      ::GetDynamicTimeZoneInformation(&zone) == TIME_ZONE_ID_INVALID ||
      !::GetTimeZoneInformationForYear(utc.wYear, &zone, &rules) ||
      !::SystemTimeToTzSpecificLocalTime(&rules, &utc, &local)) {
    return std::nullopt;
  }
  return CivilTime{CivilDate{local.wYear, local.wMonth, local.wDay}, local.wHour, local.wMinute,
                   local.wSecond};
}

} // namespace octolog::local_time

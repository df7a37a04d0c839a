// Writes one synthetic history of N interfaces twice: as an octolog trace
// (three readings every 5 minutes that catch the bucket's busiest second,
// then a reading every second for the last hours) for
// `octolog-recorder --replay`, and as SQL rows in vnStat 2's schema
// (fiveminute, hour, day, month, year, top and the interface totals) for the
// same bytes, so both tools hold the same traffic. Times are UTC: run both
// tools with TZ=UTC.
//
// Usage: octolog_make_history --trace FILE --vnstat-sql FILE [--end UNIX_S]
//          [--days 365] [--interfaces 8] [--fine-hours 48]
// Prints the total rx and tx bytes of every interface, so that a caller can
// check both databases against them.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

constexpr std::int64_t k_five_s = 300;

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Busier by day than by night, and each interface at its own scale.
std::uint64_t diurnal(std::int64_t unix_s) {
  const std::int64_t hour = unix_s / 3600 % 24;
  return hour >= 8 && hour < 20 ? 4 : 1;
}

// Bytes interface `k` moves in the 5-minute bucket starting at `unix_s`
// (coarse part of the history).
std::pair<std::uint64_t, std::uint64_t> bucket_bytes(int k, std::int64_t unix_s) {
  const std::uint64_t h = mix((static_cast<std::uint64_t>(unix_s) << 4) ^ static_cast<std::uint64_t>(k));
  const std::uint64_t scale = diurnal(unix_s) * static_cast<std::uint64_t>(k + 1);
  return {scale * (200'000 + h % 3'000'000), scale * (20'000 + (h >> 24) % 300'000)};
}

// Bytes interface `k` moves in the second starting at `unix_s` (fine part):
// every second moves traffic, with a burst now and then.
std::pair<std::uint64_t, std::uint64_t> second_bytes(int k, std::int64_t unix_s) {
  const std::uint64_t h = mix((static_cast<std::uint64_t>(unix_s) << 4) ^ static_cast<std::uint64_t>(k) ^
                              0x9e3779b97f4a7c15ULL);
  const std::uint64_t scale = diurnal(unix_s) * static_cast<std::uint64_t>(k + 1);
  const std::uint64_t burst = h % 997 == 0 ? 40 : 1;
  return {burst * scale * (700 + h % 10'000), scale * (70 + (h >> 20) % 1'000)};
}

std::uint64_t packets_of(std::uint64_t bytes) { return bytes == 0 ? 0 : bytes / 900 + 1; }

std::string utc(std::int64_t unix_s, const char* format) {
  const std::time_t t = unix_s;
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), format, &tm);
  return text.data();
}

struct Totals {
  std::uint64_t rx = 0;
  std::uint64_t tx = 0;
};

struct Args {
  std::string trace;
  std::string vnstat_sql;
  std::int64_t end_s = 0;
  int days = 365;
  int interfaces = 8;
  int fine_hours = 48;
};

Args parse(int argc, char** argv) {
  Args args;
  args.end_s = std::time(nullptr) / k_five_s * k_five_s;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view key = argv[i];
    const char* value = argv[i + 1];
    if (key == "--trace") {
      args.trace = value;
    } else if (key == "--vnstat-sql") {
      args.vnstat_sql = value;
    } else if (key == "--end") {
      args.end_s = std::stoll(value) / k_five_s * k_five_s;
    } else if (key == "--days") {
      args.days = std::stoi(value);
    } else if (key == "--interfaces") {
      args.interfaces = std::stoi(value);
    } else if (key == "--fine-hours") {
      args.fine_hours = std::stoi(value);
    } else {
      throw std::runtime_error("unknown argument " + std::string(key));
    }
  }
  if (args.trace.empty() || args.vnstat_sql.empty() || args.days <= 0 || args.interfaces <= 0 ||
      args.fine_hours < 0 || args.fine_hours > args.days * 24) {
    throw std::runtime_error("usage: octolog_make_history --trace FILE --vnstat-sql FILE "
                             "[--end UNIX_S] [--days N] [--interfaces N] [--fine-hours N]");
  }
  return args;
}

class File {
public:
  explicit File(const std::string& path) : m_file(std::fopen(path.c_str(), "w")) {
    if (m_file == nullptr) {
      throw std::runtime_error("cannot write " + path);
    }
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() { std::fclose(m_file); }
  [[nodiscard]] std::FILE* get() const { return m_file; }

private:
  std::FILE* m_file;
};

} // namespace

int main(int argc, char** argv) try {
  const Args args = parse(argc, argv);
  const std::int64_t start_s = args.end_s - std::int64_t{args.days} * 86'400;
  const std::int64_t fine_s = args.end_s - std::int64_t{args.fine_hours} * 3'600;
  const std::int64_t boot_s = start_s - 86'400; // booted a day before the history starts
  const int n = args.interfaces;

  File trace(args.trace);
  File sql(args.vnstat_sql);
  std::fputs("# octolog-trace v1\n", trace.get());

  std::vector<Totals> counters(static_cast<std::size_t>(n));
  std::vector<Totals> packets(static_cast<std::size_t>(n));
  // vnStat's tables by date text, per interface.
  using Table = std::vector<std::map<std::string, Totals>>;
  Table hours(static_cast<std::size_t>(n));
  Table days(static_cast<std::size_t>(n));
  Table months(static_cast<std::size_t>(n));
  Table years(static_cast<std::size_t>(n));

  const auto write_reading = [&](std::int64_t unix_s) {
    for (int k = 0; k < n; ++k) {
      const auto i = static_cast<std::size_t>(k);
      std::fprintf(trace.get(),
                   "%lld000 eth%d %llu %llu rx_packets=%llu tx_packets=%llu ifindex=%d boot=b "
                   "boot_ms=%lld\n",
                   static_cast<long long>(unix_s), k, static_cast<unsigned long long>(counters[i].rx),
                   static_cast<unsigned long long>(counters[i].tx),
                   static_cast<unsigned long long>(packets[i].rx),
                   static_cast<unsigned long long>(packets[i].tx), k + 2,
                   static_cast<long long>((unix_s - boot_s) * 1000));
    }
  };

  // Interface i moved rx and tx bytes: into its counters and the bucket's `moved`.
  const auto count = [&](Totals& moved, std::size_t i, std::uint64_t rx, std::uint64_t tx) {
    moved.rx += rx;
    moved.tx += tx;
    counters[i].rx += rx;
    counters[i].tx += tx;
    packets[i].rx += packets_of(rx);
    packets[i].tx += packets_of(tx);
  };

  std::fputs("BEGIN;\n", sql.get());
  write_reading(start_s);
  for (std::int64_t bucket = start_s; bucket < args.end_s; bucket += k_five_s) {
    std::vector<Totals> moved(static_cast<std::size_t>(n));
    if (bucket < fine_s) {
      // Three readings: the bucket's busiest second (an eighth of its bytes)
      // at a varying offset, and the rest before and after it, so that the
      // bucket keeps a 1-second peak as a year recorded every second would.
      const std::int64_t peak_s = bucket + 1 + static_cast<std::int64_t>(
                                                   mix(static_cast<std::uint64_t>(bucket)) % 298);
      const std::array<std::int64_t, 3> ends{peak_s, peak_s + 1, bucket + k_five_s};
      for (std::size_t part = 0; part < ends.size(); ++part) {
        for (int k = 0; k < n; ++k) {
          const auto i = static_cast<std::size_t>(k);
          const auto [rx_all, tx_all] = bucket_bytes(k, bucket);
          const auto share = [&](std::uint64_t all) {
            const std::uint64_t burst = all / 8;
            const std::uint64_t before =
                (all - burst) * static_cast<std::uint64_t>(peak_s - bucket) / 299;
            return part == 0 ? before : part == 1 ? burst : all - burst - before;
          };
          count(moved[i], i, share(rx_all), share(tx_all));
        }
        write_reading(ends[part]);
      }
    } else {
      for (std::int64_t s = bucket; s < bucket + k_five_s; ++s) {
        for (int k = 0; k < n; ++k) {
          const auto i = static_cast<std::size_t>(k);
          const auto [rx, tx] = second_bytes(k, s);
          count(moved[i], i, rx, tx);
        }
        write_reading(s + 1);
      }
    }
    const std::string five = utc(bucket, "%Y-%m-%d %H:%M:%S");
    for (int k = 0; k < n; ++k) {
      const auto i = static_cast<std::size_t>(k);
      std::fprintf(sql.get(),
                   "INSERT INTO fiveminute (interface, date, rx, tx) VALUES (%d, '%s', %llu, %llu);\n",
                   k + 1, five.c_str(), static_cast<unsigned long long>(moved[i].rx),
                   static_cast<unsigned long long>(moved[i].tx));
      for (auto* table : {&hours, &days, &months, &years}) {
        const char* format = table == &hours  ? "%Y-%m-%d %H:00:00"
                             : table == &days ? "%Y-%m-%d"
                             : table == &months ? "%Y-%m-01"
                                                : "%Y-01-01";
        Totals& sum = (*table)[i][utc(bucket, format)];
        sum.rx += moved[i].rx;
        sum.tx += moved[i].tx;
      }
    }
  }

  const auto write_table = [&](const char* name, const Table& table) {
    for (int k = 0; k < n; ++k) {
      for (const auto& [date, sum] : table[static_cast<std::size_t>(k)]) {
        std::fprintf(sql.get(),
                     "INSERT INTO %s (interface, date, rx, tx) VALUES (%d, '%s', %llu, %llu);\n",
                     name, k + 1, date.c_str(), static_cast<unsigned long long>(sum.rx),
                     static_cast<unsigned long long>(sum.tx));
      }
    }
  };
  write_table("hour", hours);
  write_table("day", days);
  write_table("month", months);
  write_table("year", years);
  for (int k = 0; k < n; ++k) {
    std::vector<std::pair<std::string, Totals>> busiest(days[static_cast<std::size_t>(k)].begin(),
                                                        days[static_cast<std::size_t>(k)].end());
    std::stable_sort(busiest.begin(), busiest.end(), [](const auto& a, const auto& b) {
      return a.second.rx + a.second.tx > b.second.rx + b.second.tx;
    });
    busiest.resize(std::min<std::size_t>(busiest.size(), 20)); // vnStat's TopDayEntries
    for (const auto& [date, sum] : busiest) {
      std::fprintf(sql.get(),
                   "INSERT INTO top (interface, date, rx, tx) VALUES (%d, '%s', %llu, %llu);\n",
                   k + 1, date.c_str(), static_cast<unsigned long long>(sum.rx),
                   static_cast<unsigned long long>(sum.tx));
    }
  }
  for (int k = 0; k < n; ++k) {
    const auto i = static_cast<std::size_t>(k);
    std::fprintf(sql.get(),
                 "INSERT INTO interface (id, name, active, created, updated, rxcounter, txcounter, "
                 "rxtotal, txtotal) VALUES (%d, 'eth%d', 1, '%s', '%s', %llu, %llu, %llu, %llu);\n",
                 k + 1, k, utc(start_s, "%Y-%m-%d %H:%M:%S").c_str(),
                 utc(args.end_s, "%Y-%m-%d %H:%M:%S").c_str(),
                 static_cast<unsigned long long>(counters[i].rx),
                 static_cast<unsigned long long>(counters[i].tx),
                 static_cast<unsigned long long>(counters[i].rx),
                 static_cast<unsigned long long>(counters[i].tx));
    std::printf("eth%d %llu %llu\n", k, static_cast<unsigned long long>(counters[i].rx),
                static_cast<unsigned long long>(counters[i].tx));
  }
  std::fputs("COMMIT;\n", sql.get());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "octolog_make_history: %s\n", e.what());
  return 2;
}

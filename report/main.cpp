#include "options.hpp"
#include "report.hpp"

#include "octolog/error.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
  // The report is one thread: SQLite takes none of its locks (some 4,500 a
  // run, most around its allocations), nor counts its memory. Set before
  // SQLite's first use.
  sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  const octolog::report::ParsedOptions parsed = octolog::report::parse_options(argc, argv);
  if (!parsed.options) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  try {
    const std::string output = octolog::report::run(*parsed.options);
    std::fwrite(output.data(), 1, output.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  } catch (const octolog::UsageError& e) {
    std::fprintf(stderr, "octolog-report: %s (see --help)\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "octolog-report: %s\n", e.what());
    return 1;
  }
}

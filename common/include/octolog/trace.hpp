#pragma once

#include "octolog/snapshot.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace octolog {

// The octolog trace format (DESIGN.md), one reading per line:
//   <unix_ms> <interface> <rx_bytes> <tx_bytes> [key=value ...]
// Keys: ifindex, boot, rx_packets, tx_packets, width (32|64), and two that
// make a replay equal to the live run it was taken from: boot_ms (time since
// boot) and speed (link speed, bits per second). Interface names are written
// with %XX escapes for '%', '#', '=', white space and control bytes, so any
// name survives a round trip. Lines with the same unix_ms form one snapshot.

// Reads snapshots from a trace, one after another.
class TraceReader {
public:
  // `source_name` names the input in error messages.
  TraceReader(std::istream& in, std::string source_name);

  // The next snapshot, or nullopt at the end. Throws Error naming the line for
  // a malformed line or times that go backwards.
  std::optional<Snapshot> next();

  [[nodiscard]] std::uint64_t lines_read() const { return m_line_number; }
  [[nodiscard]] std::uint64_t readings_read() const { return m_readings; }

private:
  bool parse_line(std::string_view line, std::int64_t& unix_ms, InterfaceCounters& counters,
                  std::string& boot_id, std::optional<std::int64_t>& boot_ms);
  // The next line without its '\n', read in large blocks (std::getline costs
  // more than parsing the line); false at the end.
  bool next_line(std::string_view& line);

  std::istream& m_in;
  std::string m_source_name;
  std::string m_block;         // what was read and not yet handed out, from m_block_pos
  std::size_t m_block_pos = 0;
  bool m_end = false;
  std::uint64_t m_line_number = 0;
  std::uint64_t m_readings = 0;
  std::int64_t m_last_ms = 0;
  std::optional<Snapshot> m_pending; // first reading of the next snapshot
};

// Appends snapshots to a trace file, writing the header to a new file.
class TraceWriter {
public:
  // Throws Error when the file cannot be opened for appending.
  explicit TraceWriter(const std::filesystem::path& path);

  // Appends one snapshot; throws Error when the write fails.
  void write(const Snapshot& snapshot);

private:
  std::filesystem::path m_path;
  std::ofstream m_out;
  std::string m_buffer;
};

// The lines of one snapshot in trace format, each ending in '\n'.
void append_trace_lines(const Snapshot& snapshot, std::string& out);

// `name` with the trace format's %XX escapes applied, and the reverse, which
// refuses a malformed escape, an empty name and a NUL byte (%00).
std::string escape_trace_name(std::string_view name);
std::optional<std::string> unescape_trace_name(std::string_view escaped);

} // namespace octolog

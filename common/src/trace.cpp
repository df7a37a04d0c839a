#include "octolog/trace.hpp"

#include "octolog/error.hpp"

#include <charconv>
#include <system_error>

namespace octolog {
namespace {

constexpr std::string_view k_header = "# octolog-trace v1\n";

bool needs_escape(unsigned char c) {
  return c <= 0x20 || c == 0x7F || c == '%' || c == '#' || c == '=';
}

template <typename Number> bool parse_number(std::string_view text, Number& value) {
  const char* first = text.data();
  const char* last = first + text.size();
  auto [ptr, ec] = std::from_chars(first, last, value);
  return ec == std::errc{} && ptr == last && !text.empty();
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Splits off the next field separated by spaces or tabs. (A plain loop:
// find_first_of with a set calls memchr once per character.)
std::string_view next_field(std::string_view& rest) {
  std::size_t begin = 0;
  while (begin < rest.size() && is_blank(rest[begin])) {
    ++begin;
  }
  std::size_t end = begin;
  while (end < rest.size() && !is_blank(rest[end])) {
    ++end;
  }
  const std::string_view field = rest.substr(begin, end - begin);
  rest.remove_prefix(end);
  return field;
}

// A field as it may appear in a one-line error message: at most 60 bytes,
// anything but printable ASCII shown as '?', so hostile bytes (escape
// sequences, carriage returns) never reach a terminal or a log.
std::string printable(std::string_view field) {
  constexpr std::size_t k_limit = 60;
  std::string text;
  for (const char c : field.substr(0, k_limit)) {
    const auto byte = static_cast<unsigned char>(c);
    text += byte >= 0x20 && byte < 0x7F ? c : '?';
  }
  if (field.size() > k_limit) {
    text += "...";
  }
  return text;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

} // namespace

std::string escape_trace_name(std::string_view name) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string escaped;
  escaped.reserve(name.size());
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (needs_escape(byte)) {
      escaped += '%';
      escaped += k_hex[byte >> 4];
      escaped += k_hex[byte & 0xF];
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::optional<std::string> unescape_trace_name(std::string_view escaped) {
  std::string name;
  name.reserve(escaped.size());
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == '\0') {
      return std::nullopt; // no operating system has a NUL in a name
    }
    if (escaped[i] != '%') {
      name += escaped[i];
      continue;
    }
    if (i + 2 >= escaped.size()) {
      return std::nullopt;
    }
    const int high = hex_value(escaped[i + 1]);
    const int low = hex_value(escaped[i + 2]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    if (high == 0 && low == 0) {
      return std::nullopt; // no operating system has a NUL in a name
    }
    name += static_cast<char>(high * 16 + low);
    i += 2;
  }
  if (name.empty()) {
    return std::nullopt;
  }
  return name;
}

void append_trace_lines(const Snapshot& snapshot, std::string& out) {
  const std::string time = std::to_string(snapshot.unix_ms);
  for (const InterfaceCounters& c : snapshot.interfaces) {
    out += time;
    out += ' ';
    out += escape_trace_name(c.name);
    out += ' ';
    out += std::to_string(c.rx_bytes);
    out += ' ';
    out += std::to_string(c.tx_bytes);
    out += " rx_packets=";
    out += std::to_string(c.rx_packets);
    out += " tx_packets=";
    out += std::to_string(c.tx_packets);
    if (c.ifindex != 0) {
      out += " ifindex=";
      out += std::to_string(c.ifindex);
    }
    if (!snapshot.boot_id.empty()) {
      out += " boot=";
      out += snapshot.boot_id;
    }
    if (snapshot.boot_ms) {
      out += " boot_ms=";
      out += std::to_string(*snapshot.boot_ms);
    }
    if (c.width != 64) {
      out += " width=";
      out += std::to_string(c.width);
    }
    if (c.link_speed_bps != 0) {
      out += " speed=";
      out += std::to_string(c.link_speed_bps);
    }
    out += '\n';
  }
}

TraceReader::TraceReader(std::istream& in, std::string source_name)
    : m_in(in), m_source_name(std::move(source_name)) {}

bool TraceReader::parse_line(std::string_view line, std::int64_t& unix_ms,
                             InterfaceCounters& counters, std::string& boot_id,
                             std::optional<std::int64_t>& boot_ms) {
  if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
    line = line.substr(0, hash);
  }
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  std::string_view rest = line;
  const std::string_view time_field = next_field(rest);
  if (time_field.empty()) {
    return false;
  }
  const auto fail = [&](const std::string& why) {
    throw Error(m_source_name + ":" + std::to_string(m_line_number) + ": " + why);
  };
  if (!parse_number(time_field, unix_ms)) {
    fail("bad time '" + printable(time_field) + "' (want unix milliseconds)");
  }
  const std::string_view name_field = next_field(rest);
  std::optional<std::string> name = unescape_trace_name(name_field);
  if (!name) {
    fail("bad interface name '" + printable(name_field) + "'");
  }
  counters = InterfaceCounters{};
  counters.name = std::move(*name);
  const std::string_view rx_field = next_field(rest);
  const std::string_view tx_field = next_field(rest);
  if (!parse_number(rx_field, counters.rx_bytes) || !parse_number(tx_field, counters.tx_bytes)) {
    fail("want '<unix_ms> <interface> <rx_bytes> <tx_bytes> [key=value ...]'");
  }
  boot_id.clear();
  boot_ms.reset();
  for (std::string_view field = next_field(rest); !field.empty(); field = next_field(rest)) {
    const std::size_t equals = field.find('=');
    if (equals == std::string_view::npos) {
      fail("'" + printable(field) + "' is not key=value");
    }
    const std::string_view key = field.substr(0, equals);
    const std::string_view value = field.substr(equals + 1);
    bool ok = true;
    if (key == "ifindex") {
      ok = parse_number(value, counters.ifindex);
    } else if (key == "boot") {
      boot_id = value;
      ok = !value.empty();
    } else if (key == "boot_ms") {
      std::int64_t ms = 0;
      ok = parse_number(value, ms) && ms >= 0;
      boot_ms = ms;
    } else if (key == "rx_packets") {
      ok = parse_number(value, counters.rx_packets);
    } else if (key == "tx_packets") {
      ok = parse_number(value, counters.tx_packets);
    } else if (key == "width") {
      ok = parse_number(value, counters.width) && (counters.width == 32 || counters.width == 64);
    } else if (key == "speed") {
      ok = parse_number(value, counters.link_speed_bps);
    } else {
      fail("unknown key '" + printable(key) + "'");
    }
    if (!ok) {
      fail("bad value in '" + printable(field) + "'");
    }
    if (counters.width == 32 &&
        (counters.rx_bytes > 0xFFFF'FFFFULL || counters.tx_bytes > 0xFFFF'FFFFULL)) {
      fail("a 32-bit counter above 4294967295");
    }
  }
  return true;
}

bool TraceReader::next_line(std::string_view& line) {
  constexpr std::size_t k_block_bytes = 1 << 16;
  for (;;) {
    const std::size_t newline = m_block.find('\n', m_block_pos);
    if (newline != std::string::npos) {
      line = std::string_view(m_block).substr(m_block_pos, newline - m_block_pos);
      m_block_pos = newline + 1;
      return true;
    }
    if (m_end) {
      if (m_block_pos < m_block.size()) {
        line = std::string_view(m_block).substr(m_block_pos);
        m_block_pos = m_block.size();
        return true;
      }
      return false;
    }
    m_block.erase(0, m_block_pos);
    m_block_pos = 0;
    const std::size_t kept = m_block.size();
    m_block.resize(kept + k_block_bytes);
    m_in.read(m_block.data() + kept, static_cast<std::streamsize>(k_block_bytes));
    m_block.resize(kept + static_cast<std::size_t>(m_in.gcount()));
    m_end = !m_in;
  }
}

std::optional<Snapshot> TraceReader::next() {
  std::optional<Snapshot> snapshot = std::move(m_pending);
  m_pending.reset();
  InterfaceCounters counters;
  std::string boot_id;
  std::optional<std::int64_t> boot_ms;
  std::int64_t unix_ms = 0;
  std::string_view line;
  while (next_line(line)) {
    ++m_line_number;
    if (!parse_line(line, unix_ms, counters, boot_id, boot_ms)) {
      continue;
    }
    ++m_readings;
    if (unix_ms < m_last_ms) {
      throw Error(m_source_name + ":" + std::to_string(m_line_number) +
                  ": time goes backwards (" + std::to_string(unix_ms) + " after " +
                  std::to_string(m_last_ms) + ")");
    }
    m_last_ms = unix_ms;
    if (snapshot && snapshot->unix_ms != unix_ms) {
      m_pending = Snapshot{unix_ms, boot_ms, std::move(boot_id), {}};
      m_pending->interfaces.push_back(std::move(counters));
      return snapshot;
    }
    if (!snapshot) {
      snapshot = Snapshot{unix_ms, boot_ms, boot_id, {}};
    }
    for (const InterfaceCounters& seen : snapshot->interfaces) {
      if (seen.name == counters.name) {
        throw Error(m_source_name + ":" + std::to_string(m_line_number) + ": interface '" +
                    escape_trace_name(counters.name) + "' twice at " + std::to_string(unix_ms));
      }
    }
    snapshot->interfaces.push_back(std::move(counters));
  }
  if (m_in.bad()) {
    throw Error(m_source_name + ": read error");
  }
  return snapshot;
}

TraceWriter::TraceWriter(const std::filesystem::path& path) : m_path(path) {
  std::error_code ec;
  const bool fresh = !std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0;
  m_out.open(path, std::ios::app | std::ios::binary);
  if (!m_out) {
    throw Error("cannot open trace file " + path.string() + " for appending");
  }
  if (fresh) {
    m_out << k_header;
    m_out.flush();
  }
}

void TraceWriter::write(const Snapshot& snapshot) {
  m_buffer.clear();
  append_trace_lines(snapshot, m_buffer);
  m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
  m_out.flush();
  if (!m_out) {
    throw Error("cannot write to trace file " + m_path.string());
  }
}

} // namespace octolog

#include "octolog/proc_net_dev.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace octolog {

namespace {

// Every kernel since 2.2 prints these 16 columns; the header names them.
constexpr std::size_t k_field_count = 16;
constexpr std::size_t k_rx_bytes = 0;
constexpr std::size_t k_rx_packets = 1;
constexpr std::size_t k_tx_bytes = 8;
constexpr std::size_t k_tx_packets = 9;
constexpr std::size_t k_header_lines = 2;
constexpr std::size_t k_excerpt_limit = 60;
constexpr std::string_view k_first_header = "Inter-|";
constexpr std::string_view k_second_header = " face |";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// What the kernel's isspace() rejects in a device name, plus NUL.
bool is_forbidden_in_name(char c) {
  return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// A printable excerpt for error messages, so hostile bytes never reach a log.
std::string excerpt(std::string_view text) {
  std::string result;
  for (const char c : text.substr(0, k_excerpt_limit)) {
    const auto byte = static_cast<unsigned char>(c);
    result += (byte >= 0x20 && byte < 0x7f) ? c : '?';
  }
  if (text.size() > k_excerpt_limit) {
    result += "...";
  }
  return result;
}

bool fail(std::string& error, std::size_t line_number, std::string_view line,
          std::string_view what) {
  error = "line " + std::to_string(line_number) + " ('" + excerpt(line) + "'): ";
  error += what;
  return false;
}

bool parse_u64(std::string_view token, std::uint64_t& value) {
  const char* const last = token.data() + token.size();
  const auto [end, status] = std::from_chars(token.data(), last, value);
  return status == std::errc{} && end == last;
}

// Parses one interface line into `entry`; false with `error` set otherwise.
bool parse_interface_line(std::string_view line, std::size_t line_number, InterfaceCounters& entry,
                          std::string& error) {
  const std::size_t colon = line.rfind(':');
  if (colon == std::string_view::npos) {
    return fail(error, line_number, line, "no ':' after the interface name");
  }
  std::string_view name = line.substr(0, colon);
  const std::size_t name_start = name.find_first_not_of(" \t");
  name.remove_prefix(name_start == std::string_view::npos ? name.size() : name_start);
  if (name.empty()) {
    return fail(error, line_number, line, "empty interface name");
  }
  if (std::any_of(name.begin(), name.end(), is_forbidden_in_name)) {
    return fail(error, line_number, line, "white space or NUL in the interface name");
  }

  std::array<std::uint64_t, k_field_count> values{};
  std::size_t count = 0;
  std::string_view rest = line.substr(colon + 1);
  while (true) {
    const std::size_t start = rest.find_first_not_of(" \t");
    if (start == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(start);
    std::size_t length = 0;
    while (length < rest.size() && !is_blank(rest[length])) {
      ++length;
    }
    const std::string_view token = rest.substr(0, length);
    rest.remove_prefix(length);
    std::uint64_t value = 0;
    if (!parse_u64(token, value)) {
      return fail(error, line_number, line,
                  "field " + std::to_string(count + 1) + " ('" + excerpt(token) +
                      "') is not a decimal number that fits 64 bits");
    }
    if (count < values.size()) {
      values[count] = value;
    }
    ++count;
  }
  if (count < k_field_count) {
    return fail(error, line_number, line,
                "expected " + std::to_string(k_field_count) + " numbers after the name, found " +
                    std::to_string(count));
  }

  entry.name.assign(name);
  entry.ifindex = 0;
  entry.rx_bytes = values[k_rx_bytes];
  entry.rx_packets = values[k_rx_packets];
  entry.tx_bytes = values[k_tx_bytes];
  entry.tx_packets = values[k_tx_packets];
  entry.width = 64;
  entry.link_speed_bps = 0;
  entry.kind.clear();
  return true;
}

// Interface lines follow the header without gaps, so entry i is on line i + 3.
bool check_unique_names(const std::vector<InterfaceCounters>& entries, std::string& error) {
  if (entries.size() < 2) {
    return true;
  }
  std::vector<std::size_t> order(entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const int compared = entries[a].name.compare(entries[b].name);
    return compared < 0 || (compared == 0 && a < b);
  });
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (entries[order[i - 1]].name == entries[order[i]].name) {
      error = "line " + std::to_string(order[i] + k_header_lines + 1) + ": interface '" +
              excerpt(entries[order[i]].name) + "' already appeared on line " +
              std::to_string(order[i - 1] + k_header_lines + 1);
      return false;
    }
  }
  return true;
}

} // namespace

bool parse_proc_net_dev(std::string_view text, std::vector<InterfaceCounters>& out,
                        std::string& error) {
  std::size_t line_number = 0;
  std::size_t count = 0;
  std::size_t position = 0;
  while (position < text.size()) {
    std::size_t end = text.find('\n', position);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(position, end - position);
    position = end + 1;
    ++line_number;

    if (line_number == 1 || line_number == 2) {
      const std::string_view expected = line_number == 1 ? k_first_header : k_second_header;
      if (!line.starts_with(expected)) {
        return fail(error, line_number, line, "not a /proc/net/dev header line");
      }
      continue;
    }
    if (line.empty()) {
      return fail(error, line_number, line, "empty line");
    }
    if (count == out.size()) {
      out.emplace_back();
    }
    if (!parse_interface_line(line, line_number, out[count], error)) {
      return false;
    }
    ++count;
  }
  if (line_number < k_header_lines) {
    error = "line " + std::to_string(line_number + 1) + ": missing /proc/net/dev header line";
    return false;
  }
  out.resize(count);
  return check_unique_names(out, error);
}

} // namespace octolog

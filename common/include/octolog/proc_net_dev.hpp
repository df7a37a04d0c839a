#pragma once

#include "octolog/snapshot.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace octolog {

// Parses the text of Linux's /proc/net/dev: two header lines, then one line
// per interface, `<name>: <16 unsigned numbers>` (the kernel prints the name
// right-aligned with "%6s:", so it may be preceded by spaces, and a long
// number may follow the ':' with no space). The name is everything after the
// leading spaces up to the line's last ':'. Fields 1, 2, 9 and 10 are
// rx_bytes, rx_packets, tx_bytes and tx_packets; every field must be a
// decimal number that fits 64 bits. Fields past the 16th are checked and
// ignored, so a kernel that appends columns still parses. Empty lines are
// skipped.
//
// On success replaces `out` with one entry per line in file order (width 64,
// ifindex, link speed and kind unknown), reusing the strings of the entries
// already in `out`, and returns true. Returns false with `error` naming the
// line for a missing or foreign header, a malformed line (no ':', empty name,
// white space or NUL in the name, a missing, non-numeric or overflowing
// field) or a name seen twice; `out` is then unspecified. Never reads outside
// `text`, whatever it holds.
bool parse_proc_net_dev(std::string_view text, std::vector<InterfaceCounters>& out,
                        std::string& error);

} // namespace octolog

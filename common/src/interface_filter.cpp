#include "octolog/interface_filter.hpp"

#include <algorithm>

namespace octolog {
namespace {

// Matches a bracket set at pattern[p] (just after '['). Sets `p` past the
// closing ']'; false when the set is not closed (then '[' is literal).
bool match_set(std::string_view pattern, std::size_t& p, char c, bool& matched) {
  std::size_t i = p;
  const bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) {
    ++i;
  }
  bool found = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    const char low = pattern[i];
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      const char high = pattern[i + 2];
      found = found || (low <= c && c <= high);
      i += 3;
    } else {
      found = found || low == c;
      ++i;
    }
  }
  if (i >= pattern.size()) {
    return false;
  }
  p = i + 1;
  matched = found != negate;
  return true;
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star_p = std::string_view::npos;
  std::size_t star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      if (pattern[p] == '[') {
        std::size_t after = p + 1;
        bool matched = false;
        if (match_set(pattern, after, text[t], matched)) {
          if (matched) {
            p = after;
            ++t;
            continue;
          }
        } else if (text[t] == '[') {
          ++p;
          ++t;
          continue;
        }
      } else if (pattern[p] == '?' || pattern[p] == text[t]) {
        ++p;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) {
      return false;
    }
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

InterfaceFilter::InterfaceFilter(std::vector<std::string> includes,
                                 std::vector<std::string> excludes)
    : m_includes(std::move(includes)), m_excludes(std::move(excludes)) {
  if (m_includes.empty() && m_excludes.empty()) {
    m_excludes = k_default_excludes;
  }
}

bool InterfaceFilter::accepts(std::string_view name) const {
  const auto matches = [name](const std::string& glob) { return glob_match(glob, name); };
  if (!m_includes.empty() && std::none_of(m_includes.begin(), m_includes.end(), matches)) {
    return false;
  }
  return std::none_of(m_excludes.begin(), m_excludes.end(), matches);
}

} // namespace octolog

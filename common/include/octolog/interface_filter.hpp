#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace octolog {

// Shell-style glob match: '*' any run, '?' any one byte, '[abc]', '[a-z]' and
// '[!a-z]' sets; anything else matches itself.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

// Which interfaces to record: those matching an include glob (all when there
// is none) and no exclude glob. With neither given, loopback and container
// churn (k_default_excludes) are left out.
class InterfaceFilter {
public:
  static inline const std::vector<std::string> k_default_excludes{"lo", "veth*", "docker*",
                                                                  "br-*"};

  InterfaceFilter(std::vector<std::string> includes, std::vector<std::string> excludes);

  [[nodiscard]] bool accepts(std::string_view name) const;

private:
  std::vector<std::string> m_includes;
  std::vector<std::string> m_excludes;
};

} // namespace octolog

#include "octolog/interface_filter.hpp"

#include <gtest/gtest.h>

namespace octolog {
namespace {

TEST(GlobMatch, MatchesStarsQuestionMarksAndSets) {
  EXPECT_TRUE(glob_match("veth*", "veth1a2b"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("eth?", "eth0"));
  EXPECT_FALSE(glob_match("eth?", "eth10"));
  EXPECT_TRUE(glob_match("en[ops]*", "enp3s0"));
  EXPECT_FALSE(glob_match("en[!ops]*", "enp3s0"));
  EXPECT_TRUE(glob_match("wg[0-9]", "wg7"));
  EXPECT_FALSE(glob_match("wg[0-9]", "wga"));
  EXPECT_TRUE(glob_match("a*b*c", "axxbyyc"));
  EXPECT_FALSE(glob_match("a*b*c", "axxbyy"));
  EXPECT_TRUE(glob_match("[x", "[x")); // an unclosed set is literal
  EXPECT_FALSE(glob_match("eth0", "eth01"));
}

TEST(InterfaceFilter, LeavesOutLoopbackAndContainerChurnByDefault) {
  const InterfaceFilter filter({}, {});
  EXPECT_TRUE(filter.accepts("eth0"));
  EXPECT_TRUE(filter.accepts("wlp2s0"));
  EXPECT_FALSE(filter.accepts("lo"));
  EXPECT_FALSE(filter.accepts("veth12ab"));
  EXPECT_FALSE(filter.accepts("docker0"));
  EXPECT_FALSE(filter.accepts("br-1f2e"));
}

TEST(InterfaceFilter, RecordsOnlyIncludedInterfacesOnceAnIncludeIsGiven) {
  const InterfaceFilter filter({"veth*", "lo"}, {});
  EXPECT_TRUE(filter.accepts("veth0"));
  EXPECT_TRUE(filter.accepts("lo"));
  EXPECT_FALSE(filter.accepts("eth0"));
}

TEST(InterfaceFilter, LetsAnExcludeWinOverAnInclude) {
  const InterfaceFilter filter({"e*"}, {"eth1"});
  EXPECT_TRUE(filter.accepts("eth0"));
  EXPECT_FALSE(filter.accepts("eth1"));
  EXPECT_TRUE(InterfaceFilter({}, {"eth1"}).accepts("lo")); // explicit excludes replace defaults
}

} // namespace
} // namespace octolog

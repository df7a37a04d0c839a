#include "octolog/counter_source.hpp"
#include "octolog/error.hpp"

#include "linux_test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace {

using octolog::SourceOptions;
using octolog::testing::fixture_tree;
using octolog::testing::ProcfsTree;
using octolog::testing::tree_options;

} // namespace

TEST(MakeCounterSource, HonoursExplicitProcfs) {
  const auto source = octolog::make_counter_source(tree_options(fixture_tree()));
  EXPECT_EQ(source->name(), "procfs");
}

TEST(MakeCounterSource, RefusesIphelperOnLinux) {
  SourceOptions options = tree_options(fixture_tree());
  options.kind = SourceOptions::Kind::iphelper;
  try {
    octolog::make_counter_source(options);
    FAIL() << "no exception";
  } catch (const octolog::Error& error) {
    EXPECT_NE(std::string(error.what()).find("not available on this platform"), std::string::npos)
        << error.what();
  }
}

TEST(MakeCounterSource, PrefersNetlinkWhenAutomatic) {
  SourceOptions options = tree_options(fixture_tree());
  options.kind = SourceOptions::Kind::automatic;
  const auto source = octolog::make_counter_source(options);
  EXPECT_EQ(source->name(), "netlink");
  EXPECT_EQ(source->boot_id(), "0f7e9c4a-6d1b-4e55-9a0c-3b2f1d8e7a61");
}

TEST(MakeCounterSource, NamesBothProblemsWhenNothingWorks) {
  const ProcfsTree tree;
  std::filesystem::remove(tree.root() / "proc/sys/kernel/random/boot_id");
  SourceOptions options = tree_options(tree.root());
  options.kind = SourceOptions::Kind::automatic;
  try {
    octolog::make_counter_source(options);
    FAIL() << "no exception";
  } catch (const octolog::Error& error) {
    const std::string text = error.what();
    EXPECT_EQ(text.rfind("no counter source works: ", 0), 0U) << text;
    EXPECT_NE(text.find("; cannot read the boot id"), std::string::npos) << text;
  }
}

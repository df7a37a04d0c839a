#include "octolog/version.hpp"

#include <gtest/gtest.h>

TEST(Version, MatchesTheProjectVersion) { EXPECT_EQ(octolog::version(), OCTOLOG_VERSION); }

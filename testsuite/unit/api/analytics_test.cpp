#include "api/analytics.hpp"

#include <catch2/catch.hpp>

TEST_CASE("Date: parses real calendar dates only", "[unit][analytics]") {
  CHECK(pinsmock::Date::parse("2026-02-28"));
  CHECK_FALSE(pinsmock::Date::parse("2026-02-30"));
}

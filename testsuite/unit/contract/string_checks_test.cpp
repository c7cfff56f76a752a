#include "contract/string_checks.hpp"

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("Formats: date, time and date-time as valijson means them", "[unit][pattern]") {
  using namespace pinsmock;
  CHECK(is_date("2026-11-15"));
  CHECK(is_date("12026-02-29"));
  CHECK_FALSE(is_date("2026-02-30"));
  CHECK_FALSE(is_date("2026-04-31"));
  CHECK(is_date("2026-12-31"));
  CHECK_FALSE(is_date("2026-13-01"));
  CHECK_FALSE(is_date("2026-00-10"));
  CHECK_FALSE(is_date("2026-1-10"));
  CHECK_FALSE(is_date("-01-10"));
  CHECK_FALSE(is_date("2026-01-10 "));
  CHECK_FALSE(is_date(std::string(100000, '2') + "-01-1x"));
  CHECK(is_time("23:59:60Z"));
  CHECK(is_time("10:00:00.123+02:00"));
  CHECK_FALSE(is_time("10:00:00"));
  CHECK_FALSE(is_time("24:00:00Z"));
  CHECK_FALSE(is_time("10:00:00.Z"));
  CHECK(is_date_time("2026-11-15T12:00:00Z"));
  CHECK(is_date_time("2026-11-15t12:00:00.5-05:30"));
  CHECK_FALSE(is_date_time("2026-11-15T12:00:00")); // live's created_at: no offset
  CHECK_FALSE(is_date_time("2026-11-15 12:00:00Z"));
  CHECK_FALSE(is_date_time("2026-11-15T12:00:00." + std::string(100000, '1')));
  CHECK(is_date_time("2026-11-15T12:00:00." + std::string(100000, '1') + "Z"));
  CHECK(matches_format("date", "2026-11-15"));
  CHECK_FALSE(is_checked_format("uri"));
}

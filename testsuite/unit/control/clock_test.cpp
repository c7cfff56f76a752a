// The mock's clock: created_at, today, set/advance (never backwards), and the time rate-limit
// windows see.
#include "control/clock.hpp"

#include "unit/catch_optional.hpp"
#include "unit/text_shape.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using pinsmock::Clock;
using pinsmock::Date;
using pinsmock::format_timestamp;
using pinsmock::parse_timestamp;

TEST_CASE("Clock: a fixed today gives increasing created_at without offset", "[unit][clock]") {
  Clock clock(Date{2026, 11, 14});
  CHECK(clock.today() == Date{2026, 11, 14});
  const std::string first = clock.next_created_at();
  const std::string second = clock.next_created_at();
  CHECK(first == "2026-11-14T12:00:00");
  CHECK(second == "2026-11-14T12:00:01");
  CHECK(first < second);
  clock.reset();
  CHECK(clock.next_created_at() == first);
}

TEST_CASE("Clock: created_at rolls over minutes, hours and midnight", "[unit][clock]") {
  Clock clock(Date{2024, 2, 28});
  std::vector<std::string> stamps;
  for (int i = 0; i <= 12 * 3600; ++i)
    stamps.push_back(clock.next_created_at());
  CHECK(stamps[60] == "2024-02-28T12:01:00");
  CHECK(stamps[3600] == "2024-02-28T13:00:00");
  CHECK(stamps[12 * 3600 - 1] == "2024-02-28T23:59:59");
  CHECK(stamps[12 * 3600] == "2024-02-29T00:00:00");
  CHECK(std::is_sorted(stamps.begin(), stamps.end()));
}

TEST_CASE("Clock: without a fixed today it writes the wall clock in the live format",
          "[unit][clock]") {
  Clock clock(std::nullopt);
  const Date before = Date::today_utc();
  const std::string stamp = clock.next_created_at();
  const Date after = Date::today_utc();
  INFO(stamp);
  CHECK(pinsmock::test::has_shape(stamp, "DDDD-DD-DDTDD:DD:DD"));
  const std::string day = stamp.substr(0, 10);
  CHECK((day == before.to_string() || day == after.to_string()));
  CHECK((clock.today() == before || clock.today() == after || clock.today() == after.plus_days(1)));
}

TEST_CASE("Clock: advancing moves today, created_at and the rate-limit time together",
          "[unit][clock]") {
  Clock clock(Date{2026, 11, 15});
  const auto before_ms = clock.now_ms();
  REQUIRE(clock.advance(86400 + 3600));
  CHECK(clock.today() == Date{2026, 11, 16});
  CHECK(clock.next_created_at() == "2026-11-16T13:00:00");
  CHECK(clock.now_ms() - before_ms >= (86400 + 3600) * 1000LL);
}

TEST_CASE("Clock: set moves forward to the given time and refuses the past", "[unit][clock]") {
  Clock clock(Date{2026, 11, 15});
  REQUIRE(clock.set(*parse_timestamp("2026-11-28T12:00:00")));
  CHECK(clock.today() == Date{2026, 11, 28});
  CHECK(clock.now_text() == "2026-11-28T12:00:00");
  CHECK_FALSE(clock.set(*parse_timestamp("2026-11-20T00:00:00")));
  CHECK(clock.now_text() == "2026-11-28T12:00:00");
  CHECK_FALSE(clock.advance(-1));
  CHECK(clock.set(*parse_timestamp("2026-11-28T12:00:00"))); // the same second is not the past
}

TEST_CASE("Clock: reset goes back to the start", "[unit][clock]") {
  Clock clock(Date{2026, 11, 15});
  clock.advance(1000);
  clock.next_created_at();
  clock.reset();
  CHECK(clock.now_text() == "2026-11-15T12:00:00");
  CHECK(clock.next_created_at() == "2026-11-15T12:00:00");
}

TEST_CASE("Clock: a wall clock moved forward a day shows tomorrow", "[unit][clock]") {
  Clock clock(std::nullopt);
  const Date today = clock.today();
  REQUIRE(clock.advance(86400));
  const Date moved = clock.today();
  CHECK((moved == today.plus_days(1) || moved == today.plus_days(2)));
}

TEST_CASE("Clock: timestamps parse and print in the live format", "[unit][clock]") {
  CHECK(parse_timestamp("2026-11-28T12:00:00") == std::optional<std::int64_t>(1795867200));
  CHECK(parse_timestamp("2026-11-28T12:00:00Z") == parse_timestamp("2026-11-28T12:00:00"));
  CHECK(parse_timestamp("2026-11-28") == std::optional<std::int64_t>(1795824000));
  CHECK(format_timestamp(1795867200) == "2026-11-28T12:00:00");
  CHECK_FALSE(parse_timestamp("2026-11-28T24:00:00"));
  CHECK_FALSE(parse_timestamp("2026-02-30T00:00:00"));
  CHECK_FALSE(parse_timestamp("2026-11-28 12:00:00"));
  CHECK_FALSE(parse_timestamp("yesterday"));
}

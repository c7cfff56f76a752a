// The controllable clock: GET/POST /__admin/clock, never backwards, and what follows it
// (created_at, the analytics window, data_status); --today keeps working.
#include "fault_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock;
using namespace pinsmock::test;

TEST_CASE("clock: GET shows the mock's time; --today starts it at noon", "[http][clock]") {
  MockServer server(test_options());
  server.start();
  const ApiResult clock = admin_call(server, "GET", "/__admin/clock");
  REQUIRE_THAT(clock, HasStatus(200));
  CHECK(str_at(clock.json, "now") == "2026-11-15T12:00:00");
  CHECK(str_at(clock.json, "today") == "2026-11-15");
  CHECK(str_at(clock.json, "mode") == "fixed");
  CHECK(server.clock_now() == "2026-11-15T12:00:00");
}

TEST_CASE("clock: set and advance move created_at", "[http][clock]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult set =
      admin_call(server, "POST", "/__admin/clock", R"({"set": "2026-11-28T12:00:00"})");
  REQUIRE_THAT(set, HasStatus(200));
  CHECK(str_at(set.json, "now") == "2026-11-28T12:00:00");
  ApiResult created = client.pins_create(sample("pins.create.image_url"));
  CHECK(str_at(created.json, "created_at") == "2026-11-28T12:00:00");
  const ApiResult advanced =
      admin_call(server, "POST", "/__admin/clock", R"({"advance_seconds": 7200})");
  REQUIRE_THAT(advanced, HasStatus(200));
  created = client.pins_create(sample("pins.create.image_url"));
  CHECK(str_at(created.json, "created_at") == "2026-11-28T14:00:01"); // one second per pin
}

TEST_CASE("clock: moving backwards answers 400", "[http][clock]") {
  MockServer server(test_options());
  server.start();
  const std::string body = GENERATE(as<std::string>{}, R"({"set": "2026-11-14T00:00:00"})",
                                    R"({"advance_seconds": -60})");
  const ApiResult refused = admin_call(server, "POST", "/__admin/clock", body);
  REQUIRE_THAT(refused, IsPinterestError(400, 1));
  CHECK(str_at(refused.json, "message").find("backwards") != std::string::npos);
  CHECK(server.clock_now() == "2026-11-15T12:00:00");
  CHECK_THAT(admin_call(server, "POST", "/__admin/clock", R"({"set": "noon"})"),
             IsPinterestError(400, 1));
  CHECK_THAT(admin_call(server, "POST", "/__admin/clock",
                        R"({"set": "2026-12-01T00:00:00", "advance_seconds": 1})"),
             IsPinterestError(400, 1));
  REQUIRE_THROWS_AS(server.set_clock("2020-01-01T00:00:00"), std::invalid_argument);
}

TEST_CASE("clock: the analytics window and data_status follow it", "[http][clock]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const Query today = {
      {"start_date", "2026-11-15"}, {"end_date", "2026-11-15"}, {"metric_types", "IMPRESSION"}};
  const ApiResult before = client.pins_analytics(fixture_pin(1), today);
  REQUIRE_THAT(before, HasStatus(200));
  CHECK(str_at(before.json, "all/daily_metrics/0/data_status") == "PROCESSING");
  // Ninety days back from today is the edge of the window: a start before it is refused.
  const Query old = {
      {"start_date", "2026-08-17"}, {"end_date", "2026-08-18"}, {"metric_types", "IMPRESSION"}};
  REQUIRE_THAT(client.pins_analytics(fixture_pin(1), old), HasStatus(200));
  server.advance_clock(86400);
  CHECK_THAT(client.pins_analytics(fixture_pin(1), old), IsPinterestError(400, 1));
  const ApiResult next_day = client.pins_analytics(fixture_pin(1), today);
  REQUIRE_THAT(next_day, HasStatus(200));
  CHECK(str_at(next_day.json, "all/daily_metrics/0/date") == "2026-11-15");
  CHECK(str_at(next_day.json, "all/daily_metrics/0/data_status") == "READY");
}

TEST_CASE("clock: reset brings it back to the start", "[http][clock]") {
  MockServer server(test_options());
  server.start();
  server.advance_clock(3 * 86400);
  CHECK(server.clock_now() == "2026-11-18T12:00:00");
  CHECK_THAT(admin_call(server, "POST", "/__admin/reset"), HasStatus(200));
  CHECK(server.clock_now() == "2026-11-15T12:00:00");
}

// The session registry without sockets: tokens, lookups, ends and the idle TTL, driven by an
// injected steady clock so expiry is tested without waiting.
#include "server/sessions.hpp"

#include "server/session_admin.hpp"
#include "unit/server/world_fixture.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace pinsmock;
using namespace std::chrono_literals;

namespace {

// A registry whose steady clock the test moves by hand.
struct Registry {
  std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
  Sessions sessions{test::shared_default_fixtures(), test::unit_world_settings(), 60s, {},
                    [this] { return now; }};
};

} // namespace

TEST_CASE("Sessions: a session's tokens are the fixture tokens with its id appended",
          "[unit][sessions]") {
  Registry r;
  auto one = r.sessions.create({});
  auto two = r.sessions.create({});
  REQUIRE(one);
  REQUIRE(two);
  CHECK((*one)->id == "s1");
  CHECK((*two)->id == "s2");
  CHECK(session_token("pina_mock_creator_full", "s1") == "pina_mock_creator_full.s1");
  CHECK(r.sessions.find_by_token("pina_mock_creator_full.s1") == *one);
  CHECK(r.sessions.find_by_token("pina_mock_creator_readonly.s2") == *two);
  CHECK(r.sessions.find_by_token("pina_mock_creator_full") == nullptr); // the default's
  CHECK(r.sessions.find("s2") == *two);
  // The session's fixtures know both its own tokens and the fixtures' (for the header).
  CHECK((*one)->fixtures.get()->find_token("pina_mock_creator_full.s1"));
  CHECK((*one)->fixtures.get()->find_token("pina_mock_creator_full"));
  CHECK_FALSE((*one)->fixtures.get()->find_token("pina_mock_creator_full.s2"));
  // Pins are shared with the fixtures, not copied.
  CHECK((*one)->store.find(test::fixture_pin(1)).get() == test::default_fixtures().pins[0].get());
}

TEST_CASE("Sessions: idle sessions expire after the TTL; used ones stay", "[unit][sessions]") {
  Registry r;
  auto idle = *r.sessions.create({});
  auto busy = *r.sessions.create({});
  r.now += 45s;
  CHECK(r.sessions.find_by_token("pina_mock_partner_full." + busy->id) == busy); // a request
  r.now += 30s; // idle: 75 s > 60 s; busy: 30 s
  CHECK(r.sessions.expire() == 1);
  CHECK(r.sessions.find(idle->id) == nullptr);
  CHECK(r.sessions.find_by_token("pina_mock_creator_full." + idle->id) == nullptr);
  CHECK(r.sessions.size() == 1);
  r.now += 61s;
  // Listing sweeps too: nothing idle is listed.
  CHECK(r.sessions.list().empty());
  CHECK(r.sessions.size() == 0);
}

TEST_CASE("Sessions: a TTL of zero never expires anything", "[unit][sessions]") {
  std::chrono::steady_clock::time_point now{};
  Sessions sessions(test::shared_default_fixtures(), test::unit_world_settings(), 0s, {},
                    [&] { return now; });
  REQUIRE(sessions.create({}));
  now += std::chrono::hours(24 * 365);
  CHECK(sessions.expire() == 0);
  CHECK(sessions.size() == 1);
}

TEST_CASE("Sessions: an ended session's world outlives requests still holding it",
          "[unit][sessions]") {
  Registry r;
  auto world = *r.sessions.create({});
  CHECK(r.sessions.end(world->id));
  CHECK_FALSE(r.sessions.end(world->id));
  CHECK(world->store.size() == test::default_fixtures().pins.size()); // still readable
  CHECK(r.sessions.find(world->id) == nullptr);
}

TEST_CASE("Sessions: a fixture directory other than default needs a loader", "[unit][sessions]") {
  Registry r;
  SessionSpec spec;
  spec.fixtures = "/some/dir";
  auto refused = r.sessions.create(spec);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().pointer == "/fixtures");
}

TEST_CASE("Sessions: the create body is empty or names only known fields", "[unit][sessions]") {
  CHECK(parse_session_spec(""));
  CHECK(parse_session_spec("  \n"));
  const auto spec = parse_session_spec(R"({"seed": 3, "today": "2026-02-28"})");
  REQUIRE(spec);
  CHECK(spec->seed == std::optional<std::uint64_t>(3));
  CHECK(spec->today->to_string() == "2026-02-28");
  CHECK(spec->fixtures == "default");
  const auto unknown = parse_session_spec(R"({"sed": 3})");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().pointer == "/sed");
  CHECK_THAT(unknown.error().detail, Catch::Contains("/sed"));
}

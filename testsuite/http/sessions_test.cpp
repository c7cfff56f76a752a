// Sessions (README "Parallel tests and sessions"): each session is an isolated copy of the
// fixture world addressed by its own tokens, so parallel tests never see each other's writes.
// Catch2 v2 assertions are not thread-safe: worker threads only collect, the test thread checks.
#include "http/http_fixture.hpp"
#include "http/session_support.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <thread>

using namespace pinsmock::test;
using pinsmock::MockServer;
namespace json = pinsmock::json;

namespace {

// What one thread saw in its own session.
struct Flow {
  std::string session;
  std::vector<int> statuses;        // every answer, in order
  std::set<std::string> created;    // ids of the pins it created
  std::set<std::string> kept;       // created and not deleted
  std::vector<std::string> listed_after_creates;
  std::vector<std::string> listed_at_end;
  std::int64_t health_pins = -1;
  std::string updated_title;
};

std::vector<std::string> walk(PinsClient& client, Flow& flow) {
  std::vector<std::string> ids;
  std::string bookmark;
  for (int page = 0; page < 100; ++page) {
    Query query = {{"page_size", "7"}};
    if (!bookmark.empty())
      query.emplace_back("bookmark", bookmark);
    const ApiResult res = client.pins_list(query);
    flow.statuses.push_back(res.status);
    for (std::string& id : item_ids(res))
      ids.push_back(std::move(id));
    bookmark = str_at(res.json, "bookmark");
    if (res.status != 200 || bookmark == "<missing>")
      break;
  }
  return ids;
}

} // namespace

TEST_CASE("Sessions: 16 threads in their own sessions create, list, update and delete in "
          "isolation",
          "[http][sessions]") {
  constexpr int kThreads = 16;
  constexpr int kPins = 8;
  MockServer server(test_options());
  server.start();

  std::vector<Flow> flows(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      Flow& flow = flows[t];
      PinsClient admin(server.root_url(), "");
      const ApiResult made = admin.raw("POST", "/__admin/sessions");
      flow.statuses.push_back(made.status);
      flow.session = str_at(made.json, "id");
      PinsClient client(server.base_url(), str_at(made.json, "tokens/" + kCreatorToken));
      for (int i = 0; i < kPins; ++i) {
        const ApiResult res = client.pins_create(sample_with_title(
            "pins.create.image_url", "t" + std::to_string(t) + " #" + std::to_string(i)));
        flow.statuses.push_back(res.status);
        flow.created.insert(res.string_member("id"));
      }
      flow.listed_after_creates = walk(client, flow);
      flow.kept = flow.created;
      int n = 0;
      for (const std::string& id : flow.created) {
        if (n++ % 2 == 0) {
          flow.statuses.push_back(client.pins_delete(id).status);
          flow.kept.erase(id);
        } else {
          flow.updated_title = "thread " + std::to_string(t);
          flow.statuses.push_back(
              client.pins_update(id, "{\"title\": \"" + flow.updated_title + "\"}").status);
        }
      }
      flow.listed_at_end = walk(client, flow);
      flow.health_pins =
          int_at(admin.raw("GET", "/__admin/health?session=" + flow.session).json, "pins");
    });
  for (std::thread& thread : threads)
    thread.join();

  std::set<std::string> sessions;
  for (int t = 0; t < kThreads; ++t) {
    const Flow& flow = flows[t];
    INFO("thread " << t << " in session " << flow.session);
    CHECK(sessions.insert(flow.session).second);
    for (int status : flow.statuses)
      CHECK((status == 200 || status == 201 || status == 204));
    REQUIRE(flow.created.size() == static_cast<std::size_t>(kPins));
    // Every session draws its ids from the same seed: the same ids, each in its own world.
    CHECK(flow.created == flows[0].created);
    // Exactly its own pins, newest first, then the creator's public fixtures.
    std::vector<std::string> own(flow.listed_after_creates.begin(),
                                 flow.listed_after_creates.begin() + kPins);
    CHECK(std::set<std::string>(own.begin(), own.end()) == flow.created);
    CHECK(flow.listed_after_creates.size() ==
          static_cast<std::size_t>(kPins + kCreatorPublicPins));
    CHECK(all_distinct(flow.listed_after_creates));
    std::set<std::string> survivors;
    for (const std::string& id : flow.listed_at_end)
      if (flow.created.count(id))
        survivors.insert(id);
    CHECK(survivors == flow.kept);
    CHECK(flow.listed_at_end.size() == flow.kept.size() + kCreatorPublicPins);
    CHECK(flow.health_pins == static_cast<std::int64_t>(kFixturePinCount + flow.kept.size()));
  }

  // The default session saw none of it.
  PinsClient admin(server.root_url(), "");
  CHECK(int_at(admin.raw("GET", "/__admin/health").json, "pins") == kFixturePinCount);
  CHECK(server.requests().empty());
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK(walk_list(client, {{"page_size", "250"}}).ids.size() ==
        static_cast<std::size_t>(kCreatorPublicPins));
  CHECK(server.session_count() == static_cast<std::size_t>(kThreads));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Sessions: one session's reset and fault rules never touch another",
          "[http][sessions]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  const OpenedSession one = open_session(admin);
  const OpenedSession two = open_session(admin);
  REQUIRE(one.id != two.id);
  REQUIRE(one.token != two.token);
  PinsClient in_one(server.base_url(), one.token);
  PinsClient in_two(server.base_url(), two.token);
  PinsClient in_default(server.base_url(), kCreatorToken);
  const std::string pin_one = create_pin(in_one);
  const std::string pin_two = create_pin(in_two);
  const std::string pin_default = create_pin(in_default);

  const ApiResult rule = admin.raw("POST", "/__admin/faults?session=" + one.id,
                                   R"({"operation": "pins/get", "status": 503})");
  REQUIRE_THAT(rule, HasStatus(201));
  CHECK(in_one.pins_get(fixture_pin(1)).status == 503);
  CHECK(in_two.pins_get(fixture_pin(1)).status == 200);
  CHECK(in_default.pins_get(fixture_pin(1)).status == 200);
  CHECK(admin.raw("GET", "/__admin/faults").json["faults"].Size() == 0);
  CHECK(admin.raw("GET", "/__admin/faults?session=" + two.id).json["faults"].Size() == 0);

  const ApiResult reset = admin.raw("POST", "/__admin/sessions/" + one.id + "/reset");
  REQUIRE_THAT(reset, HasStatus(200));
  CHECK(int_at(reset.json, "pins") == kFixturePinCount);
  CHECK(in_one.pins_get(pin_one).status == 404); // its pin is gone and its rule too
  CHECK(in_two.pins_get(pin_two).status == 200);
  CHECK(in_default.pins_get(pin_default).status == 200);

  // The default session's reset leaves the sessions alone.
  REQUIRE_THAT(admin.raw("POST", "/__admin/reset"), HasStatus(200));
  CHECK(in_default.pins_get(pin_default).status == 404);
  CHECK(in_two.pins_get(pin_two).status == 200);
  // Each session draws its ids from the same seed: the same ids, each in its own world.
  CHECK(pin_one == pin_two);
}

TEST_CASE("Sessions: an unknown session header answers 401 code 2 as an unknown token does",
          "[http][sessions]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult res =
      client.raw("GET", "/pins/" + fixture_pin(1), "", {{"X-Pinsmock-Session", "s999"}});
  CHECK_THAT(res, HasStatus(401));
  CHECK(int_at(res.json, "code") == 2);
  CHECK_THAT(res, ConformsTo("pins/get"));
  const auto journal = server.requests();
  REQUIRE(journal.size() == 1);
  REQUIRE(journal.front().violations.size() == 1);
  CHECK_THAT(journal.front().violations.front().rule, Catch::Contains("unknown session"));
  // An ended session's token is an unknown token.
  std::string token;
  {
    auto session = server.new_session();
    token = session.token();
    CHECK(PinsClient(server.base_url(), token).pins_get(fixture_pin(1)).status == 200);
  }
  const ApiResult ended = PinsClient(server.base_url(), token).pins_get(fixture_pin(1));
  CHECK_THAT(ended, HasStatus(401));
  CHECK(int_at(ended.json, "code") == 2);
}

TEST_CASE("Sessions: the X-Pinsmock-Session header selects a session for the fixtures' tokens",
          "[http][sessions]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  const OpenedSession session = open_session(admin);
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult created = client.raw("POST", "/pins", sample("pins.create.image_url"),
                                       {{"X-Pinsmock-Session", session.id}});
  REQUIRE_THAT(created, HasStatus(201));
  const std::string id = created.string_member("id");
  CHECK(client.pins_get(id).status == 404); // not in the default session
  CHECK(PinsClient(server.base_url(), session.token).pins_get(id).status == 200);
  CHECK(client.raw("GET", "/pins/" + id, "", {{"X-Pinsmock-Session", session.id}}).status == 200);
}

TEST_CASE("Sessions: every admin endpoint takes ?session= and an unknown id answers 404 JSON",
          "[http][sessions]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  const OpenedSession session = open_session(admin);
  PinsClient client(server.base_url(), session.token);
  create_pin(client);
  CHECK(client.pins_get(kUnknownPin).status == 404);

  const std::string in = "?session=" + session.id;
  CHECK(admin.raw("GET", "/__admin/requests" + in).json["requests"].Size() == 2);
  CHECK(admin.raw("GET", "/__admin/requests").json["requests"].Size() == 0);
  CHECK(int_at(admin.raw("GET", "/__admin/coverage" + in).json, "exercised") == 2);
  CHECK(int_at(admin.raw("GET", "/__admin/coverage").json, "exercised") == 0);
  CHECK(int_at(admin.raw("GET", "/__admin/health" + in).json, "pins") == kFixturePinCount + 1);
  const ApiResult accounts = admin.raw("GET", "/__admin/accounts" + in);
  REQUIRE_THAT(accounts, HasStatus(200));
  CHECK_THAT(accounts.body, Catch::Contains(session.token));
  CHECK_THAT(admin.raw("GET", "/__admin/accounts").body, !Catch::Contains(session.token));
  CHECK(admin.raw("GET", "/__admin/violations" + in).status == 200);
  CHECK(admin.raw("GET", "/__admin/warnings" + in).status == 200);
  const ApiResult moved =
      admin.raw("POST", "/__admin/clock" + in, R"({"advance_seconds": 86400})");
  REQUIRE_THAT(moved, HasStatus(200));
  CHECK(str_at(admin.raw("GET", "/__admin/clock" + in).json, "now") !=
        str_at(admin.raw("GET", "/__admin/clock").json, "now"));
  CHECK(admin.raw("DELETE", "/__admin/requests" + in).status == 204);
  CHECK(admin.raw("GET", "/__admin/requests" + in).json["requests"].Size() == 0);

  for (const char* path : {"/__admin/health", "/__admin/requests", "/__admin/faults",
                           "/__admin/reset", "/__admin/clock"}) {
    const std::string method = std::string(path) == "/__admin/reset" ? "POST" : "GET";
    const ApiResult unknown = admin.raw(method, std::string(path) + "?session=s999");
    INFO(path);
    CHECK_THAT(unknown, HasStatus(404));
    CHECK(int_at(unknown.json, "code") == 404);
    CHECK_THAT(str_at(unknown.json, "message"), Catch::Contains("s999"));
  }
}

TEST_CASE("Sessions: POST /__admin/sessions applies seed and today and names a bad field",
          "[http][sessions]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  const ApiResult made = admin.raw("POST", "/__admin/sessions",
                                   R"({"fixtures": "default", "seed": 7, "today": "2025-01-02"})");
  REQUIRE_THAT(made, HasStatus(201));
  CHECK(str_at(made.json, "base_url") == server.base_url());
  CHECK(json_at(made.json, "boards/0/id") != nullptr);
  CHECK(int_at(made.json, "seed") == 7);
  CHECK(str_at(made.json, "today") == "2025-01-02");
  PinsClient in_session(server.base_url(), str_at(made.json, "tokens/" + kCreatorToken));
  const ApiResult created = in_session.pins_create(sample("pins.create.image_url"));
  REQUIRE_THAT(created, HasStatus(201));
  CHECK_THAT(created.string_member("created_at"), Catch::StartsWith("2025-01-02T"));
  PinsClient in_default(server.base_url(), kCreatorToken);
  CHECK(create_pin(in_default) != created.string_member("id")); // seed 1 vs seed 7

  // A fixture directory, loaded and validated like --fixtures.
  json::Document spec(rapidjson::kObjectType);
  json::set(spec, "fixtures",
            json::string(std::string(PINSMOCK_SOURCE_DIR) + "/fixtures/default",
                         spec.GetAllocator()),
            spec.GetAllocator());
  const ApiResult from_dir = admin.raw("POST", "/__admin/sessions", json::dump(spec));
  REQUIRE_THAT(from_dir, HasStatus(201));
  CHECK(int_at(from_dir.json, "pins") == kFixturePinCount);

  const auto [body, field] = GENERATE(table<std::string, std::string>({
      {R"({"seed": -1})", "seed"},
      {R"({"seed": "7"})", "seed"},
      {R"({"today": "2026-13-01"})", "today"},
      {R"({"today": 20260101})", "today"},
      {R"({"fixtures": 3})", "fixtures"},
      {R"({"fixtures": "/nonexistent/fixtures"})", "fixtures"},
      {R"({"colour": "red"})", "colour"},
      {R"([1])", ""},
      {R"({"seed": )", ""},
  }));
  INFO(body);
  const ApiResult bad = admin.raw("POST", "/__admin/sessions", body);
  CHECK_THAT(bad, HasStatus(400));
  CHECK(int_at(bad.json, "code") == 1);
  if (!field.empty())
    CHECK_THAT(str_at(bad.json, "message"), Catch::Contains("/" + field));
  CHECK(server.session_count() == 2);
}

TEST_CASE("Sessions: GET lists sessions, DELETE ends one, and an ended session is gone",
          "[http][sessions]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  const OpenedSession one = open_session(admin);
  const OpenedSession two = open_session(admin);
  const ApiResult listed = admin.raw("GET", "/__admin/sessions");
  REQUIRE_THAT(listed, HasStatus(200));
  REQUIRE(listed.json["sessions"].Size() == 2);
  CHECK(str_at(listed.json, "sessions/0/id") == one.id);
  CHECK(str_at(listed.json, "sessions/1/id") == two.id);
  CHECK(int_at(listed.json, "ttl_seconds") == 3600);

  CHECK(admin.raw("DELETE", "/__admin/sessions/" + one.id).status == 204);
  CHECK(admin.raw("DELETE", "/__admin/sessions/" + one.id).status == 404);
  CHECK(admin.raw("POST", "/__admin/sessions/" + one.id + "/reset").status == 404);
  CHECK(admin.raw("GET", "/__admin/health?session=" + one.id).status == 404);
  CHECK(admin.raw("PUT", "/__admin/sessions").status == 405);
  CHECK(admin.raw("GET", "/__admin/sessions/" + two.id).status == 200);
  CHECK(admin.raw("GET", "/__admin/sessions").json["sessions"].Size() == 1);
  CHECK(PinsClient(server.base_url(), one.token).pins_list().status == 401);
  CHECK(PinsClient(server.base_url(), two.token).pins_list().status == 200);
}

TEST_CASE("Sessions: a Session object has its own token, journal and reset, and ends with its "
          "scope",
          "[http][sessions]") {
  MockServer server(test_options());
  server.start();
  {
    auto session = server.new_session();
    CHECK(server.session_count() == 1);
    CHECK(session.base_url() == server.base_url());
    CHECK(session.token() != server.default_token());
    CHECK(session.token_for(kPartnerToken) != "");
    CHECK(session.board_ids() == server.default_board_ids());
    PinsClient client(session.base_url(), session.token());
    const std::string id = create_pin(client);
    CHECK(session.requests().size() == 1);
    CHECK(server.requests().empty());
    session.add_fault(R"({"operation": "pins/list", "status": 500})");
    CHECK(client.pins_list().status == 500);
    session.reset();
    CHECK(client.pins_get(id).status == 404);
    CHECK(client.pins_list().status == 200);

    auto moved = std::move(session); // the session moves with the object, it does not end
    CHECK(server.session_count() == 1);
    CHECK(client.pins_list().status == 200);
  }
  CHECK(server.session_count() == 0);
  CHECK_THROWS_AS(server.new_session({"default", std::nullopt, "yesterday"}),
                  std::invalid_argument);
}

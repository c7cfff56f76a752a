// Sessions with state and run-time data (README "Parallel tests and sessions"): GET/PUT
// /__admin/state, /__admin/accounts, /__admin/boards, /__admin/pins and reset act on the session
// ?session=ID names (the default session without it); an account added to a session brings
// tokens that address it and no one else; a session of a fixture directory resets by reading
// it again. Over HTTP here; the C++ Session API in session_world_api_test.cpp.
#include "http/http_fixture.hpp"
#include "http/session_support.hpp"
#include "http/world_support.hpp"

using namespace pinsmock::test;
namespace json = pinsmock::json;
using pinsmock::MockServer;

TEST_CASE("Sessions: GET and PUT /__admin/state?session=ID export and import that session only",
          "[http][sessions][state]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  const OpenedSession s1 = open_session(admin);
  const OpenedSession s2 = open_session(admin);
  PinsClient in_s1(server.base_url(), s1.token);
  const std::string made = create_pin(in_s1, kImageUrlPin);

  const ApiResult exported = admin.raw("GET", "/__admin/state?session=" + s1.id);
  REQUIRE_THAT(exported, HasStatus(200));
  CHECK(exported.body.find(made) != std::string::npos);
  // The session's own tokens are left out: an import into a session makes them again.
  CHECK(exported.body.find(s1.token) == std::string::npos);
  CHECK(exported.body.find("\"" + kCreatorToken + "\"") != std::string::npos);
  CHECK(admin.raw("GET", "/__admin/state").body.find(made) == std::string::npos);

  const ApiResult imported =
      admin.raw("PUT", "/__admin/state?session=" + s2.id, exported.body,
                {{"Content-Type", "application/json"}});
  REQUIRE_THAT(imported, HasStatus(200));
  CHECK(int_at(imported.json, "pins") == kFixturePinCount + 1);
  // s2 has the pin, and its own token still addresses it; the default session has neither.
  PinsClient in_s2(server.base_url(), s2.token);
  CHECK_THAT(in_s2.pins_get(made), HasStatus(200));
  PinsClient in_default(server.base_url(), kCreatorToken);
  CHECK_THAT(in_default.pins_get(made), HasStatus(404));
  CHECK(pins_in(admin, "") == kFixturePinCount);

  // A bad import into a session answers 400 and leaves that session as it was.
  const ApiResult refused = admin.raw("PUT", "/__admin/state?session=" + s2.id,
                                      R"({"format": "pinsmock-state/1", "files": {}})",
                                      {{"Content-Type", "application/json"}});
  CHECK_THAT(refused, IsPinterestError(400, 1));
  CHECK_THAT(in_s2.pins_get(made), HasStatus(200));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Sessions: accounts, boards, sections and pins added with ?session= stay in that "
          "session, and the account's token addresses it",
          "[http][sessions][world]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  const OpenedSession s1 = open_session(admin);
  const OpenedSession s2 = open_session(admin);
  const std::string in = "?session=" + s1.id;

  REQUIRE_THAT(admin.raw("POST", "/__admin/accounts" + in, std::string(kExtraAccount)),
               HasStatus(201));
  REQUIRE_THAT(admin.raw("POST", "/__admin/boards" + in, std::string(kExtraBoard)),
               HasStatus(201));
  REQUIRE_THAT(admin.raw("POST", "/__admin/boards/" + kExtraBoardId + "/sections" + in,
                         R"({"id": "1200000000000000901", "name": "Later"})"),
               HasStatus(201));
  const ApiResult seeded = admin.raw(
      "POST", "/__admin/pins" + in,
      R"({"pin": {"board_id": "1100000000000000901", "created_at": "2020-01-01T00:00:00"}})");
  REQUIRE_THAT(seeded, HasStatus(201));
  const std::string old_pin = str_at(seeded.json, "id");

  // The added token needs no header: it addresses s1.
  PinsClient extra(server.base_url(), kExtraToken);
  ApiResult got = extra.pins_get(old_pin);
  REQUIRE_THAT(got, HasStatus(200));
  CHECK(str_at(got.json, "created_at") == "2020-01-01T00:00:00");
  CHECK(pins_in(admin, s1.id) == kFixturePinCount + 1);

  // Nothing of it is in the default session or in s2.
  CHECK(pins_in(admin, "") == kFixturePinCount);
  CHECK(pins_in(admin, s2.id) == kFixturePinCount);
  CHECK(admin.raw("GET", "/__admin/accounts").body.find("\"extra\"") == std::string::npos);
  CHECK(admin.raw("GET", "/__admin/accounts?session=" + s2.id).body.find("\"extra\"") ==
        std::string::npos);
  CHECK(admin.raw("GET", "/__admin/accounts" + in).body.find("\"extra\"") != std::string::npos);
  CHECK_THAT(extra.raw("GET", "/pins/" + old_pin, "", {{"X-Pinsmock-Session", s2.id}}),
             IsPinterestError(401, 2));
  PinsClient in_default(server.base_url(), kCreatorToken);
  CHECK_THAT(in_default.pins_get(old_pin), HasStatus(404));

  // A reset of s1 takes the account with it: its token then addresses no one.
  REQUIRE_THAT(admin.raw("POST", "/__admin/reset" + in), HasStatus(200));
  CHECK_THAT(extra.pins_list(), IsPinterestError(401, 2));
  CHECK(pins_in(admin, s1.id) == kFixturePinCount);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Sessions: an account whose token another session has is refused with 400 naming "
          "the token",
          "[http][sessions][world]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  const OpenedSession s1 = open_session(admin);
  const OpenedSession s2 = open_session(admin);
  REQUIRE_THAT(admin.raw("POST", "/__admin/accounts?session=" + s1.id, std::string(kExtraAccount)),
               HasStatus(201));

  // Another session, and the default session, cannot take it.
  for (const std::string& in : {"?session=" + s2.id, std::string()}) {
    const ApiResult refused = admin.raw("POST", "/__admin/accounts" + in, std::string(kExtraAccount));
    CHECK_THAT(refused, IsPinterestError(400, 1));
    CHECK_THAT(str_at(refused.json, "message"),
               Catch::StartsWith("/tokens/0/token: already addresses session " + s1.id));
  }
  // Nor may a session take a token of the default session, or another session's own token.
  REQUIRE_THAT(admin.raw("POST", "/__admin/accounts",
                         R"({"username": "dflt", "user_id": "1000000000000000902",
                             "tokens": [{"token": "pina_dflt", "scopes": ["pins:read"]}]})"),
               HasStatus(201));
  const ApiResult taken_default =
      admin.raw("POST", "/__admin/accounts?session=" + s2.id,
                R"({"username": "dflt", "user_id": "1000000000000000902",
                    "tokens": [{"token": "pina_dflt", "scopes": ["pins:read"]}]})");
  CHECK_THAT(taken_default, IsPinterestError(400, 1));
  CHECK_THAT(str_at(taken_default.json, "message"),
             Catch::StartsWith("/tokens/0/token: already addresses the default session"));
  const ApiResult taken_own =
      admin.raw("POST", "/__admin/accounts?session=" + s2.id,
                R"({"username": "own", "user_id": "1000000000000000903",
                    "tokens": [{"token": ")" + s1.token + R"(", "scopes": ["pins:read"]}]})");
  CHECK_THAT(taken_own, IsPinterestError(400, 1));
  CHECK_THAT(str_at(taken_own.json, "message"), Catch::Contains("session " + s1.id));

  // A reset of the default session takes its account away, and frees the token for s2.
  REQUIRE_THAT(admin.raw("POST", "/__admin/reset"), HasStatus(200));
  CHECK_THAT(admin.raw("POST", "/__admin/accounts?session=" + s2.id,
                       R"({"username": "dflt", "user_id": "1000000000000000902",
                           "tokens": [{"token": "pina_dflt", "scopes": ["pins:read"]}]})"),
             HasStatus(201));

  // The refused accounts were not added anywhere; the token still addresses s1 only.
  CHECK(admin.raw("GET", "/__admin/accounts?session=" + s2.id).body.find("\"extra\"") ==
        std::string::npos);
  PinsClient extra(server.base_url(), kExtraToken);
  CHECK_THAT(extra.pins_list(), HasStatus(200));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Sessions: a reset of a session of a fixture directory reads the directory again",
          "[http][sessions][world]") {
  TempFiles dir;
  {
    MockServer source(test_options());
    write_state_files(source.export_state(), dir.str());
  }
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  json::Document spec(rapidjson::kObjectType);
  json::set(spec, "fixtures", json::string(dir.str(), spec.GetAllocator()), spec.GetAllocator());
  const OpenedSession s1 = open_session(admin, json::dump(spec));
  const std::string in = "?session=" + s1.id;

  std::string boards = slurp_file(dir.path() / "boards.json");
  const std::string old_name = "Weeknight Dinners";
  boards.replace(boards.find(old_name), old_name.size(), "Weekend Dinners");
  dir.write("boards.json", boards);
  CHECK(admin.raw("GET", "/__admin/accounts" + in).body.find("Weekend Dinners") ==
        std::string::npos); // read at the next reset, not before
  REQUIRE_THAT(admin.raw("POST", "/__admin/sessions/" + s1.id + "/reset"), HasStatus(200));
  CHECK(admin.raw("GET", "/__admin/accounts" + in).body.find("Weekend Dinners") !=
        std::string::npos);
  // The default session (built-in fixtures) is untouched.
  CHECK(admin.raw("GET", "/__admin/accounts").body.find("Weekend Dinners") == std::string::npos);

  // A broken file: 400 with file:line, and the session keeps its data (and its token works).
  dir.write("pins.json", "{\n  \"pins\": [\n    {\"owner\": }\n  ]\n}\n");
  for (const std::string& path : {"/__admin/sessions/" + s1.id + "/reset", "/__admin/reset" + in}) {
    const ApiResult refused = admin.raw("POST", path);
    CHECK_THAT(refused, IsPinterestError(400, 1));
    CHECK_THAT(str_at(refused.json, "message"), Catch::Contains(dir.str() + "/pins.json:3:"));
  }
  PinsClient in_s1(server.base_url(), s1.token);
  CHECK_THAT(in_s1.pins_get(fixture_pin(1)), HasStatus(200));
  CHECK(admin.raw("GET", "/__admin/accounts" + in).body.find("Weekend Dinners") !=
        std::string::npos);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Sessions: a session no one has answers 404 on the admin API and 401 code 2 on the API",
          "[http][sessions]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  for (const auto& [method, path] : std::initializer_list<std::pair<const char*, const char*>>{
           {"GET", "/__admin/state"},
           {"PUT", "/__admin/state"},
           {"POST", "/__admin/accounts"},
           {"POST", "/__admin/boards"},
           {"POST", "/__admin/pins"},
           {"POST", "/__admin/reset"}}) {
    const ApiResult answer = admin.raw(method, std::string(path) + "?session=s404", "{}");
    CHECK_THAT(answer, IsPinterestError(404, 404));
  }
  PinsClient creator(server.base_url(), kCreatorToken);
  CHECK_THAT(creator.raw("GET", "/pins", "", {{"X-Pinsmock-Session", "s404"}}),
             IsPinterestError(401, 2));
  // An ended session's own token is an unknown token.
  const OpenedSession ended = open_session(admin);
  REQUIRE_THAT(admin.raw("DELETE", "/__admin/sessions/" + ended.id), HasStatus(204));
  PinsClient stale(server.base_url(), ended.token);
  CHECK_THAT(stale.pins_list(), IsPinterestError(401, 2));
  CHECK(pins_in(admin, "") == kFixturePinCount);
}

#include "server/pipeline.hpp"

#include "unit/server/world_fixture.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <string>

using pinsmock::HttpRequest;
using pinsmock::HttpResponse;
using pinsmock::test::contracts;
using pinsmock::test::default_fixtures;
using pinsmock::test::parse_json;

namespace json = pinsmock::json;

namespace {

constexpr std::string_view kFull = "Bearer pina_mock_creator_full";
constexpr std::string_view kReadOnly = "Bearer pina_mock_creator_readonly";
constexpr std::string_view kPartner = "Bearer pina_mock_partner_full";
constexpr std::string_view kAdmin = "Bearer pina_mock_admin_full";

constexpr std::string_view kCreate = R"({"board_id": "1100000000000000001", "title": "Soup",
    "media_source": {"source_type": "image_url", "url": "https://example.com/soup.jpg"}})";

// A pipeline over a fresh World, answering as the in-process test server does (Enforce).
struct Fixture {
  pinsmock::Sessions sessions{pinsmock::test::shared_default_fixtures(),
                              pinsmock::test::unit_world_settings(), std::chrono::milliseconds(0)};
  pinsmock::World& world = sessions.default_world();
  pinsmock::Pipeline pipeline{contracts(), pinsmock::test::manifest(), sessions,
                              pinsmock::ValidationMode::Enforce};

  HttpResponse send(std::string method, std::string path, std::string_view authorization = kFull,
                    std::string body = "", pinsmock::Headers query = {}) {
    HttpRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.query = std::move(query);
    if (!authorization.empty())
      request.headers.emplace_back("Authorization", std::string(authorization));
    request.body = std::move(body);
    return pipeline.handle(request);
  }
};

// "<status> <body>": one string, so a failed check shows the whole answer.
std::string answer(const HttpResponse& response) {
  return std::to_string(response.status) + " " + response.body;
}

int code_of(const HttpResponse& response) {
  const auto doc = parse_json(response.body);
  return static_cast<int>(json::get_int(doc, "code").value_or(-1));
}

std::string message_of(const HttpResponse& response) {
  const auto doc = parse_json(response.body);
  return std::string(json::get_string(doc, "message").value_or(""));
}

} // namespace

TEST_CASE("Pipeline: a missing or unusable token answers 401 code 2", "[unit][pipeline]") {
  Fixture f;
  const std::string authorization =
      GENERATE(as<std::string>{}, "", "Basic x", "Bearer", "Bearer ", "Bearer pina_unknown",
               "pina_mock_creator_full", "Token pina_mock_creator_full");
  INFO("Authorization: '" << authorization << "'");
  const HttpResponse response = f.send("GET", "/v5/pins", authorization);
  CHECK(response.status == 401);
  CHECK(code_of(response) == 2);
  CHECK(message_of(response) == "Authentication failed.");
  CHECK(response.content_type == "application/json");
}

TEST_CASE("Pipeline: a read-only token on POST /pins answers 401 code 3", "[unit][pipeline]") {
  Fixture f;
  const HttpResponse write = f.send("POST", "/v5/pins", kReadOnly, std::string(kCreate));
  INFO(answer(write));
  CHECK(write.status == 401);
  CHECK(code_of(write) == 3);
  CHECK(f.world.store.size() == 36);
  const HttpResponse read = f.send("GET", "/v5/pins", kReadOnly);
  CHECK(read.status == 200);
}

TEST_CASE("Pipeline: the bearer scheme is case-insensitive", "[unit][pipeline]") {
  Fixture f;
  CHECK(f.send("GET", "/v5/pins", "bearer pina_mock_creator_full").status == 200);
  CHECK(f.send("GET", "/v5/pins", "BEARER  pina_mock_creator_full ").status == 200);
  HttpRequest lower_case_header;
  lower_case_header.method = "GET";
  lower_case_header.path = "/v5/pins";
  lower_case_header.headers.emplace_back("authorization", std::string(kFull));
  CHECK(f.pipeline.handle(lower_case_header).status == 200);
}

TEST_CASE("Pipeline: a missing required parameter is named in the message", "[unit][pipeline]") {
  Fixture f;
  const HttpResponse response = f.send(
      "GET", "/v5/pins/analytics", kFull, "",
      {{"start_date", "2026-11-10"}, {"end_date", "2026-11-14"}, {"metric_types", "IMPRESSION"}});
  INFO(answer(response));
  CHECK(response.status == 400);
  CHECK(code_of(response) == 1);
  CHECK_THAT(message_of(response), Catch::Contains("pin_ids") && !Catch::Contains("''"));
}

TEST_CASE("Pipeline: a full request creates a pin and answers 201", "[unit][pipeline]") {
  Fixture f;
  const HttpResponse response = f.send("POST", "/v5/pins/", kFull, std::string(kCreate));
  INFO(answer(response));
  REQUIRE(response.status == 201);
  const auto body = parse_json(response.body);
  CHECK(contracts().validate("components/pin.json", body).empty());
  CHECK(f.world.store.size() == 37);
  CHECK(f.pipeline.internal_errors().empty());
}

TEST_CASE("Pipeline: malformed JSON answers 400 code 1 naming the offset", "[unit][pipeline]") {
  Fixture f;
  const HttpResponse response = f.send("POST", "/v5/pins", kFull, R"({"board_id": })");
  INFO(answer(response));
  CHECK(response.status == 400);
  CHECK(code_of(response) == 1);
  CHECK_THAT(message_of(response),
             Catch::Contains("offset 13") && Catch::Contains("Invalid value"));
}

TEST_CASE("Pipeline: a body that breaks the contract names the field", "[unit][pipeline]") {
  Fixture f;
  auto body = parse_json(kCreate);
  body["title"].SetString(std::string(101, 'T'), body.GetAllocator());
  const HttpResponse long_title = f.send("POST", "/v5/pins", kFull, json::dump(body));
  INFO(answer(long_title));
  CHECK(long_title.status == 400);
  CHECK(code_of(long_title) == 1);
  CHECK_THAT(message_of(long_title), Catch::Contains("/title"));

  const HttpResponse no_body = f.send("POST", "/v5/pins", kFull, "  ");
  CHECK(no_body.status == 400);
  CHECK(code_of(no_body) == 1);
  const HttpResponse array = f.send("POST", "/v5/pins", kFull, "[]");
  CHECK(array.status == 400);
  CHECK(f.world.store.size() == 36);
}

TEST_CASE("Pipeline: an explicit null the contract forbids counts as unset", "[unit][pipeline]") {
  Fixture f;
  const HttpResponse response = f.send("PATCH", "/v5/pins/1300000000000000001", kFull,
                                       R"({"board_id": null, "title": "Renamed"})");
  INFO(answer(response));
  REQUIRE(response.status == 200);
  const auto body = parse_json(response.body);
  CHECK(json::get_string(body, "board_id") ==
        std::optional<std::string_view>(pinsmock::test::kWeeknightDinners));
  CHECK(json::get_string(body, "title") == std::optional<std::string_view>("Renamed"));
}

TEST_CASE("Pipeline: a bad page_size answers 400 naming page_size", "[unit][pipeline]") {
  Fixture f;
  const std::string page_size = GENERATE(as<std::string>{}, "0", "251", "abc", "-1", "2.5");
  INFO("page_size=" << page_size);
  const HttpResponse response = f.send("GET", "/v5/pins", kFull, "", {{"page_size", page_size}});
  INFO(answer(response));
  CHECK(response.status == 400);
  CHECK(code_of(response) == 1);
  CHECK_THAT(message_of(response), Catch::Contains("page_size"));
}

TEST_CASE("Pipeline: page_size bounds 1 and 250 are accepted", "[unit][pipeline]") {
  Fixture f;
  const HttpResponse one = f.send("GET", "/v5/pins", kFull, "", {{"page_size", "1"}});
  REQUIRE(one.status == 200);
  CHECK(parse_json(one.body)["items"].Size() == 1);
  const HttpResponse most = f.send("GET", "/v5/pins", kFull, "", {{"page_size", "250"}});
  REQUIRE(most.status == 200);
  CHECK(parse_json(most.body)["items"].Size() == 19);
}

TEST_CASE("Pipeline: a stray {} body on DELETE is accepted", "[unit][pipeline]") {
  Fixture f;
  const HttpResponse response = f.send("DELETE", "/v5/pins/1300000000000000007", kFull, "{}");
  INFO(answer(response));
  CHECK(response.status == 204);
  CHECK(response.body.empty());
  CHECK_FALSE(f.world.store.find("1300000000000000007"));
  CHECK(f.send("GET", "/v5/pins/1300000000000000007").status == 404);
  CHECK(f.pipeline.internal_errors().empty());
}

TEST_CASE("Pipeline: an unknown route answers a JSON 404", "[unit][pipeline]") {
  Fixture f;
  const HttpResponse response = f.send("GET", "/v5/boards", "");
  INFO(answer(response));
  CHECK(response.status == 404);
  CHECK(response.content_type == "application/json");
  CHECK(code_of(response) == 404);
  CHECK_THAT(message_of(response), Catch::Contains("/v5/boards"));
  CHECK(f.send("GET", "/__adminx").status == 404);
}

TEST_CASE("Pipeline: a wrong method answers 405 with an Allow header", "[unit][pipeline]") {
  Fixture f;
  const HttpResponse response = f.send("PUT", "/v5/pins/1300000000000000001");
  INFO(answer(response));
  CHECK(response.status == 405);
  CHECK(code_of(response) == 405);
  std::string allow;
  for (const auto& [name, value] : response.headers)
    if (name == "Allow")
      allow = value;
  CHECK_THAT(allow,
             Catch::Contains("GET") && Catch::Contains("PATCH") && Catch::Contains("DELETE"));
}

TEST_CASE("Pipeline: ad_account_id acts for its owner within the role's reach",
          "[unit][pipeline]") {
  Fixture f;
  const pinsmock::Headers creator_account{{"ad_account_id", "549755885175"}};
  const HttpResponse analyst = f.send("GET", "/v5/pins", kPartner, "", creator_account);
  REQUIRE(analyst.status == 200);
  const json::Document listed = parse_json(analyst.body); // the items live in it
  const auto items = listed["items"].GetArray();
  CHECK(items.Size() == 19); // the creator's public pins
  CHECK(json::get_bool(items[0], "is_owner") == std::optional<bool>(true));
  pinsmock::Headers secret = creator_account;
  secret.emplace_back("pin_type", "PRIVATE");
  const HttpResponse analyst_secret = f.send("GET", "/v5/pins", kPartner, "", secret);
  CHECK(analyst_secret.status == 403);
  CHECK(code_of(analyst_secret) == 29);
  const HttpResponse admin_secret = f.send("GET", "/v5/pins", kAdmin, "", secret);
  REQUIRE(admin_secret.status == 200);
  CHECK(parse_json(admin_secret.body)["items"].Size() == 5);
  const HttpResponse stranger =
      f.send("GET", "/v5/pins", kAdmin, "", {{"ad_account_id", "549755885176"}});
  CHECK(stranger.status == 403);
}

TEST_CASE("Pipeline: admin health, accounts and reset need no token", "[unit][pipeline][admin]") {
  Fixture f;
  const HttpResponse health = f.send("GET", "/__admin/health", "");
  REQUIRE(health.status == 200);
  CHECK(health.body == R"({"status":"ok","pins":36})");

  REQUIRE(f.send("POST", "/v5/pins", kFull, std::string(kCreate)).status == 201);
  CHECK(f.send("GET", "/__admin/health/", "").body == R"({"status":"ok","pins":37})");
  const HttpResponse reset = f.send("POST", "/__admin/reset", "");
  REQUIRE(reset.status == 200);
  CHECK(reset.body == R"({"status":"reset","pins":36})");
  CHECK(f.world.store.size() == 36);

  const HttpResponse accounts = f.send("GET", "/__admin/accounts", "");
  REQUIRE(accounts.status == 200);
  const auto body = parse_json(accounts.body);
  REQUIRE(body["accounts"].Size() == 3);
  CHECK(json::get_string(body["accounts"][0], "username") ==
        std::optional<std::string_view>("mock_creator"));
  CHECK(body["accounts"][0]["tokens"].Size() == 2);
  CHECK(body["accounts"][0]["boards"].Size() == 4);
}

TEST_CASE("Pipeline: unknown admin routes and methods answer JSON errors",
          "[unit][pipeline][admin]") {
  Fixture f;
  REQUIRE(f.send("POST", "/v5/pins", kFull, std::string(kCreate)).status == 201);
  const HttpResponse wrong_method = f.send("GET", "/__admin/reset", "");
  CHECK(wrong_method.status == 405);
  CHECK(code_of(wrong_method) == 405);
  CHECK(f.world.store.size() == 37); // not reset
  const HttpResponse unknown = f.send("GET", "/__admin/nothing", "");
  CHECK(unknown.status == 404);
  CHECK(code_of(unknown) == 404);
  // GET /__admin redirects to the dashboard (http/dashboard_test.cpp); nothing else is there.
  CHECK(f.send("DELETE", "/__admin", "").status == 404);
  CHECK(f.send("GET", "/__admin", "").status == 302);
}

TEST_CASE("Pipeline: a Pin that breaks its contract when written is a recorded 500 in Enforce",
          "[unit][pipeline]") {
  Fixture f;
  // A write-time check that rejects every Pin stands in for a shaping bug.
  f.world.check_pin = [](const json::Value&) { return std::string("/id: broken"); };
  const HttpResponse created = f.send("POST", "/v5/pins", kFull, std::string(kCreate));
  CHECK(created.status == 500);
  REQUIRE(f.pipeline.internal_errors().size() == 1);
  CHECK_THAT(f.pipeline.internal_errors().front(),
             Catch::Contains("pins/create 201") && Catch::Contains("/id: broken"));
  // Pins written before the bug still answer; a page carrying the broken one does not.
  CHECK(f.send("GET", "/v5/pins/1300000000000000001").status == 200);
  CHECK(f.send("GET", "/v5/pins", kFull, "", {{"page_size", "1"}}).status == 500);
}

TEST_CASE("Pipeline: Report names a Pin that broke its contract on every answer carrying it",
          "[unit][pipeline]") {
  pinsmock::Sessions sessions{pinsmock::test::shared_default_fixtures(),
                              pinsmock::test::unit_world_settings(), std::chrono::milliseconds(0)};
  sessions.default_world().check_pin = [](const json::Value&) {
    return std::string("/id: broken");
  };
  pinsmock::Pipeline pipeline{contracts(), pinsmock::test::manifest(), sessions,
                              pinsmock::ValidationMode::Report};
  auto send = [&](std::string method, std::string path, std::string body = "",
                  pinsmock::Headers query = {}) {
    HttpRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.query = std::move(query);
    request.headers.emplace_back("Authorization", std::string(kFull));
    request.body = std::move(body);
    return pipeline.handle(request);
  };
  auto violations = [](const HttpResponse& response) {
    for (const auto& [name, value] : response.headers)
      if (name == "X-Pinsmock-Violations")
        return value;
    return std::string();
  };
  const HttpResponse created = send("POST", "/v5/pins", std::string(kCreate));
  REQUIRE(created.status == 201);
  CHECK_THAT(violations(created), Catch::Contains("/id: broken"));
  const std::string id(json::get_string(parse_json(created.body), "id").value_or(""));
  CHECK_THAT(violations(send("GET", "/v5/pins/" + id)), Catch::Contains("/id: broken"));
  CHECK_THAT(violations(send("GET", "/v5/pins", "", {{"page_size", "1"}})),
             Catch::Contains("/id: broken"));
  CHECK(violations(send("GET", "/v5/pins/1300000000000000001")).empty());
  CHECK(pipeline.internal_errors().empty());
}

TEST_CASE("Pipeline: answers built from stored bytes are the bytes a document would give",
          "[unit][pipeline]") {
  Fixture f;
  const HttpResponse page = f.send("GET", "/v5/pins", kFull, "", {{"page_size", "3"}});
  REQUIRE(page.status == 200);
  // Re-serializing the parsed answer changes nothing: compact, valid, in the stored order.
  CHECK(json::dump(parse_json(page.body)) == page.body);
  const HttpResponse other = f.send("GET", "/v5/pins/1300000000000000001", kPartner);
  REQUIRE(other.status == 200);
  CHECK(json::get_bool(parse_json(other.body), "is_owner") == std::optional<bool>(false));
  CHECK(json::dump(parse_json(other.body)) == other.body);
  const HttpResponse with_metrics =
      f.send("GET", "/v5/pins", kFull, "", {{"page_size", "2"}, {"pin_metrics", "true"}});
  REQUIRE(with_metrics.status == 200);
  const auto doc = parse_json(with_metrics.body);
  CHECK(doc["items"][0]["pin_metrics"].IsObject());
  CHECK(json::dump(doc) == with_metrics.body);
  CHECK(f.pipeline.internal_errors().empty());
}

// The Prefer request header over a real socket: forced statuses with the operation's error body,
// 2xx, delay, fault, combinations, 400 naming the allowed statuses, and --no-prefer.
#include "fault_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock;
using namespace pinsmock::test;

namespace {

ApiResult get_with_prefer(PinsClient& client, const std::string& pin, const std::string& prefer) {
  return client.raw("GET", "/pins/" + pin, "", {{"Prefer", prefer}});
}

} // namespace

TEST_CASE("Prefer: code=S answers the operation's catalog error for S", "[http][prefer]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  struct Case {
    int status;
    int code;
    std::string message;
  };
  const Case c = GENERATE(values<Case>({
      {401, 2, "Authentication failed."},
      {403, 29, "You are not permitted to access that resource."},
      {404, 50, "Pin not found."},
      {500, 500, "Simulated failure."},
      {503, 503, "Service temporarily unavailable."},
      {418, 418, "Simulated failure."}, // any other 4xx/5xx: the generic body
  }));
  const ApiResult result =
      get_with_prefer(client, fixture_pin(1), "code=" + std::to_string(c.status));
  REQUIRE_THAT(result, IsPinterestError(c.status, c.code));
  CHECK(str_at(result.json, "message") == c.message);
  CHECK_THAT(result, ConformsTo("pins/get"));
}

TEST_CASE("Prefer: code=429 answers code 8 with the spec's message and the rate-limit headers",
          "[http][prefer]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult result = get_with_prefer(client, fixture_pin(1), "code=429");
  REQUIRE_THAT(result, IsPinterestError(429, 8));
  CHECK(str_at(result.json, "message").rfind("This request exceeded a rate limit.", 0) == 0);
  REQUIRE(result.has_header("Retry-After"));
  CHECK(result.headers.find("Retry-After")->second == "1");
  REQUIRE(result.has_header("x-userendpoint-ratelimit-remaining"));
  CHECK(result.headers.find("x-userendpoint-ratelimit-remaining")->second == "0");
  CHECK(result.has_header("x-userendpoint-ratelimit-limit"));
  CHECK(result.has_header("x-userendpoint-ratelimit-reset-seconds"));
}

TEST_CASE("Prefer: create's 404 is the board's (code 40)", "[http][prefer]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult result =
      client.raw("POST", "/pins", sample("pins.create.image_url"), {{"Prefer", "code=404"}});
  CHECK_THAT(result, IsPinterestError(404, 40));
}

TEST_CASE("Prefer: a forced error changes no state", "[http][prefer]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::size_t before = walk_list(client, {}).ids.size();
  const ApiResult create =
      client.raw("POST", "/pins", sample("pins.create.image_url"), {{"Prefer", "code=503"}});
  REQUIRE_THAT(create, IsPinterestError(503, 503));
  const ApiResult remove =
      client.raw("DELETE", "/pins/" + fixture_pin(1), "", {{"Prefer", "code=500"}});
  REQUIRE_THAT(remove, HasStatus(500));
  CHECK(walk_list(client, {}).ids.size() == before);
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));
}

TEST_CASE("Prefer: code=2xx and a declared 2xx give the normal answer", "[http][prefer]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult normal = get_with_prefer(client, fixture_pin(1), "code=2xx");
  REQUIRE_THAT(normal, HasStatus(200));
  CHECK(str_at(normal.json, "id") == fixture_pin(1));
  // pins/create declares 200 and 201: code=200 serves the created pin with 200.
  const ApiResult created =
      client.raw("POST", "/pins", sample("pins.create.image_url"), {{"Prefer", "code=200"}});
  REQUIRE_THAT(created, HasStatus(200));
  CHECK_THAT(created, ConformsTo("pins/create"));
  CHECK(created.string_member("id").size() == 18);
}

TEST_CASE("Prefer: a status the contract does not declare answers 400 naming the allowed ones",
          "[http][prefer]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult redirect = get_with_prefer(client, fixture_pin(1), "code=302");
  REQUIRE_THAT(redirect, IsPinterestError(400, 1));
  CHECK(str_at(redirect.json, "message") ==
        "Invalid Prefer header: code=302 is not a status pins/get declares (allowed: 200, 400, "
        "401, 403, 404, 429, 2xx, and any other 4xx or 5xx (the contract's 'default')).");
  const ApiResult undeclared_success =
      client.raw("DELETE", "/pins/" + fixture_pin(1), "", {{"Prefer", "code=200"}});
  REQUIRE_THAT(undeclared_success, IsPinterestError(400, 1));
  CHECK(str_at(undeclared_success.json, "message").find("allowed: 204, 400, 401, 403, 404, 429") !=
        std::string::npos);
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(200)); // nothing was deleted
}

TEST_CASE("Prefer: an unknown fault or a bad delay answers 400", "[http][prefer]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult fault = get_with_prefer(client, fixture_pin(1), "fault=meltdown");
  REQUIRE_THAT(fault, IsPinterestError(400, 1));
  CHECK(str_at(fault.json, "message").find("connection_reset, empty_response") !=
        std::string::npos);
  CHECK_THAT(get_with_prefer(client, fixture_pin(1), "delay=soon"), IsPinterestError(400, 1));
}

TEST_CASE("Prefer: fault=malformed_body answers 200 with bytes that are not JSON",
          "[http][prefer]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult result = get_with_prefer(client, fixture_pin(1), "fault=malformed_body");
  REQUIRE_THAT(result, HasStatus(200));
  CHECK_FALSE(result.body.empty());
  CHECK(result.json.IsNull()); // the client's JSON parser fails
  json::Document doc;
  CHECK(json::parse_into(doc, result.body).has_value());
}

TEST_CASE("Prefer: --no-prefer ignores the header", "[http][prefer]") {
  ServerOptions options = test_options();
  options.prefer = false;
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(get_with_prefer(client, fixture_pin(1), "code=503"), HasStatus(200));
  CHECK_THAT(get_with_prefer(client, fixture_pin(1), "code=302"), HasStatus(200));
}

TEST_CASE("Prefer: authentication comes first, as in the pipeline's order", "[http][prefer]") {
  MockServer server(test_options());
  server.start();
  PinsClient anonymous(server.base_url(), "");
  CHECK_THAT(get_with_prefer(anonymous, fixture_pin(1), "code=503"), IsPinterestError(401, 2));
}

TEST_CASE("Prefer: the journal records the tokens and coverage counts the status as forced",
          "[http][prefer][journal]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  get_with_prefer(client, fixture_pin(1), "code=503, delay=0");
  client.pins_get(fixture_pin(1));
  const json::Document journal = journal_of(server);
  REQUIRE(journal.Size() == 2);
  CHECK(str_at(journal[0], "shaped_by/source") == "prefer");
  CHECK(str_at(journal[0], "shaped_by/detail") == "code=503, delay=0");
  CHECK(int_at(journal[0], "shaped_by/forced_status") == 503);
  CHECK(null_at(journal[1], "shaped_by"));
  for (const OperationCoverage& op : server.coverage()) {
    if (op.operation_id != "pins/get")
      continue;
    CHECK(op.statuses == std::map<int, std::uint64_t>{{200, 1}});
    CHECK(op.forced_statuses == std::map<int, std::uint64_t>{{503, 1}});
    CHECK(op.errors.empty()); // a forced error is not one the client ran into by itself
  }
}

// Diagnostics that point at the fix: what a violation or warning record says about a request
// (which scope, which token problem, which enum values, which field was meant).
#include "http/http_fixture.hpp"

using namespace pinsmock::test;
using pinsmock::MockServer;
using pinsmock::RecordedViolation;

namespace {

std::string header_of(const ApiResult &r, const std::string &name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

RecordedViolation only_violation(const MockServer &server) {
  const auto violations = server.violations();
  REQUIRE(violations.size() == 1);
  return violations.front();
}

const std::string kAllCreativeTypes =
    "REGULAR, VIDEO, SHOPPING, CAROUSEL, MAX_VIDEO, SHOP_THE_PIN, COLLECTION, IDEA, SHOWCASE, "
    "QUIZ, COLLAGE, MAX_WIDTH_REGULAR_COLLECTION, MAX_WIDTH_VIDEO_COLLECTION";

} // namespace

TEST_CASE("Diagnostics: a missing scope names the scope needed and the scopes the token has",
          "[http][diagnostics][auth]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorReadonlyToken);
  ApiResult r = client.pins_create(sample("pins.create.image_url"));
  REQUIRE_THAT(r, IsPinterestError(401, 3));
  // The body keeps the live message.
  CHECK(r.json["message"].GetString() ==
        std::string("Your token does not have sufficient permissions to perform this operation. "
                    "Please ensure your token is authorized with the correct set of scopes."));
  const RecordedViolation v = only_violation(server);
  CHECK(v.rule == "missing scope: pins/create needs boards:write, pins:write; the token has "
                  "boards:read, pins:read");
  CHECK(v.expected == "a token with the scopes boards:read, boards:write, pins:read, pins:write");
  const std::string header = header_of(r, "X-Pinsmock-Violations");
  CHECK(header.find("pins/create needs boards:write, pins:write; the token has boards:read, "
                    "pins:read") != std::string::npos);
}

TEST_CASE("Diagnostics: missing, malformed and unknown tokens are three different violations",
          "[http][diagnostics][auth]") {
  MockServer server(test_options());
  server.start();
  PinsClient anonymous(server.base_url(), "");
  CHECK(anonymous.pins_list().status == 401);
  CHECK(anonymous.raw("GET", "/pins", "", {{"Authorization", "Basic dXNlcjpwYXNz"}}).status == 401);
  PinsClient stranger(server.base_url(), "pina_not_a_known_token");
  CHECK(stranger.pins_list().status == 401);
  const auto violations = server.violations();
  REQUIRE(violations.size() == 3);
  CHECK(violations[0].rule == "missing token: the request has no Authorization header");
  CHECK(violations[0].value.empty());
  CHECK(violations[1].rule == "malformed Authorization header: not 'Bearer <token>'");
  CHECK(violations[1].value == "header value 'Basi...' (18 characters)");
  CHECK(violations[2].rule ==
        "unknown token: no account of the mock's fixtures has this bearer token");
  CHECK(violations[2].value == "token 'pina...' (22 characters)");
  for (const RecordedViolation &v : violations) {
    CHECK(v.value.find("dXNlcjpwYXNz") == std::string::npos);
    CHECK(v.value.find("not_a_known") == std::string::npos);
  }
}

TEST_CASE("Diagnostics: an enum violation lists every allowed value from the contract",
          "[http][diagnostics][validation]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult r = client.pins_list({{"creative_types", "carousel2"}});
  REQUIRE_THAT(r, IsPinterestError(400, 1));
  CHECK(r.json["message"].GetString() ==
        "Invalid parameter 'creative_types': 'carousel2' is not one of " + kAllCreativeTypes);
  const RecordedViolation v = only_violation(server);
  CHECK(v.location == "query creative_types");
  CHECK(v.expected == "one of " + kAllCreativeTypes + ", string");
}

TEST_CASE("Diagnostics: enum values behind a $ref match in any case too",
          "[http][diagnostics][tolerance]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult lower = client.pins_list({{"creative_types", "carousel"}});
  ApiResult upper = client.pins_list({{"creative_types", "CAROUSEL"}});
  REQUIRE_THAT(lower, HasStatus(200));
  CHECK(lower.body == upper.body);
  CHECK(server.violations().empty());
}

TEST_CASE("Diagnostics: a violation record carries location, rule, value and expectation",
          "[http][diagnostics][validation]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK(client.pins_list({{"page_size", "251"}}).status == 400);
  const RecordedViolation v = only_violation(server);
  CHECK(v.operation_id == "pins/list");
  CHECK(v.location == "query page_size");
  CHECK(v.value == "251");
  CHECK(v.expected == "integer, from 1 to 250");
  CHECK_FALSE(v.rule.empty());
}

TEST_CASE("Diagnostics: an unknown body field is accepted as live does and recorded as a warning",
          "[http][diagnostics][warnings]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  std::string body = sample("pins.create.image_url");
  body.insert(body.find('{') + 1, "\"titel\": \"Misspelt\", ");
  ApiResult r = client.pins_create(body);
  REQUIRE_THAT(r, HasStatus(201));
  CHECK(server.violations().empty());
  const auto warnings = server.warnings();
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].location == "body /titel");
  CHECK(warnings[0].rule == "unknown field 'titel' (did you mean 'title'?)");
  CHECK(warnings[0].value == "\"Misspelt\"");
  // The journal and the admin API show it too.
  PinsClient admin(server.root_url(), "");
  ApiResult listed = admin.raw("GET", "/__admin/warnings");
  REQUIRE_THAT(listed, HasStatus(200));
  REQUIRE(listed.json["warnings"].Size() == 1);
  CHECK(std::string(listed.json["warnings"][0]["rule"].GetString()) ==
        "unknown field 'titel' (did you mean 'title'?)");
  ApiResult journal = admin.raw("GET", "/__admin/requests");
  CHECK(journal.json["requests"][0]["warnings"].Size() == 1);
}

TEST_CASE("Diagnostics: an unknown field nested in media_source is a warning too",
          "[http][diagnostics][warnings]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult r = client.pins_create("{\"board_id\": \"" + kDinnersBoard +
                                   "\", \"media_source\": {\"source_type\": \"image_url\", "
                                   "\"url\": \"https://example.com/a.jpg\","
                                   " \"ulr\": \"x\"}}");
  REQUIRE_THAT(r, HasStatus(201));
  const auto warnings = server.warnings();
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].location == "body /media_source/ulr");
  CHECK(warnings[0].rule == "unknown field 'ulr' (did you mean 'url'?)");
}

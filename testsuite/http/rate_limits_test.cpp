// Rate limits as live has them: headers on every answer while on, 429 code 8 with Retry-After,
// one quota per token and category, same-object writes, and windows that follow the clock.
#include "fault_fixture.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>

using namespace pinsmock;
using namespace pinsmock::test;

namespace {

const char* kRemaining = "x-userendpoint-ratelimit-remaining";

std::string header(const ApiResult& result, const std::string& name) {
  const auto it = result.headers.find(name);
  return it == result.headers.end() ? "<missing>" : it->second;
}

// A server with the rate limits of this JSON (the file is gone once the server has read it).
std::unique_ptr<MockServer> limited_server(const std::string& json) {
  const std::string path = temp_file(json);
  ServerOptions options = test_options();
  options.rate_limits = path;
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};
  return std::make_unique<MockServer>(options);
}

} // namespace

TEST_CASE("rate limits: every answer carries the headers while limits are on",
          "[http][rate_limits]") {
  ServerOptions options = test_options();
  options.rate_limits = "standard";
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult ok = client.pins_get(fixture_pin(1));
  REQUIRE_THAT(ok, HasStatus(200));
  CHECK(header(ok, "x-userendpoint-ratelimit-limit") == "100");
  CHECK(header(ok, kRemaining) == "99");
  CHECK(header(ok, "x-userendpoint-ratelimit-reset-seconds") == "1");
  const ApiResult not_found = client.pins_get(kUnknownPin);
  REQUIRE_THAT(not_found, HasStatus(404));
  CHECK(header(not_found, kRemaining) == "98");
  const ApiResult invalid = client.pins_list({{"page_size", "999"}});
  REQUIRE_THAT(invalid, HasStatus(400));
  CHECK(header(invalid, kRemaining) == "98"); // refused before the stage: shown, not counted
  // Live sends no rate-limit header on its 401 (API-NOTES.md section 1).
  PinsClient stranger(server.base_url(), "pina_unknown");
  CHECK_FALSE(stranger.pins_get(fixture_pin(1)).has_header(kRemaining));
}

TEST_CASE("rate limits: off by default, no headers", "[http][rate_limits]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_FALSE(client.pins_get(fixture_pin(1)).has_header(kRemaining));
}

TEST_CASE("rate limits: over the limit answers 429 code 8 with Retry-After",
          "[http][rate_limits]") {
  auto started = limited_server(R"({"org_read": {"limit": 2, "window_seconds": 60}})");
  MockServer& server = *started;
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));
  CHECK_THAT(client.pins_list(), HasStatus(200)); // list and get share org_read
  const ApiResult limited = client.pins_get(fixture_pin(1));
  REQUIRE_THAT(limited, IsPinterestError(429, 8));
  CHECK(str_at(limited.json, "message") ==
        "This request exceeded a rate limit. This can happen if the client exceeds one of the "
        "published rate limits or if multiple write operations are applied to an object within a "
        "short time window.");
  CHECK(header(limited, kRemaining) == "0");
  const int retry_after = std::stoi(header(limited, "Retry-After"));
  CHECK(retry_after >= 59);
  CHECK(retry_after <= 60);
  // Another category and another token are not limited.
  CHECK_THAT(client.pins_analytics(fixture_pin(1), {{"start_date", "2026-11-01"},
                                                    {"end_date", "2026-11-02"},
                                                    {"metric_types", "IMPRESSION"}}),
             HasStatus(200));
  PinsClient partner(server.base_url(), kPartnerToken);
  CHECK_THAT(partner.pins_list(), HasStatus(200));
  // Natural, not forced: coverage counts the 429 with the other statuses.
  for (const OperationCoverage& op : server.coverage())
    if (op.operation_id == "pins/get")
      CHECK(op.statuses.count(429) == 1);
  CHECK(str_at(journal_of(server)[2], "shaped_by/source") == "rate_limit");
  CHECK(str_at(journal_of(server)[2], "shaped_by/detail") == "org_read");
}

TEST_CASE("rate limits: advancing the clock reaches the reset without sleeping",
          "[http][rate_limits][clock]") {
  auto started = limited_server(R"({"org_write": {"limit": 1, "window_seconds": 3600}})");
  MockServer& server = *started;
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(client.pins_create(sample("pins.create.image_url")), HasStatus(201));
  CHECK_THAT(client.pins_create(sample("pins.create.image_url")), HasStatus(429));
  CHECK_THAT(admin_call(server, "POST", "/__admin/clock", R"({"advance_seconds": 3600})"),
             HasStatus(200));
  const ApiResult again = client.pins_create(sample("pins.create.image_url"));
  CHECK_THAT(again, HasStatus(201));
  CHECK(header(again, kRemaining) == "0");
  CHECK(header(again, "x-userendpoint-ratelimit-reset-seconds") == "3600");
}

TEST_CASE("rate limits: K writes to one pin within W seconds answer 429", "[http][rate_limits]") {
  auto started = limited_server(R"({"same_object_writes": {"limit": 2, "window_seconds": 30}})");
  MockServer& server = *started;
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string id = create_pin(client);
  CHECK_THAT(client.pins_update(id, R"({"title": "one"})"), HasStatus(200));
  CHECK_THAT(client.pins_update(id, R"({"title": "two"})"), HasStatus(200));
  const ApiResult third = client.pins_update(id, R"({"title": "three"})");
  REQUIRE_THAT(third, IsPinterestError(429, 8));
  CHECK(std::stoi(header(third, "Retry-After")) >= 29);
  CHECK_THAT(client.pins_update(fixture_pin(1), R"({"title": "other pin"})"), HasStatus(200));
  CHECK_THAT(client.pins_get(id), HasStatus(200)); // reads are not writes
  server.advance_clock(30);
  CHECK_THAT(client.pins_update(id, R"({"title": "later"})"), HasStatus(200));
}

TEST_CASE("rate limits: header names can be changed", "[http][rate_limits]") {
  ServerOptions options = test_options();
  options.rate_limits = "trial";
  options.rate_limit_headers = {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"};
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult ok = client.pins_get(fixture_pin(1));
  CHECK(header(ok, "X-RateLimit-Limit") == "1000");
  CHECK(header(ok, "X-RateLimit-Remaining") == "999");
  CHECK(header(ok, "X-RateLimit-Reset") == "86400");
  CHECK_FALSE(ok.has_header(kRemaining));
}

TEST_CASE("rate limits: a bad file stops the start naming the field", "[http][rate_limits]") {
  REQUIRE_THROWS_WITH(limited_server(R"({"org_read": {"limit": -1, "window_seconds": 1}})"),
                      Catch::Matchers::Contains("/org_read/limit"));
  ServerOptions options = test_options();
  options.rate_limits = "premium";
  REQUIRE_THROWS_WITH(MockServer(options), Catch::Matchers::Contains("cannot read premium"));
}

TEST_CASE("rate limits: reset forgets the counts", "[http][rate_limits]") {
  auto started = limited_server(R"({"org_read": {"limit": 1, "window_seconds": 600}})");
  MockServer& server = *started;
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  client.pins_list();
  CHECK_THAT(client.pins_list(), HasStatus(429));
  server.reset();
  CHECK_THAT(client.pins_list(), HasStatus(200));
}

// Proxy mode (README "Checking the real API"): a pins-mock in front of an upstream, checking
// both directions. Upstreams are local: a second pins-mock, the deliberately wrong server of
// the contract self-test, or a scripted server (failures, TLS). Nothing leaves 127.0.0.1.
#include "contract_selftest/breaking_proxy.hpp"
#include "http_fixture.hpp"
#include "support/scripted_upstream.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace pinsmock;
using namespace pinsmock::test;

namespace {

ServerOptions proxy_options(const std::string& upstream) {
  ServerOptions options = test_options();
  options.proxy.upstream = upstream;
  return options;
}

ApiResult admin_get(const MockServer& server, const std::string& path) {
  PinsClient admin(server.root_url(), "");
  return admin.raw("GET", path);
}

std::vector<RecordedViolation> in_direction(const std::vector<RecordedViolation>& all,
                                            const std::string& direction) {
  std::vector<RecordedViolation> out;
  for (const RecordedViolation& v : all)
    if (v.direction == direction)
      out.push_back(v);
  return out;
}

std::string fixture_pin_json() {
  MockServer mock(test_options());
  mock.start();
  return PinsClient(mock.base_url(), kCreatorToken).pins_get(fixture_pin(1)).body;
}

std::string temporary_dir() {
  char name[] = "/tmp/pins-proxy-test-XXXXXX";
  const char* dir = mkdtemp(name);
  REQUIRE(dir != nullptr);
  return dir;
}

} // namespace

TEST_CASE("proxy: answers through the proxy are identical to direct answers", "[http][proxy]") {
  MockServer upstream(test_options());
  upstream.start();
  MockServer proxy(proxy_options(upstream.base_url()));
  proxy.start();
  PinsClient direct(upstream.base_url(), kCreatorToken);
  PinsClient through(proxy.base_url(), kCreatorToken);

  const std::vector<std::pair<std::string, std::string>> reads = {
      {"GET", "/pins?page_size=3"},
      {"GET", "/pins/" + fixture_pin(1)},
      {"GET", "/pins/" + kUnknownPin},
      {"GET", "/pins/" + fixture_pin(1) +
                  "/analytics?start_date=2026-11-01&end_date=2026-11-10&metric_types=IMPRESSION"},
      {"GET", "/pins?page_size=9999"}, // upstream's own 400, relayed
  };
  for (const auto& [method, target] : reads) {
    ApiResult a = direct.raw(method, target);
    ApiResult b = through.raw(method, target);
    INFO(method << " " << target);
    CHECK(b.status == a.status);
    CHECK(b.body == a.body);
    CHECK(b.content_type == a.content_type);
  }
  ApiResult created = through.pins_create(sample("pins.create.image_url"));
  REQUIRE_THAT(created, HasStatus(201));
  CHECK(direct.pins_get(created.string_member("id")).body == created.body);

  // The proxy journals and counts the exchanges like mock traffic.
  const auto journal = proxy.requests();
  REQUIRE(journal.size() == reads.size() + 1);
  CHECK(journal[0].operation_id == "pins/list");
  CHECK(journal[2].status == 404);
  CHECK(in_direction(proxy.violations(), "response").empty());
  for (const OperationCoverage& op : proxy.coverage())
    if (op.operation_id == "pins/create")
      CHECK(op.calls == 1);
}

TEST_CASE("proxy: the client's own token goes upstream and never into the journal",
          "[http][proxy]") {
  const std::string token = "pina_REAL_token_not_a_fixture_123";
  ScriptedUpstream upstream(CannedAnswer{200, fixture_pin_json()});
  MockServer proxy(proxy_options(upstream.base_url()));
  proxy.start();
  ApiResult answer = PinsClient(proxy.base_url(), token).pins_get(fixture_pin(1));
  CHECK_THAT(answer, HasStatus(200)); // an unknown token is not the mock's business here
  REQUIRE(upstream.authorizations().size() == 1);
  CHECK(upstream.authorizations()[0] == "Bearer " + token);
  CHECK(upstream.targets()[0] == "/v5/pins/" + fixture_pin(1));
  CHECK(admin_get(proxy, "/__admin/requests").body.find(token) == std::string::npos);
  CHECK(admin_get(proxy, "/__admin/violations").body.find(token) == std::string::npos);
}

TEST_CASE("proxy: a path outside the contracts is relayed unchecked", "[http][proxy]") {
  ScriptedUpstream upstream(CannedAnswer{200, R"({"items": [], "bookmark": null})"});
  MockServer proxy(proxy_options(upstream.base_url()));
  proxy.start();
  ApiResult boards = PinsClient(proxy.base_url(), kCreatorToken).raw("GET", "/boards?page_size=2");
  CHECK(boards.status == 200);
  CHECK(boards.body == R"({"items": [], "bookmark": null})");
  REQUIRE(upstream.targets().size() == 1);
  CHECK(upstream.targets()[0] == "/v5/boards?page_size=2");
  CHECK(proxy.violations().empty());
  REQUIRE(proxy.requests().size() == 1);
  CHECK(proxy.requests()[0].operation_id.empty());
}

TEST_CASE("proxy: status, body and rate-limit headers come back unchanged", "[http][proxy]") {
  CannedAnswer limited{429, R"({"code": 8, "message": "This request exceeded a rate limit."})"};
  limited.headers = {{"X-RateLimit-Limit", "1000"}, {"X-RateLimit-Remaining", "0"},
                     {"Retry-After", "7"}, {"X-Request-Id", "abc123"}};
  ScriptedUpstream upstream(limited);
  MockServer proxy(proxy_options(upstream.base_url()));
  proxy.start();
  ApiResult answer = PinsClient(proxy.base_url(), kCreatorToken).pins_list();
  CHECK(answer.status == 429);
  CHECK(answer.body == limited.body);
  for (const auto& [name, value] : limited.headers) {
    auto found = answer.headers.find(name);
    REQUIRE(found != answer.headers.end());
    CHECK(found->second == value);
  }
  CHECK_FALSE(answer.has_header("X-Pinsmock-Violations"));
}

TEST_CASE("proxy: a wrong upstream's violations are reported with direction response",
          "[http][proxy]") {
  MockServer mock(test_options());
  mock.start();
  BreakingProxy wrong(mock.root_url(), Breaks{});
  const bool transparent = GENERATE(false, true);
  ServerOptions options = proxy_options(wrong.base_url());
  options.proxy.transparent = transparent;
  MockServer proxy(options);
  proxy.start();
  PinsClient client(proxy.base_url(), kCreatorToken);

  ApiResult created = client.pins_create(sample("pins.create.image_url"));
  CHECK(created.status == 201);
  const json::Value* id = json_at(created.json, "id");
  REQUIRE(id);
  CHECK(id->IsNumber()); // never altered
  CHECK(created.has_header("X-Pinsmock-Violations") == !transparent);

  ApiResult missing = client.pins_get(kUnknownPin); // the wrong server drops "code"
  CHECK(missing.status == 404);

  const auto response = in_direction(proxy.violations(), "response");
  REQUIRE(response.size() >= 2);
  CHECK(response[0].operation_id == "pins/create");
  CHECK(response[0].location == "response body /id");
  CHECK(response[1].operation_id == "pins/get");
  CHECK(in_direction(proxy.violations(), "request").empty());
  ApiResult listed = admin_get(proxy, "/__admin/violations");
  CHECK(str_at(listed.json, "violations/0/direction") == "response");
}

TEST_CASE("proxy: a wrong client's violations are reported with direction request",
          "[http][proxy]") {
  MockServer upstream(test_options());
  upstream.start();
  MockServer proxy(proxy_options(upstream.base_url()));
  proxy.start();
  PinsClient client(proxy.base_url(), kCreatorToken);
  ApiResult answer = client.pins_list({{"page_size", "9999"}});
  CHECK_THAT(answer, IsPinterestError(400, 1)); // upstream's answer
  CHECK(upstream.requests().size() == 1);       // forwarded: the answer is never altered
  ApiResult anonymous = PinsClient(proxy.base_url(), "").pins_list();
  CHECK(anonymous.status == 401);

  const auto request = in_direction(proxy.violations(), "request");
  REQUIRE(request.size() == 2);
  CHECK(request[0].location == "query page_size");
  CHECK(request[1].location == "header Authorization");
  CHECK(in_direction(proxy.violations(), "response").empty());
  CHECK(answer.has_header("X-Pinsmock-Violations"));
}

TEST_CASE("proxy: with enforce, a request violation is answered by the mock and never forwarded",
          "[http][proxy]") {
  MockServer upstream(test_options());
  upstream.start();
  ServerOptions options = proxy_options(upstream.base_url());
  options.proxy.enforce = true;
  MockServer proxy(options);
  proxy.start();
  PinsClient client(proxy.base_url(), kCreatorToken);
  ApiResult answer = client.pins_list({{"page_size", "9999"}});
  CHECK_THAT(answer, IsPinterestError(400, 1));
  CHECK(answer.body.find("page_size") != std::string::npos);
  CHECK(upstream.requests().empty());
  CHECK_THAT(client.pins_list({{"page_size", "2"}}), HasStatus(200));
  CHECK(upstream.requests().size() == 1);
}

TEST_CASE("proxy: documented live differences are tolerated unless strict", "[http][proxy]") {
  json::Document pin;
  REQUIRE_FALSE(json::parse_into(pin, fixture_pin_json()));
  json::set(pin, "created_at", json::string("2022-10-13T01:40:29", pin.GetAllocator()),
            pin.GetAllocator()); // live omits the offset (API-NOTES.md)
  ScriptedUpstream upstream(CannedAnswer{200, json::dump(pin)});
  const bool strict = GENERATE(false, true);
  ServerOptions options = proxy_options(upstream.base_url());
  options.proxy.strict = strict;
  MockServer proxy(options);
  proxy.start();
  CHECK_THAT(PinsClient(proxy.base_url(), kCreatorToken).pins_get(fixture_pin(1)),
             HasStatus(200));
  const auto response = in_direction(proxy.violations(), "response");
  CHECK(response.size() == (strict ? 1u : 0u));
}

TEST_CASE("proxy: an unreachable upstream answers 502 and the journal says why",
          "[http][proxy]") {
  std::string closed;
  {
    MockServer gone(test_options());
    gone.start();
    closed = gone.base_url();
  }
  MockServer proxy(proxy_options(closed));
  proxy.start();
  ApiResult answer = PinsClient(proxy.base_url(), kCreatorToken).pins_list();
  CHECK_THAT(answer, IsPinterestError(502, 502));
  const auto journal = proxy.requests();
  REQUIRE(journal.size() == 1);
  CHECK(journal[0].error == "upstream_unreachable");
  REQUIRE(journal[0].violations.size() == 1);
  CHECK(journal[0].violations[0].location == "upstream");
  CHECK(journal[0].violations[0].rule.find("could not be reached") != std::string::npos);
}

TEST_CASE("proxy: a slow upstream answers 504", "[http][proxy]") {
  CannedAnswer late{200, "{}"};
  late.delay = std::chrono::milliseconds(2500);
  ScriptedUpstream upstream(late);
  ServerOptions options = proxy_options(upstream.base_url());
  options.proxy.read_timeout = std::chrono::seconds(1);
  MockServer proxy(options);
  proxy.start();
  ApiResult answer = PinsClient(proxy.base_url(), kCreatorToken).pins_list();
  CHECK_THAT(answer, IsPinterestError(504, 504));
  CHECK(answer.string_member("message").find("within 1 s") != std::string::npos);
  const auto journal = proxy.requests();
  REQUIRE(journal.size() == 1);
  CHECK(journal[0].error == "upstream_timeout");
  REQUIRE(journal[0].violations.size() == 1);
  CHECK(journal[0].violations[0].location == "upstream");
  CHECK(journal[0].violations[0].direction == "response");
  CHECK(journal[0].violations[0].rule.find("did not answer") != std::string::npos);
}

TEST_CASE("proxy: an upstream answering non-JSON answers 502", "[http][proxy]") {
  ScriptedUpstream upstream(CannedAnswer{503, "<html>Service Unavailable</html>", "text/html"});
  MockServer proxy(proxy_options(upstream.base_url()));
  proxy.start();
  ApiResult answer = PinsClient(proxy.base_url(), kCreatorToken).pins_list();
  CHECK_THAT(answer, IsPinterestError(502, 502));
  CHECK(answer.string_member("message").find("text/html") != std::string::npos);
  const auto journal = proxy.requests();
  REQUIRE(journal.size() == 1);
  CHECK(journal[0].error == "upstream_not_json");
  REQUIRE(journal[0].violations.size() == 1);
  CHECK(journal[0].violations[0].location == "upstream");
  CHECK(journal[0].violations[0].rule.find("answered 503 with Content-Type text/html") !=
        std::string::npos);
}

TEST_CASE("proxy: forwards over TLS and verifies the upstream certificate", "[http][proxy]") {
  const ThrowawayCertificate certificate = make_throwaway_certificate(temporary_dir());
  const std::string pin = fixture_pin_json();
  ScriptedUpstream upstream(CannedAnswer{200, pin}, &certificate);
  REQUIRE(upstream.base_url().rfind("https://127.0.0.1:", 0) == 0);

  ServerOptions trusted = proxy_options(upstream.base_url());
  trusted.proxy.ca_file = certificate.cert_file;
  ServerOptions insecure = proxy_options(upstream.base_url());
  insecure.proxy.insecure = true;
  for (const ServerOptions& options : {trusted, insecure}) {
    MockServer proxy(options);
    proxy.start();
    ApiResult answer = PinsClient(proxy.base_url(), kCreatorToken).pins_get(fixture_pin(1));
    CHECK_THAT(answer, HasStatus(200));
    CHECK(answer.body == pin);
  }
  // Verified by default: a certificate nobody vouches for is refused.
  MockServer proxy(proxy_options(upstream.base_url()));
  proxy.start();
  ApiResult refused = PinsClient(proxy.base_url(), kCreatorToken).pins_get(fixture_pin(1));
  CHECK_THAT(refused, IsPinterestError(502, 502));
  CHECK(refused.string_member("message").find("certificate") != std::string::npos);
  CHECK(upstream.authorizations().size() == 2);
}

// The request journal, request contract violations and coverage: /__admin and MockServer.
#include "http_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock;
using namespace pinsmock::test;

namespace {

ApiResult admin_get(MockServer& server, const std::string& path) {
  PinsClient admin(server.root_url(), "");
  return admin.raw("GET", path);
}

} // namespace

TEST_CASE("journal: records method, path, query, operation, status and duration",
          "[http][journal]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  client.pins_list({{"page_size", "2"}});
  client.pins_get(kUnknownPin);

  ApiResult journal = admin_get(server, "/__admin/requests");
  REQUIRE_THAT(journal, HasStatus(200));
  const json::Value& requests = journal.json["requests"];
  REQUIRE(requests.Size() == 2);
  CHECK(str_at(requests[0], "method") == "GET");
  CHECK(str_at(requests[0], "path") == "/v5/pins");
  CHECK(str_at(requests[0], "query/0/0") == "page_size");
  CHECK(str_at(requests[0], "query/0/1") == "2");
  CHECK(str_at(requests[0], "operation") == "pins/list");
  CHECK(int_at(requests[0], "status") == 200);
  CHECK(int_at(requests[0], "duration_us") >= 0);
  CHECK(str_at(requests[1], "operation") == "pins/get");
  CHECK(int_at(requests[1], "status") == 404);
  CHECK(str_at(requests[1], "error") == "pin_not_found");
  CHECK(int_at(requests[1], "id") > int_at(requests[0], "id"));
  CHECK(server.requests().size() == 2);
}

TEST_CASE("journal: redacts the Authorization value and keeps its scheme", "[http][journal]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  client.pins_list();
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  bool found = false;
  for (const auto& [name, value] : requests[0].headers)
    if (name == "Authorization") {
      found = true;
      CHECK(value == "Bearer [redacted]");
    }
  CHECK(found);
  ApiResult journal = admin_get(server, "/__admin/requests");
  CHECK(journal.body.find(kCreatorToken) == std::string::npos);
}

TEST_CASE("journal: caps bodies and keeps only the newest requests", "[http][journal]") {
  ServerOptions options = test_options();
  options.journal_size = 3;
  options.journal_body_bytes = 10;
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  for (int i = 0; i < 5; ++i)
    client.pins_create(sample("pins.create.image_url"));
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests.front().id == 3);
  CHECK(requests.back().id == 5);
  CHECK(requests.back().body.size() == 10);
  CHECK(requests.back().body_truncated);
}

TEST_CASE("journal: filters by operation, status and since", "[http][journal]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  client.pins_list();
  client.pins_get(fixture_pin(1));
  client.pins_get(kUnknownPin);
  client.pins_list({{"page_size", "0"}});

  CHECK(admin_get(server, "/__admin/requests?operation=pins/get").json["requests"].Size() == 2);
  CHECK(admin_get(server, "/__admin/requests?status=404").json["requests"].Size() == 1);
  CHECK(admin_get(server, "/__admin/requests?since=2").json["requests"].Size() == 2);
  CHECK(admin_get(server, "/__admin/requests?violations=true").json["requests"].Size() == 1);
  CHECK_THAT(admin_get(server, "/__admin/requests?since=abc"), IsPinterestError(400, 1));
}

TEST_CASE("journal: admin requests are not recorded and DELETE empties journal and coverage",
          "[http][journal]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  client.pins_list();
  admin_get(server, "/__admin/health");
  admin_get(server, "/__admin/accounts");
  CHECK(server.requests().size() == 1);
  PinsClient admin(server.root_url(), "");
  REQUIRE_THAT(admin.raw("DELETE", "/__admin/requests"), HasStatus(204));
  CHECK(server.requests().empty());
  for (const OperationCoverage& op : server.coverage())
    CHECK(op.calls == 0);
}

TEST_CASE("violations: a wrongly typed field is recorded and the client still gets live's 400",
          "[http][violations]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult r = client.pins_create(with_members(sample("pins.create.image_url"), {{"title", "42"}}));
  REQUIRE_THAT(r, IsPinterestError(400, 1));

  ApiResult listed = admin_get(server, "/__admin/violations");
  REQUIRE_THAT(listed, HasStatus(200));
  const json::Value& violations = listed.json["violations"];
  REQUIRE(violations.Size() == 1);
  CHECK(str_at(violations[0], "operation") == "pins/create");
  CHECK(str_at(violations[0], "location") == "body /title");
  CHECK(str_at(violations[0], "rule") == "wrong type: an integer, expected string or null");
  CHECK(str_at(violations[0], "value") == "42");
  CHECK(int_at(violations[0], "request_id") == 1);
  REQUIRE(server.violations().size() == 1);
  CHECK(server.violations()[0].location == "body /title");
}

TEST_CASE("violations: every broken rule of one request is listed", "[http][violations]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  client.pins_create(with_members(sample("pins.create.image_url"),
                                  {{"title", json_string_of(101)}, {"alt_text", json_string_of(501)}}));
  std::set<std::string> locations;
  for (const RecordedViolation& v : server.violations())
    locations.insert(v.location);
  CHECK(locations == std::set<std::string>{"body /title", "body /alt_text"});
}

TEST_CASE("violations: an unknown route, a bad parameter and a missing token are recorded",
          "[http][violations]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  client.raw("GET", "/boardz");
  client.pins_list({{"page_size", "abc"}});
  PinsClient anonymous(server.base_url(), "");
  anonymous.pins_list();
  const auto violations = server.violations();
  REQUIRE(violations.size() == 3);
  CHECK(violations[0].location == "route");
  CHECK(violations[0].value == "GET /v5/boardz");
  CHECK(violations[1].location == "query page_size");
  CHECK(violations[1].value == "abc");
  CHECK(violations[2].location == "header Authorization");
}

TEST_CASE("violations: valid requests that fail for business reasons are not violations",
          "[http][violations]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  REQUIRE_THAT(client.pins_get(kUnknownPin), IsPinterestError(404, 50));
  CHECK(server.violations().empty());
}

TEST_CASE("coverage: lists all eight operations and what the requests exercised",
          "[http][coverage]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  client.pins_list({{"page_size", "5"}, {"include_protected_pins", "true"}});
  client.pins_list({{"page_size", "0"}});
  client.pins_get(kUnknownPin);

  ApiResult coverage = admin_get(server, "/__admin/coverage");
  REQUIRE_THAT(coverage, HasStatus(200));
  CHECK(int_at(coverage.json, "total") == 8);
  CHECK(int_at(coverage.json, "exercised") == 2);
  const json::Value& operations = coverage.json["operations"];
  REQUIRE(operations.Size() == 8);
  const json::Value* list = nullptr;
  const json::Value* save = nullptr;
  for (const auto& op : operations.GetArray()) {
    if (str_at(op, "operation") == "pins/list")
      list = &op;
    if (str_at(op, "operation") == "pins/save")
      save = &op;
  }
  REQUIRE(list);
  REQUIRE(save);
  CHECK(int_at(*list, "calls") == 2);
  CHECK(int_at(*list, "statuses/200") == 1);
  CHECK(int_at(*list, "statuses/400") == 1);
  CHECK(int_at(*list, "errors/invalid_parameters") == 1);
  CHECK(str_at(*list, "parameters/0") == "include_protected_pins");
  CHECK(str_at(*list, "parameters/1") == "page_size");
  CHECK_FALSE(json_at(*save, "exercised")->GetBool());
  CHECK(server.coverage().size() == 8);
}

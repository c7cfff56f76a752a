// Fault rules over the admin API (POST/GET/DELETE /__admin/faults), --faults and MockServer: each
// field as a client sees it, "before" versus "after", and what the journal and coverage record.
#include "fault_fixture.hpp"

#include <catch2/catch.hpp>

#include <cstdio>

using namespace pinsmock;
using namespace pinsmock::test;

TEST_CASE("faults: POST answers 201 with the rule and its id; GET lists them with counters",
          "[http][faults]") {
  MockServer server(test_options());
  server.start();
  const ApiResult added = admin_call(server, "POST", "/__admin/faults",
                                     R"({"operation": "pins/get", "times": 2, "status": 503})");
  REQUIRE_THAT(added, HasStatus(201));
  CHECK(int_at(added.json, "id") == 1);
  CHECK(str_at(added.json, "operation") == "pins/get");
  CHECK(int_at(added.json, "status") == 503);
  CHECK(int_at(added.json, "remaining") == 2);
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(client.pins_get(fixture_pin(1)), IsPinterestError(503, 503));
  const ApiResult listed = admin_call(server, "GET", "/__admin/faults");
  REQUIRE_THAT(listed, HasStatus(200));
  CHECK(int_at(listed.json, "faults/0/fired") == 1);
  CHECK(int_at(listed.json, "faults/0/remaining") == 1);
  CHECK(int_at(listed.json, "faults/0/matched") == 1);
}

TEST_CASE("faults: DELETE removes one rule or all, and reset clears them", "[http][faults]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const auto first = add_rule(server, R"({"operation": "pins/get", "status": 500})");
  add_rule(server, R"({"operation": "pins/list", "status": 503})");
  CHECK_THAT(admin_call(server, "DELETE", "/__admin/faults/" + std::to_string(first)),
             HasStatus(204));
  CHECK_THAT(admin_call(server, "DELETE", "/__admin/faults/" + std::to_string(first)),
             HasStatus(404));
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));
  CHECK_THAT(client.pins_list(), HasStatus(503));
  CHECK_THAT(admin_call(server, "DELETE", "/__admin/faults"), HasStatus(204));
  CHECK_THAT(client.pins_list(), HasStatus(200));
  add_rule(server, R"({"operation": "*", "status": 500})");
  CHECK_THAT(admin_call(server, "POST", "/__admin/reset"), HasStatus(200));
  CHECK_THAT(client.pins_list(), HasStatus(200));
  CHECK(admin_call(server, "GET", "/__admin/faults").json["faults"].Empty());
}

TEST_CASE("faults: a rule with a bad field answers 400 naming the field", "[http][faults]") {
  MockServer server(test_options());
  server.start();
  const std::string body = GENERATE(
      as<std::string>{}, R"({"operation": "pins/get", "probabilty": 0.5, "status": 503})",
      R"({"operation": "pins/get", "probability": 2, "status": 503})",
      R"({"operation": "pins/gett", "status": 503})", R"({"operation": "pins/get", "status": 200})",
      R"({"operation": "pins/get", "fault": "meltdown"})",
      R"({"operation": "pins/get", "when": "later", "status": 500})");
  const ApiResult refused = admin_call(server, "POST", "/__admin/faults", body);
  REQUIRE_THAT(refused, IsPinterestError(400, 1));
  const std::string message = str_at(refused.json, "message");
  INFO(message);
  CHECK(message.rfind("Invalid fault rule: '", 0) == 0);
  CHECK(admin_call(server, "GET", "/__admin/faults").json["faults"].Empty());
}

TEST_CASE("faults: rules act in the order added, the first match wins", "[http][faults]") {
  MockServer server(test_options());
  server.start();
  add_rule(server, R"({"operation": "pins/get", "status": 502})");
  add_rule(server, R"({"operation": "*", "status": 503})");
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(client.pins_get(fixture_pin(1)), IsPinterestError(502, 502));
  CHECK_THAT(client.pins_list(), IsPinterestError(503, 503));
}

TEST_CASE("faults: after lets M requests pass, times acts on N, then the rule rests",
          "[http][faults]") {
  MockServer server(test_options());
  server.start();
  add_rule(server, R"({"operation": "pins/get", "after": 1, "times": 2, "status": 503})");
  PinsClient client(server.base_url(), kCreatorToken);
  std::vector<int> statuses;
  for (int i = 0; i < 5; ++i)
    statuses.push_back(client.pins_get(fixture_pin(1)).status);
  CHECK(statuses == std::vector<int>{200, 503, 503, 200, 200});
}

TEST_CASE("faults: status, code, message and headers shape the answer", "[http][faults]") {
  MockServer server(test_options());
  server.start();
  add_rule(server, R"({"operation": "pins/list", "status": 503, "code": 1234,
      "message": "Down for maintenance.", "headers": {"Retry-After": "7", "X-Trace": "abc"}})");
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult result = client.pins_list();
  REQUIRE_THAT(result, IsPinterestError(503, 1234));
  CHECK(str_at(result.json, "message") == "Down for maintenance.");
  CHECK(result.headers.find("Retry-After")->second == "7");
  CHECK(result.headers.find("X-Trace")->second == "abc");
}

TEST_CASE("faults: method, path_regex, token and query narrow what a rule hits", "[http][faults]") {
  MockServer server(test_options());
  server.start();
  add_rule(server,
           R"({"operation": "*", "method": "GET", "path_regex": "/pins/1300000000000000002$",
      "token": "pina_mock_creator_full", "query": {"pin_metrics": "true"}, "status": 503})");
  PinsClient creator(server.base_url(), kCreatorToken);
  PinsClient admin(server.base_url(), kAdminToken);
  CHECK_THAT(creator.pins_get(fixture_pin(2)), HasStatus(200)); // no query
  CHECK_THAT(creator.pins_get(fixture_pin(1), {{"pin_metrics", "true"}}), HasStatus(200)); // path
  CHECK_THAT(
      admin.pins_get(fixture_pin(2), {{"pin_metrics", "true"}}),
      Catch::Matchers::Predicate<ApiResult>([](const ApiResult& r) { return r.status != 503; },
                                            "not the rule's 503")); // token
  CHECK_THAT(creator.pins_get(fixture_pin(2), {{"pin_metrics", "true"}}), HasStatus(503));
  CHECK_THAT(
      creator.pins_delete(fixture_pin(2), {{"pin_metrics", "true"}}),
      Catch::Matchers::Predicate<ApiResult>([](const ApiResult& r) { return r.status != 503; },
                                            "not the rule's 503")); // method
}

TEST_CASE("faults: probability is decided by the seed, so two runs see the same failures",
          "[http][faults]") {
  auto run = [](std::uint64_t seed) {
    MockServer server(test_options(seed));
    server.start();
    add_rule(server, R"({"operation": "pins/get", "probability": 0.5, "status": 503})");
    PinsClient client(server.base_url(), kCreatorToken);
    std::string pattern;
    for (int i = 0; i < 24; ++i)
      pattern += client.pins_get(fixture_pin(1)).status == 503 ? 'x' : '.';
    return pattern;
  };
  const std::string first = run(5);
  INFO(first);
  CHECK(first == run(5));
  CHECK(first.find('x') != std::string::npos);
  CHECK(first.find('.') != std::string::npos);
}

TEST_CASE("faults: \"before\" changes no state; \"after\" writes and then answers the failure",
          "[http][faults]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::size_t before = walk_list(client, {}).ids.size();
  add_rule(server, R"({"operation": "pins/create", "times": 1, "status": 503})");
  CHECK_THAT(client.pins_create(sample("pins.create.image_url")), HasStatus(503));
  CHECK(walk_list(client, {}).ids.size() == before);

  add_rule(server, R"({"operation": "pins/create", "times": 1, "when": "after", "status": 503})");
  CHECK_THAT(client.pins_create(sample("pins.create.image_url")), HasStatus(503));
  CHECK(walk_list(client, {}).ids.size() == before + 1); // the write happened
  // A client that retries the create makes a duplicate.
  CHECK_THAT(client.pins_create(sample("pins.create.image_url")), HasStatus(201));
  CHECK(walk_list(client, {}).ids.size() == before + 2);
  const json::Document journal = journal_of(server);
  std::vector<const json::Value*> creates;
  for (const auto& entry : journal.GetArray())
    if (str_at(entry, "operation") == "pins/create")
      creates.push_back(&entry);
  REQUIRE(creates.size() == 3);
  const json::Value& after = *creates[1];
  INFO(json::dump(after));
  CHECK(str_at(*creates[0], "shaped_by/when") == "before");
  CHECK(null_at(*creates[2], "shaped_by"));
  CHECK(str_at(after, "shaped_by/when") == "after");
  CHECK(int_at(after, "shaped_by/handler_status") == 201);
  CHECK(int_at(after, "shaped_by/forced_status") == 503);
  CHECK(int_at(after, "shaped_by/rule") == 2);
}

TEST_CASE("faults: malformed_body \"after\" keeps the write and garbles the answer",
          "[http][faults]") {
  MockServer server(test_options());
  server.start();
  add_rule(
      server,
      R"({"operation": "pins/create", "times": 1, "when": "after", "fault": "malformed_body"})");
  PinsClient client(server.base_url(), kCreatorToken);
  const std::size_t before = walk_list(client, {}).ids.size();
  const ApiResult created = client.pins_create(sample("pins.create.image_url"));
  CHECK_THAT(created, HasStatus(201));
  CHECK(created.json.IsNull());
  CHECK(walk_list(client, {}).ids.size() == before + 1);
}

TEST_CASE("faults: --faults FILE.json loads rules at start", "[http][faults]") {
  const std::string path =
      temp_file(R"({"faults": [{"name": "list down", "operation": "pins/list", "status": 503},
                                        {"operation": "pins/get", "times": 1, "status": 500}]})");
  ServerOptions options = test_options();
  options.faults_file = path;
  MockServer server(options);
  server.start();
  std::remove(path.c_str());
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(client.pins_list(), HasStatus(503));
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(500));
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));
  CHECK(str_at(journal_of(server)[0], "shaped_by/detail") == "list down");
}

TEST_CASE("faults: a bad --faults file stops the start with the field named", "[http][faults]") {
  const std::string path = temp_file(
      R"([{"operation": "pins/list", "status": 503}, {"operation": "*", "times": 0, "status": 500}])");
  ServerOptions options = test_options();
  options.faults_file = path;
  REQUIRE_THROWS_WITH(MockServer(options),
                      Catch::Matchers::Contains("/1: Invalid fault rule: 'times'"));
  std::remove(path.c_str());
}

TEST_CASE("faults: MockServer adds, lists, removes and clears rules in-process", "[http][faults]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const auto id = server.add_fault(R"({"operation": "pins/get", "status": 503})");
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(503));
  CHECK(server.faults_json().find("\"fired\":1") != std::string::npos);
  CHECK(server.remove_fault(id));
  CHECK_FALSE(server.remove_fault(id));
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));
  server.add_fault(R"({"operation": "*", "status": 500})");
  server.clear_faults();
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));
  REQUIRE_THROWS_WITH(server.add_fault(R"({"operation": "*", "status": 42})"),
                      Catch::Matchers::Contains("'status'"));
}

TEST_CASE("faults: coverage counts forced statuses and faults apart from natural ones",
          "[http][faults][journal]") {
  MockServer server(test_options());
  server.start();
  add_rule(server, R"({"operation": "pins/get", "times": 1, "status": 503})");
  add_rule(server, R"({"operation": "pins/get", "times": 1, "fault": "malformed_body"})");
  PinsClient client(server.base_url(), kCreatorToken);
  client.pins_get(fixture_pin(1));
  client.pins_get(fixture_pin(1));
  client.pins_get(kUnknownPin);
  const ApiResult coverage = admin_call(server, "GET", "/__admin/coverage");
  for (const auto& op : coverage.json["operations"].GetArray()) {
    if (str_at(op, "operation") != "pins/get")
      continue;
    CHECK(int_at(op, "calls") == 3);
    CHECK(int_at(op, "statuses/404") == 1);
    CHECK(int_at(op, "statuses/200") == -1); // malformed_body before the handler: a forced 200
    CHECK(int_at(op, "forced_statuses/200") == 1);
    CHECK(int_at(op, "forced_statuses/503") == 1);
    CHECK(int_at(op, "faults/malformed_body") == 1);
    CHECK(int_at(op, "errors/pin_not_found") == 1);
  }
}

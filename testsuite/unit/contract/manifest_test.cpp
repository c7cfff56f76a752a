#include "contract/manifest.hpp"

#include "api/handlers.hpp"
#include "pinsmock/startup_error.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using pinsmock::OperationSpec;
using pinsmock::test::contracts;
using pinsmock::test::manifest;
using pinsmock::test::parse_json;

TEST_CASE("Manifest: the embedded manifest parses with base path and spec version",
          "[unit][manifest]") {
  const pinsmock::Manifest parsed = pinsmock::parse_manifest(contracts().manifest());
  CHECK(parsed.base_path == "/v5");
  CHECK(parsed.spec_version == "5.23.0");
  CHECK(parsed.operations.size() == 8);
}

TEST_CASE("Manifest: it declares the eight Pins operations with their methods and paths",
          "[unit][manifest]") {
  struct Expected {
    std::string_view id, method, path;
    int success;
    bool body_required;
  };
  const Expected e = GENERATE(values<Expected>({
      {"pins/create", "POST", "/pins", 201, true},
      {"pins/list", "GET", "/pins", 200, false},
      {"pins/get", "GET", "/pins/{pin_id}", 200, false},
      {"pins/update", "PATCH", "/pins/{pin_id}", 200, true},
      {"pins/delete", "DELETE", "/pins/{pin_id}", 204, false},
      {"pins/save", "POST", "/pins/{pin_id}/save", 201, true},
      {"pins/analytics", "GET", "/pins/{pin_id}/analytics", 200, false},
      {"multi_pins/analytics", "GET", "/pins/analytics", 200, false},
  }));
  INFO(e.id);
  const OperationSpec* op = manifest().find(e.id);
  REQUIRE(op != nullptr);
  CHECK(op->method == e.method);
  CHECK(op->path == e.path);
  CHECK(op->success_status == e.success);
  CHECK(op->body_required == e.body_required);
  CHECK(op->body_schema.has_value() == e.body_required);
  CHECK_FALSE(op->scopes.empty());
}

TEST_CASE("Manifest: the handler table and the manifest name the same operations",
          "[unit][manifest]") {
  std::set<std::string> from_manifest;
  for (const OperationSpec& op : manifest().operations)
    CHECK(from_manifest.insert(op.id).second); // no operation listed twice
  std::set<std::string> from_handlers;
  for (std::string_view id : pinsmock::handled_operations())
    CHECK(from_handlers.insert(std::string(id)).second);
  CHECK(from_handlers == from_manifest);
  for (const std::string& id : from_manifest) {
    INFO(id);
    CHECK(pinsmock::find_handler(id) != nullptr);
  }
  CHECK(pinsmock::find_handler("pins/unknown") == nullptr);
  CHECK(pinsmock::find_handler("") == nullptr);
  CHECK((pinsmock::find_handler("pins/get") == &pinsmock::pins_get));
  CHECK((pinsmock::find_handler("multi_pins/analytics") == &pinsmock::multi_pins_analytics));
}

TEST_CASE("Manifest: every schema it names is loaded by the registry", "[unit][manifest]") {
  std::size_t named = 0;
  for (const OperationSpec& op : manifest().operations) {
    INFO(op.id);
    CHECK(contracts().has_schema(op.params_schema));
    ++named;
    if (op.body_schema) {
      CHECK(contracts().has_schema(*op.body_schema));
      ++named;
    }
    REQUIRE(op.responses.count("default") == 1);
    for (const auto& [status, schema] : op.responses) {
      INFO("response " << status);
      if (schema.empty()) {
        CHECK(status == "204");
        continue;
      }
      CHECK(contracts().has_schema(schema));
      ++named;
    }
  }
  CHECK(named > 8 * 3);
  CHECK_FALSE(contracts().has_schema("components/nope.json"));
}

TEST_CASE("Manifest: response_schema picks the status, then default, and none for 204",
          "[unit][manifest]") {
  const OperationSpec* remove = manifest().find("pins/delete");
  REQUIRE(remove != nullptr);
  CHECK_FALSE(remove->response_schema(204));
  CHECK(remove->response_schema(404) == std::optional<std::string>("components/error.json"));
  CHECK(remove->response_schema(418) == std::optional<std::string>("components/error.json"));
  const OperationSpec* list = manifest().find("pins/list");
  REQUIRE(list != nullptr);
  CHECK(list->response_schema(200) == std::optional<std::string>("operations/pins.list.200.json"));
  CHECK(manifest().find("pins/create")->response_schema(201) ==
        std::optional<std::string>("components/pin.json"));
}

TEST_CASE("Manifest: scopes and Business Access roles are read per operation", "[unit][manifest]") {
  const OperationSpec* create = manifest().find("pins/create");
  REQUIRE(create != nullptr);
  CHECK(create->scopes ==
        std::vector<std::string>{"boards:read", "boards:write", "pins:read", "pins:write"});
  CHECK(create->business_access.secret_roles == std::vector<std::string>{"OWNER", "ADMIN"});
  const OperationSpec* get = manifest().find("pins/get");
  REQUIRE(get != nullptr);
  CHECK(get->scopes == std::vector<std::string>{"boards:read", "pins:read"});
  const OperationSpec* analytics = manifest().find("pins/analytics");
  REQUIRE(analytics != nullptr);
  CHECK(analytics->business_access.public_roles == std::vector<std::string>{"ADMIN", "ANALYST"});
  CHECK(manifest().find("pins/nope") == nullptr);
}

TEST_CASE("Manifest: a malformed entry throws StartupError naming its pointer",
          "[unit][manifest]") {
  const auto no_method = parse_json(R"({"base_path": "/v5", "operations": [
      {"id": "pins/get", "path": "/pins/{pin_id}", "params": "p.json"}]})");
  CHECK_THROWS_AS(pinsmock::parse_manifest(no_method), pinsmock::StartupError);
  CHECK_THROWS_WITH(pinsmock::parse_manifest(no_method),
                    Catch::Contains("manifest.json") && Catch::Contains("/operations/0/method"));

  const auto bad_scopes = parse_json(R"({"base_path": "/v5", "operations": [
      {"id": "a", "method": "GET", "path": "/a", "params": "p.json"},
      {"id": "b", "method": "GET", "path": "/b", "params": "p.json", "scopes": [1]}]})");
  CHECK_THROWS_WITH(pinsmock::parse_manifest(bad_scopes), Catch::Contains("/operations/1/scopes"));

  const auto no_operations = parse_json(R"({"base_path": "/v5"})");
  CHECK_THROWS_WITH(pinsmock::parse_manifest(no_operations), Catch::Contains("/operations"));

  const auto no_base = parse_json(R"({"operations": []})");
  CHECK_THROWS_WITH(pinsmock::parse_manifest(no_base), Catch::Contains("/base_path"));
}

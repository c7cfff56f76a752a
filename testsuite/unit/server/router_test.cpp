#include "server/router.hpp"

#include "pinsmock/startup_error.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using pinsmock::RouteMatch;
using pinsmock::Router;
using Outcome = pinsmock::RouteMatch::Outcome;

namespace {

const Router& router() {
  static const Router instance(pinsmock::test::manifest());
  return instance;
}

std::string operation_of(const RouteMatch& match) {
  return match.operation ? match.operation->id : "(none)";
}

std::string param(const RouteMatch& match, std::string_view name) {
  for (const auto& [key, value] : match.path_params)
    if (key == name)
      return value;
  return "(absent)";
}

std::vector<std::string> sorted(std::vector<std::string> methods) {
  std::sort(methods.begin(), methods.end());
  return methods;
}

} // namespace

TEST_CASE("Router: every operation is reached by its own method and path", "[unit][router]") {
  struct Case {
    std::string_view method, path, operation, pin_id;
  };
  const Case c = GENERATE(values<Case>({
      {"POST", "/v5/pins", "pins/create", ""},
      {"GET", "/v5/pins", "pins/list", ""},
      {"GET", "/v5/pins/1300000000000000001", "pins/get", "1300000000000000001"},
      {"PATCH", "/v5/pins/1300000000000000001", "pins/update", "1300000000000000001"},
      {"DELETE", "/v5/pins/1300000000000000001", "pins/delete", "1300000000000000001"},
      {"POST", "/v5/pins/123/save", "pins/save", "123"},
      {"GET", "/v5/pins/123/analytics", "pins/analytics", "123"},
      {"GET", "/v5/pins/analytics", "multi_pins/analytics", ""},
  }));
  INFO(c.method << " " << c.path);
  const RouteMatch match = router().match(c.method, std::string(c.path));
  REQUIRE(match.outcome == Outcome::Matched);
  CHECK(operation_of(match) == c.operation);
  if (c.pin_id.empty()) {
    CHECK(match.path_params.empty());
  } else {
    CHECK(match.path_params.size() == 1);
    CHECK(param(match, "pin_id") == c.pin_id);
  }
  CHECK(match.allowed_methods.empty());
}

TEST_CASE("Router: /v5/pins/analytics is multi_pins/analytics, not pins/get", "[unit][router]") {
  const RouteMatch match = router().match("GET", "/v5/pins/analytics");
  REQUIRE(match.outcome == Outcome::Matched);
  CHECK(operation_of(match) == "multi_pins/analytics");
  CHECK(param(match, "pin_id") == "(absent)");
  // A pin id that merely starts with "analytics" is still a pin id.
  CHECK(operation_of(router().match("GET", "/v5/pins/analyticsx")) == "pins/get");
}

TEST_CASE("Router: a trailing slash is accepted", "[unit][router]") {
  CHECK(operation_of(router().match("GET", "/v5/pins/")) == "pins/list");
  CHECK(operation_of(router().match("POST", "/v5/pins/")) == "pins/create");
  const RouteMatch get = router().match("GET", "/v5/pins/42/");
  CHECK(operation_of(get) == "pins/get");
  CHECK(param(get, "pin_id") == "42");
  CHECK(operation_of(router().match("POST", "/v5/pins/42/save/")) == "pins/save");
  CHECK(operation_of(router().match("GET", "/v5/pins/analytics/")) == "multi_pins/analytics");
  CHECK(router().match("GET", "/v5/pins//").outcome == Outcome::NotFound);
}

TEST_CASE("Router: a known path with the wrong method lists the allowed methods",
          "[unit][router]") {
  struct Case {
    std::string_view method, path;
    std::vector<std::string> allowed;
  };
  const Case c = GENERATE(values<Case>({
      {"PUT", "/v5/pins/123", {"DELETE", "GET", "PATCH"}},
      {"DELETE", "/v5/pins", {"GET", "POST"}},
      {"GET", "/v5/pins/123/save", {"POST"}},
      {"POST", "/v5/pins/123/analytics", {"GET"}},
      {"POST", "/v5/pins/analytics", {"GET"}},
      {"get", "/v5/pins", {"GET", "POST"}},
  }));
  INFO(c.method << " " << c.path);
  const RouteMatch match = router().match(c.method, std::string(c.path));
  CHECK(match.outcome == Outcome::MethodNotAllowed);
  CHECK(match.operation == nullptr);
  CHECK(sorted(match.allowed_methods) == c.allowed);
}

TEST_CASE("Router: an unknown path is NotFound", "[unit][router]") {
  const std::string path = GENERATE(as<std::string>{}, "/v5/boards", "/v5", "/v5/", "/pins",
                                    "/v4/pins", "/v5/pins/123/save/extra", "/v5/pins/1/2",
                                    "/v5/pinsx", "/v5/pins/123/analytic", "", "/V5/PINS");
  INFO("GET '" << path << "'");
  const RouteMatch match = router().match("GET", path);
  CHECK(match.outcome == Outcome::NotFound);
  CHECK(match.operation == nullptr);
  CHECK(match.allowed_methods.empty());
}

TEST_CASE("Router: path parameters are taken verbatim, one segment each", "[unit][router]") {
  const RouteMatch match = router().match("GET", "/v5/pins/abc%20def/analytics");
  REQUIRE(match.outcome == Outcome::Matched);
  CHECK(operation_of(match) == "pins/analytics");
  CHECK(param(match, "pin_id") == "abc%20def");
  // Regex metacharacters in a path cannot widen a route.
  CHECK(router().match("GET", "/v5/pins/.*/save").outcome == Outcome::MethodNotAllowed);
  CHECK(router().match("GET", "/v5Xpins").outcome == Outcome::NotFound);
}

TEST_CASE("Router: the base path comes from the manifest", "[unit][router]") {
  pinsmock::Manifest manifest = pinsmock::test::manifest();
  manifest.base_path = "/api/v9";
  const Router custom(manifest);
  CHECK(custom.match("GET", "/api/v9/pins").outcome == Outcome::Matched);
  CHECK(custom.match("GET", "/v5/pins").outcome == Outcome::NotFound);
}

TEST_CASE("Router: a megabyte-long path is matched without recursion", "[unit][router]") {
  // std::regex matched recursively, one stack frame per character: this used to overflow.
  const std::string id(1 << 20, '7');
  const RouteMatch get = router().match("GET", "/v5/pins/" + id);
  REQUIRE(get.outcome == Outcome::Matched);
  CHECK(param(get, "pin_id").size() == id.size());
  CHECK(router().match("GET", "/v5/" + id).outcome == Outcome::NotFound);
  CHECK(router().match("GET", std::string(1 << 20, '/')).outcome == Outcome::NotFound);
}

TEST_CASE("Router: a parameter that is not a whole segment is refused at start-up",
          "[unit][router]") {
  pinsmock::Manifest manifest = pinsmock::test::manifest();
  manifest.operations.front().path = "/pins/{pin_id}.json";
  CHECK_THROWS_AS(Router(manifest), pinsmock::StartupError);
}

// Authentication and scopes on every /v5 route (API-NOTES.md section 1: 401 code 2 for a missing
// or bad token, 401 code 3 for a missing scope).
#include "http/http_fixture.hpp"

using namespace pinsmock::test;
using pinsmock::MockServer;

namespace {

struct Route {
  const char* operation;
  const char* method;
  std::string path;
  std::string body;
};

// One request per operation in the manifest, valid apart from its credentials.
std::vector<Route> every_route() {
  const std::string pin = fixture_pin(1);
  return {
      {"pins/create", "POST", "/pins", sample("pins.create.image_url")},
      {"pins/list", "GET", "/pins", ""},
      {"pins/get", "GET", "/pins/" + pin, ""},
      {"pins/update", "PATCH", "/pins/" + pin, R"({"title": "t"})"},
      {"pins/delete", "DELETE", "/pins/" + pin, ""},
      {"pins/save", "POST", "/pins/" + pin + "/save", sample("pins.save")},
      {"pins/analytics", "GET",
       "/pins/" + pin + "/analytics?start_date=2026-11-10&end_date=2026-11-14&metric_types=IMPRESSION", ""},
      {"multi_pins/analytics", "GET",
       "/pins/analytics?pin_ids=" + pin + "&start_date=2026-11-10&end_date=2026-11-14&metric_types=IMPRESSION",
       ""},
  };
}

} // namespace

TEST_CASE("Auth: a request without Authorization answers 401 code 2 on every route",
          "[http][auth]") {
  MockServer server(test_options());
  server.start();
  PinsClient anonymous(server.base_url(), "");
  for (const Route& route : every_route()) {
    INFO(route.method << " " << route.path);
    ApiResult res = anonymous.raw(route.method, route.path, route.body);
    CHECK_THAT(res, IsPinterestError(401, 2));
    CHECK_THAT(res, ConformsTo(route.operation));
  }
  // Nothing was changed by the rejected writes.
  PinsClient creator(server.base_url(), kCreatorToken);
  CHECK_THAT(creator.pins_get(fixture_pin(1)), HasStatus(200));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Auth: malformed and unknown credentials answer 401 code 2 on every route",
          "[http][auth]") {
  const std::string header = GENERATE(as<std::string>{}, "Basic bW9jazpzZWNyZXQ=", "Bearer",
                                      "Bearer ", "Bearer pina_unknown_token", "Token pina_mock_creator_full",
                                      "pina_mock_creator_full", "Bearer pina_mock_creator_full_x");
  INFO("Authorization: " << header);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), "");
  for (const Route& route : every_route()) {
    INFO(route.method << " " << route.path);
    ApiResult res = client.raw(route.method, route.path, route.body, {{"Authorization", header}});
    CHECK_THAT(res, IsPinterestError(401, 2));
    CHECK_THAT(res, ConformsTo(route.operation));
  }
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Auth: the bearer scheme is case-insensitive", "[http][auth]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), "");
  ApiResult res = client.raw("GET", "/pins", "", {{"Authorization", "bearer " + kCreatorToken}});
  CHECK_THAT(res, HasStatus(200));
  CHECK_THAT(res, ConformsTo("pins/list"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Auth: a read-only token answers 401 code 3 on every write", "[http][auth]") {
  MockServer server(test_options());
  server.start();
  PinsClient readonly(server.base_url(), kCreatorReadonlyToken);
  for (const Route& route : every_route()) {
    if (std::string(route.method) == "GET")
      continue;
    INFO(route.method << " " << route.path);
    ApiResult res = readonly.raw(route.method, route.path, route.body);
    CHECK_THAT(res, IsPinterestError(401, 3));
    CHECK_THAT(res, ConformsTo(route.operation));
  }
  PinsClient creator(server.base_url(), kCreatorToken);
  ApiResult still = creator.pins_get(fixture_pin(1));
  CHECK_THAT(still, HasStatus(200));
  CHECK_THAT(still, ConformsTo("pins/get"));
  CHECK(str_at(still.json, "title") != "t");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Auth: a read-only token reads pins", "[http][auth]") {
  MockServer server(test_options());
  server.start();
  PinsClient readonly(server.base_url(), kCreatorReadonlyToken);
  ApiResult listed = readonly.pins_list();
  CHECK_THAT(listed, HasStatus(200));
  CHECK_THAT(listed, ConformsTo("pins/list"));
  ApiResult got = readonly.pins_get(fixture_pin(1));
  CHECK_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Auth: authentication is checked before the request is validated", "[http][auth]") {
  MockServer server(test_options());
  server.start();
  PinsClient anonymous(server.base_url(), "");
  ApiResult bad_body = anonymous.pins_create("{not json");
  CHECK_THAT(bad_body, IsPinterestError(401, 2));
  CHECK_THAT(bad_body, ConformsTo("pins/create"));
  ApiResult bad_param = anonymous.pins_list({{"page_size", "0"}});
  CHECK_THAT(bad_param, IsPinterestError(401, 2));
  CHECK_THAT(bad_param, ConformsTo("pins/list"));
  PinsClient readonly(server.base_url(), kCreatorReadonlyToken);
  ApiResult unknown_pin = readonly.pins_delete(kUnknownPin);
  CHECK_THAT(unknown_pin, IsPinterestError(401, 3));
  CHECK_THAT(unknown_pin, ConformsTo("pins/delete"));
  CHECK(server.internal_errors().empty());
}

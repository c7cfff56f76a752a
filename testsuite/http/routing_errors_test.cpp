// Requests no operation serves: JSON 404 for unknown routes, 405 for wrong methods, 413 for
// oversized bodies (all in Pinterest's error shape).
#include "http/http_fixture.hpp"

using namespace pinsmock::test;
using pinsmock::MockServer;
using Catch::Contains;

namespace {

// The error shape for a status no operation declares: {code: int, message: non-empty string}.
void check_error_shape(const ApiResult& res, int status) {
  CHECK(res.status == status);
  CHECK(res.content_type.rfind("application/json", 0) == 0);
  REQUIRE(res.json.IsObject());
  CHECK(int_at(res.json, "code") > 0);
  CHECK_FALSE(str_at(res.json, "message").empty());
  CHECK(str_at(res.json, "message") != "<missing>");
}

} // namespace

TEST_CASE("Routing: an unknown route answers a JSON 404", "[http][routing]") {
  const std::string path = GENERATE(as<std::string>{}, "/boards", "/pins/1300000000000000001/unknown",
                                    "/pins/1300000000000000001/save/extra", "/PINS", "/",
                                    "/pins//save");
  INFO("GET /v5" << path);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.raw("GET", path);
  CHECK_THAT(res, IsPinterestError(404, 404));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Routing: a path outside /v5 and /__admin answers a JSON 404", "[http][routing]") {
  MockServer server(test_options());
  server.start();
  PinsClient root(server.root_url(), kCreatorToken);
  for (const char* path : {"/", "/v4/pins", "/pins", "/__adminx/health", "/__admin/unknown"}) {
    INFO("GET " << path);
    ApiResult res = root.raw("GET", path);
    CHECK_THAT(res, IsPinterestError(404, 404));
  }
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Routing: a known path with the wrong method answers a JSON 405 with Allow",
          "[http][routing]") {
  struct Case {
    const char* method;
    std::string path;
    std::string body;
    const char* allowed; // one method Allow must list
  };
  const Case c = GENERATE(values<Case>({
      {"PUT", "/pins", sample("pins.create.image_url"), "POST"},
      {"DELETE", "/pins", "", "GET"},
      {"PATCH", "/pins", "{}", "POST"},
      {"POST", "/pins/1300000000000000001", "{}", "PATCH"},
      {"PUT", "/pins/1300000000000000001", "{}", "DELETE"},
      {"GET", "/pins/1300000000000000001/save", "", "POST"},
      {"PATCH", "/pins/1300000000000000001/analytics", "{}", "GET"},
  }));
  INFO(c.method << " /v5" << c.path);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.raw(c.method, c.path, c.body);
  CHECK_THAT(res, IsPinterestError(405, 405));
  CHECK_THAT(res.headers.count("Allow") ? res.headers.find("Allow")->second : std::string(),
             Contains(c.allowed));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Routing: a wrong method on an admin route answers a JSON 405", "[http][routing]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult res = admin.raw("GET", "/__admin/reset");
  CHECK_THAT(res, IsPinterestError(405, 405));
  ApiResult health = admin.raw("DELETE", "/__admin/health");
  CHECK_THAT(health, IsPinterestError(405, 405));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Routing: a body over max_body_bytes answers a JSON 413 and the server keeps serving",
          "[http][routing]") {
  pinsmock::ServerOptions options = test_options();
  options.max_body_bytes = 1024;
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string body =
      with_members(sample("pins.create.image_url"), {{"description", json_string_of(800)},
                                                     {"alt_text", json_string_of(500)}});
  REQUIRE(body.size() > 1024);
  ApiResult res = client.pins_create(body);
  check_error_shape(res, 413);
  CHECK_THAT(res, IsPinterestError(413, 413));
  CHECK_THAT(res, ConformsTo("pins/create")); // the "default" error response

  ApiResult update = client.pins_update(fixture_pin(1), body);
  CHECK_THAT(update, IsPinterestError(413, 413));

  PinsClient fresh(server.base_url(), kCreatorToken);
  ApiResult small = fresh.pins_create(sample("pins.create.image_url"));
  CHECK_THAT(small, HasStatus(201));
  CHECK_THAT(small, ConformsTo("pins/create"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Routing: a body exactly at max_body_bytes is accepted", "[http][routing]") {
  pinsmock::ServerOptions options = test_options();
  options.max_body_bytes = 1024;
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  std::string body = sample("pins.create.image_url");
  const std::string base = with_members(body, {{"description", "\"\""}});
  REQUIRE(base.size() < 1024);
  body = with_members(body, {{"description", json_string_of(1024 - base.size())}});
  REQUIRE(body.size() == 1024);
  ApiResult res = client.pins_create(body);
  CHECK_THAT(res, HasStatus(201));
  CHECK_THAT(res, ConformsTo("pins/create"));
  CHECK(server.internal_errors().empty());
}

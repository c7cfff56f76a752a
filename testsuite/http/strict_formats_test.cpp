// --strict-formats (ServerOptions::strict_formats): the mock holds itself to the spec's
// date-time, so it starts with its own fixtures and its answers pass its own check.
#include "http/http_fixture.hpp"

using namespace pinsmock::test;
using pinsmock::MockServer;
using pinsmock::ServerOptions;
using pinsmock::ValidationMode;

namespace {

ServerOptions strict_options() {
  ServerOptions options = test_options();
  options.strict_formats = true;
  options.response_check = ValidationMode::Enforce;
  return options;
}

bool has_offset(const std::string &created_at) {
  return created_at.size() > 19 &&
         (created_at.back() == 'Z' || created_at[19] == '+' || created_at[19] == '-');
}

} // namespace

TEST_CASE("StrictFormats: the mock starts with the built-in fixtures and serves created_at "
          "with an offset",
          "[http][strict-formats]") {
  MockServer server(strict_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult listed = client.pins_list({{"page_size", "5"}});
  REQUIRE_THAT(listed, HasStatus(200));
  for (const auto &item : listed.json["items"].GetArray())
    CHECK(has_offset(item["created_at"].GetString()));
  ApiResult got = client.pins_get(fixture_pin(1));
  REQUIRE_THAT(got, HasStatus(200));
  CHECK(got.string_member("created_at") == "2026-06-02T08:22:57Z");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("StrictFormats: the mock's own 201 answers pass its own check",
          "[http][strict-formats]") {
  MockServer server(strict_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult created = client.pins_create(sample("pins.create.image_url"));
  REQUIRE_THAT(created, HasStatus(201));
  CHECK(created.string_member("created_at") == "2026-11-15T12:00:00Z");
  ApiResult saved = client.pins_save(fixture_pin(1), sample("pins.save"));
  REQUIRE_THAT(saved, HasStatus(201));
  CHECK(has_offset(saved.string_member("created_at")));
  CHECK(server.internal_errors().empty());
  CHECK_FALSE(created.has_header("X-Pinsmock-Violations"));
}

TEST_CASE("StrictFormats: off by default, created_at keeps live's shape without an offset",
          "[http][strict-formats]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult created = client.pins_create(sample("pins.create.image_url"));
  REQUIRE_THAT(created, HasStatus(201));
  CHECK(created.string_member("created_at") == "2026-11-15T12:00:00");
}

// Seeded ids and a fixed clock: the same requests give byte-identical answers.
#include "http/http_fixture.hpp"

using namespace pinsmock::test;
using pinsmock::MockServer;
using pinsmock::ServerOptions;

namespace {

// A fixed sequence of requests; returns every response body in order (each must conform).
std::vector<std::string> run_script(MockServer& server) {
  PinsClient client(server.base_url(), kCreatorToken);
  std::vector<std::string> bodies;
  std::vector<std::string> ids;
  for (const char* name : {"pins.create.image_url", "pins.create.video_id",
                           "pins.create.multiple_image_urls", "pins.create.image_base64",
                           "pins.create.in_section"}) {
    ApiResult created = client.pins_create(sample(name));
    REQUIRE_THAT(created, HasStatus(201));
    CHECK_THAT(created, ConformsTo("pins/create"));
    ids.push_back(created.string_member("id"));
    bodies.push_back(created.body);
  }
  ApiResult saved = client.pins_save(fixture_pin(1), sample("pins.save"));
  REQUIRE_THAT(saved, HasStatus(201));
  CHECK_THAT(saved, ConformsTo("pins/save"));
  bodies.push_back(saved.body);
  ApiResult updated = client.pins_update(ids[0], sample("pins.update.full"));
  REQUIRE_THAT(updated, HasStatus(200));
  CHECK_THAT(updated, ConformsTo("pins/update"));
  bodies.push_back(updated.body);
  REQUIRE_THAT(client.pins_delete(ids[1]), HasStatus(204));

  ApiResult first_page = client.pins_list({{"page_size", "4"}});
  REQUIRE_THAT(first_page, HasStatus(200));
  CHECK_THAT(first_page, ConformsTo("pins/list"));
  bodies.push_back(first_page.body);
  ApiResult second_page =
      client.pins_list({{"page_size", "4"}, {"bookmark", str_at(first_page.json, "bookmark")}});
  REQUIRE_THAT(second_page, HasStatus(200));
  CHECK_THAT(second_page, ConformsTo("pins/list"));
  bodies.push_back(second_page.body);
  for (const std::string& id : {ids[2], ids[4], fixture_pin(1)}) {
    ApiResult got = client.pins_get(id);
    REQUIRE_THAT(got, HasStatus(200));
    CHECK_THAT(got, ConformsTo("pins/get"));
    bodies.push_back(got.body);
  }
  return bodies;
}

std::vector<std::string> create_ids(MockServer& server, int count) {
  PinsClient client(server.base_url(), kCreatorToken);
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i)
    ids.push_back(create_pin(client));
  return ids;
}

} // namespace

TEST_CASE("Determinism: the same seed and day give byte-identical response bodies",
          "[http][determinism]") {
  MockServer first(test_options(42));
  MockServer second(test_options(42));
  first.start();
  second.start();
  const std::vector<std::string> a = run_script(first);
  const std::vector<std::string> b = run_script(second);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("response #" << i);
    CHECK(a[i] == b[i]);
  }
  CHECK(first.internal_errors().empty());
  CHECK(second.internal_errors().empty());
}

TEST_CASE("Determinism: a different seed gives different ids", "[http][determinism]") {
  MockServer first(test_options(1));
  MockServer second(test_options(2));
  first.start();
  second.start();
  const std::vector<std::string> a = create_ids(first, 5);
  const std::vector<std::string> b = create_ids(second, 5);
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("pin #" << i);
    CHECK(a[i] != b[i]);
  }
  CHECK(first.internal_errors().empty());
  CHECK(second.internal_errors().empty());
}

TEST_CASE("Determinism: a fixed day dates new pins on that day, in creation order",
          "[http][determinism]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  std::string previous;
  for (int i = 0; i < 3; ++i) {
    ApiResult created = client.pins_create(sample("pins.create.image_url"));
    REQUIRE_THAT(created, HasStatus(201));
    CHECK_THAT(created, ConformsTo("pins/create"));
    const std::string at = str_at(created.json, "created_at");
    CHECK(at.rfind("2026-11-15T", 0) == 0);
    CHECK(at > previous);
    previous = at;
  }
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Determinism: new ids are numeric strings that never collide with fixture ids",
          "[http][determinism]") {
  const std::uint64_t seed = GENERATE(0, 1, 7, 123456789);
  MockServer server(test_options(seed));
  server.start();
  for (const std::string& id : create_ids(server, 20)) {
    CHECK(id.find_first_not_of("0123456789") == std::string::npos);
    CHECK(id.rfind("13", 0) != 0);
  }
  CHECK(server.internal_errors().empty());
}

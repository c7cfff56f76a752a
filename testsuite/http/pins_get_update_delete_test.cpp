// pins/get, pins/update, pins/delete — GET, PATCH and DELETE /pins/{pin_id}.
#include "http/http_fixture.hpp"

#include <algorithm>

using namespace pinsmock::test;
using pinsmock::MockServer;

TEST_CASE("pins/get: answers 200 with the fixture pin and a null pin_metrics", "[http][pins/get]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_get(fixture_pin(5));
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(str_at(got.json, "id") == fixture_pin(5));
  CHECK(str_at(got.json, "board_id") == kDinnersBoard);
  CHECK(str_at(got.json, "creative_type") == "CAROUSEL");
  CHECK(str_at(got.json, "media/media_type") == "multiple_images");
  CHECK(null_at(got.json, "pin_metrics"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/get: pin_metrics=true adds a pin_metrics object", "[http][pins/get]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_get(fixture_pin(1), {{"pin_metrics", "true"}});
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  const pinsmock::json::Value* metrics = json_at(got.json, "pin_metrics");
  REQUIRE(metrics);
  CHECK(metrics->IsObject());
  ApiResult without = client.pins_get(fixture_pin(1), {{"pin_metrics", "false"}});
  REQUIRE_THAT(without, HasStatus(200));
  CHECK_THAT(without, ConformsTo("pins/get"));
  CHECK(null_at(without.json, "pin_metrics"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/get: own pins on protected and secret boards are readable", "[http][pins/get]") {
  const int pin = GENERATE(9, 15);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_get(fixture_pin(pin));
  CHECK_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/get: another user's public pin is readable and not owned", "[http][pins/get]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult got = partner.pins_get(fixture_pin(1));
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  const pinsmock::json::Value* is_owner = json_at(got.json, "is_owner");
  REQUIRE(is_owner);
  CHECK(is_owner->IsFalse());
  CHECK(str_at(got.json, "board_owner/username") == "mock_creator");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/get: another user's protected or secret pin answers 404 code 50",
          "[http][pins/get]") {
  const int pin = GENERATE(9, 15);
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult got = partner.pins_get(fixture_pin(pin));
  CHECK_THAT(got, IsPinterestError(404, 50));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/get: an unknown pin answers 404 code 50", "[http][pins/get]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_get(kUnknownPin);
  CHECK_THAT(got, IsPinterestError(404, 50));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/update: every PinUpdate field is applied and answered with 200",
          "[http][pins/update]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string id = create_pin(client, sample("pins.create.in_section"));
  ApiResult updated = client.pins_update(id, sample("pins.update.full"));
  REQUIRE_THAT(updated, HasStatus(200));
  CHECK_THAT(updated, ConformsTo("pins/update"));
  CHECK(str_at(updated.json, "id") == id);
  CHECK(str_at(updated.json, "title") == "Carrot and ginger soup (updated)");
  CHECK(str_at(updated.json, "description") == "Now with a spoon of red curry paste.");
  CHECK(str_at(updated.json, "link") == "https://www.example-kitchen.com/recipes/carrot-ginger-soup-v2");
  CHECK(str_at(updated.json, "alt_text") == "Bowl of orange soup topped with coriander leaves");
  CHECK(str_at(updated.json, "board_id") == kWoodBoard);
  CHECK(null_at(updated.json, "board_section_id"));

  ApiResult got = client.pins_get(id);
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(got.body == updated.body);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/update: fields left out of the body keep their values", "[http][pins/update]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult before = client.pins_get(fixture_pin(4));
  REQUIRE_THAT(before, HasStatus(200));
  CHECK_THAT(before, ConformsTo("pins/get"));
  ApiResult updated = client.pins_update(fixture_pin(4), R"({"title": "Only the title"})");
  REQUIRE_THAT(updated, HasStatus(200));
  CHECK_THAT(updated, ConformsTo("pins/update"));
  CHECK(str_at(updated.json, "title") == "Only the title");
  for (const char* key : {"description", "link", "alt_text", "board_id", "board_section_id",
                          "created_at", "dominant_color", "creative_type"})
    CHECK(pinsmock::json::dump(*json_at(updated.json, key)) ==
          pinsmock::json::dump(*json_at(before.json, key)));
  CHECK(str_at(updated.json, "board_section_id") == kSoupsSection);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/update: carousel_slots set the links of the carousel's images",
          "[http][pins/update]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult updated = client.pins_update(
      fixture_pin(5),
      R"({"carousel_slots": [{"link": "https://example.com/slot-0"}, {}, {"link": "https://example.com/slot-2"}]})");
  REQUIRE_THAT(updated, HasStatus(200));
  CHECK_THAT(updated, ConformsTo("pins/update"));
  CHECK(str_at(updated.json, "media/items/0/link") == "https://example.com/slot-0");
  CHECK(str_at(updated.json, "media/items/2/link") == "https://example.com/slot-2");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/update: a pin moves to a section of its board and to another board's section",
          "[http][pins/update]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string id = create_pin(client); // Weeknight Dinners, no section
  ApiResult to_section =
      client.pins_update(id, R"({"board_section_id": ")" + kPastaSection + R"("})");
  REQUIRE_THAT(to_section, HasStatus(200));
  CHECK_THAT(to_section, ConformsTo("pins/update"));
  CHECK(str_at(to_section.json, "board_id") == kDinnersBoard);
  CHECK(str_at(to_section.json, "board_section_id") == kPastaSection);

  ApiResult to_board = client.pins_update(
      id, R"({"board_id": ")" + kTravelBoard + R"(", "board_section_id": ")" + kJapanSection + R"("})");
  REQUIRE_THAT(to_board, HasStatus(200));
  CHECK_THAT(to_board, ConformsTo("pins/update"));
  CHECK(str_at(to_board.json, "board_id") == kTravelBoard);
  CHECK(str_at(to_board.json, "board_section_id") == kJapanSection);
  CHECK(str_at(to_board.json, "board_owner/username") == "mock_creator");

  // A new board without a section leaves the old section behind.
  ApiResult board_only = client.pins_update(id, R"({"board_id": ")" + kWoodBoard + R"("})");
  REQUIRE_THAT(board_only, HasStatus(200));
  CHECK_THAT(board_only, ConformsTo("pins/update"));
  CHECK(str_at(board_only.json, "board_id") == kWoodBoard);
  CHECK(null_at(board_only.json, "board_section_id"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/update: a section of another board answers 404 code 2031", "[http][pins/update]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_update(fixture_pin(1),
                                     R"({"board_section_id": ")" + kJapanSection + R"("})");
  CHECK_THAT(res, IsPinterestError(404, 2031));
  CHECK_THAT(res, ConformsTo("pins/update"));
  ApiResult unchanged = client.pins_get(fixture_pin(1));
  CHECK_THAT(unchanged, ConformsTo("pins/get"));
  CHECK(str_at(unchanged.json, "board_section_id") == kSoupsSection);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/update: an unknown board answers 404 code 40", "[http][pins/update]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_update(fixture_pin(1), R"({"board_id": ")" + kUnknownBoard + R"("})");
  CHECK_THAT(res, IsPinterestError(404, 40));
  CHECK_THAT(res, ConformsTo("pins/update"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/update: an unknown pin answers 404 code 50", "[http][pins/update]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_update(kUnknownPin, R"({"title": "x"})");
  CHECK_THAT(res, IsPinterestError(404, 50));
  CHECK_THAT(res, ConformsTo("pins/update"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/update: another user's public pin answers 403 code 29", "[http][pins/update]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult res = partner.pins_update(fixture_pin(1), R"({"title": "not mine"})");
  CHECK_THAT(res, IsPinterestError(403, 29));
  CHECK_THAT(res, ConformsTo("pins/update"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/delete: answers 204 with an empty body, then the pin is gone everywhere",
          "[http][pins/delete]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string id = create_pin(client);
  ApiResult deleted = client.pins_delete(id);
  REQUIRE_THAT(deleted, HasStatus(204));
  CHECK_THAT(deleted, ConformsTo("pins/delete"));
  CHECK(deleted.body.empty());

  ApiResult got = client.pins_get(id);
  CHECK_THAT(got, IsPinterestError(404, 50));
  CHECK_THAT(got, ConformsTo("pins/get"));
  ApiResult updated = client.pins_update(id, R"({"title": "ghost"})");
  CHECK_THAT(updated, IsPinterestError(404, 50));
  CHECK_THAT(updated, ConformsTo("pins/update"));
  ApiResult again = client.pins_delete(id);
  CHECK_THAT(again, IsPinterestError(404, 50));
  CHECK_THAT(again, ConformsTo("pins/delete"));
  ApiResult saved = client.pins_save(id, sample("pins.save"));
  CHECK_THAT(saved, IsPinterestError(404, 50));
  CHECK_THAT(saved, ConformsTo("pins/save"));

  const ListWalk walk = walk_list(client, {{"page_size", "250"}});
  CHECK(std::find(walk.ids.begin(), walk.ids.end(), id) == walk.ids.end());
  CHECK(walk.ids.size() == static_cast<std::size_t>(kCreatorPublicPins));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/delete: a fixture pin is deleted and leaves the listing", "[http][pins/delete]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult deleted = client.pins_delete(fixture_pin(30));
  REQUIRE_THAT(deleted, HasStatus(204));
  CHECK_THAT(deleted, ConformsTo("pins/delete"));
  ApiResult page = client.pins_list({{"page_size", "250"}});
  REQUIRE_THAT(page, HasStatus(200));
  CHECK_THAT(page, ConformsTo("pins/list"));
  const std::vector<std::string> ids = item_ids(page);
  CHECK(ids.size() == static_cast<std::size_t>(kCreatorPublicPins - 1));
  CHECK(std::find(ids.begin(), ids.end(), fixture_pin(30)) == ids.end());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/delete: another user's public pin answers 403 code 29 and stays",
          "[http][pins/delete]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult res = partner.pins_delete(fixture_pin(1));
  CHECK_THAT(res, IsPinterestError(403, 29));
  CHECK_THAT(res, ConformsTo("pins/delete"));
  PinsClient creator(server.base_url(), kCreatorToken);
  ApiResult still = creator.pins_get(fixture_pin(1));
  CHECK_THAT(still, HasStatus(200));
  CHECK_THAT(still, ConformsTo("pins/get"));
  CHECK(server.internal_errors().empty());
}

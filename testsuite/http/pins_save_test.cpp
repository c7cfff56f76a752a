// pins/save — POST /pins/{pin_id}/save.
#include "http/http_fixture.hpp"

using namespace pinsmock::test;
using pinsmock::MockServer;

TEST_CASE("pins/save: answers 201 with a new pin on the target board and leaves the original",
          "[http][pins/save]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult original = client.pins_get(fixture_pin(1));
  REQUIRE_THAT(original, HasStatus(200));
  CHECK_THAT(original, ConformsTo("pins/get"));

  ApiResult saved = client.pins_save(fixture_pin(1), sample("pins.save"));
  REQUIRE_THAT(saved, HasStatus(201));
  CHECK_THAT(saved, ConformsTo("pins/save"));
  const std::string saved_id = saved.string_member("id");
  CHECK(saved_id != fixture_pin(1));
  CHECK(str_at(saved.json, "board_id") == kWoodBoard);
  CHECK(null_at(saved.json, "board_section_id"));
  CHECK(str_at(saved.json, "parent_pin_id") == fixture_pin(1));
  CHECK(str_at(saved.json, "title") == str_at(original.json, "title"));

  ApiResult after = client.pins_get(fixture_pin(1));
  REQUIRE_THAT(after, HasStatus(200));
  CHECK_THAT(after, ConformsTo("pins/get"));
  CHECK(after.body == original.body);

  ApiResult copy = client.pins_get(saved_id);
  REQUIRE_THAT(copy, HasStatus(200));
  CHECK_THAT(copy, ConformsTo("pins/get"));
  CHECK(copy.body == saved.body);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/save: a pin saved into a section lands in that section", "[http][pins/save]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult saved = client.pins_save(
      fixture_pin(20),
      R"({"board_id": ")" + kDinnersBoard + R"(", "board_section_id": ")" + kPastaSection + R"("})");
  REQUIRE_THAT(saved, HasStatus(201));
  CHECK_THAT(saved, ConformsTo("pins/save"));
  CHECK(str_at(saved.json, "board_id") == kDinnersBoard);
  CHECK(str_at(saved.json, "board_section_id") == kPastaSection);
  CHECK(str_at(saved.json, "board_owner/username") == "mock_creator");

  // The saved pin is the caller's newest pin in the listing.
  ApiResult page = client.pins_list({{"page_size", "1"}});
  REQUIRE_THAT(page, HasStatus(200));
  CHECK_THAT(page, ConformsTo("pins/list"));
  CHECK(item_ids(page) == std::vector<std::string>{saved.string_member("id")});
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/save: another user's public pin is saved to the caller's own board",
          "[http][pins/save]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult saved = partner.pins_save(fixture_pin(2), R"({"board_id": ")" + kPartnerBoard + R"("})");
  REQUIRE_THAT(saved, HasStatus(201));
  CHECK_THAT(saved, ConformsTo("pins/save"));
  CHECK(str_at(saved.json, "board_owner/username") == "mock_partner");
  CHECK(str_at(saved.json, "board_id") == kPartnerBoard);
  CHECK(str_at(saved.json, "parent_pin_id") == fixture_pin(2));
  const pinsmock::json::Value* is_owner = json_at(saved.json, "is_owner");
  REQUIRE(is_owner);
  CHECK(is_owner->IsTrue());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/save: another user's secret pin answers 404 code 50", "[http][pins/save]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult res = partner.pins_save(fixture_pin(15), R"({"board_id": ")" + kPartnerBoard + R"("})");
  CHECK_THAT(res, IsPinterestError(404, 50));
  CHECK_THAT(res, ConformsTo("pins/save"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/save: an unknown pin answers 404 code 50", "[http][pins/save]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_save(kUnknownPin, sample("pins.save"));
  CHECK_THAT(res, IsPinterestError(404, 50));
  CHECK_THAT(res, ConformsTo("pins/save"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/save: an unknown board answers 404 code 40", "[http][pins/save]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_save(fixture_pin(1), R"({"board_id": ")" + kUnknownBoard + R"("})");
  CHECK_THAT(res, IsPinterestError(404, 40));
  CHECK_THAT(res, ConformsTo("pins/save"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/save: a section of another board answers 404 code 2031", "[http][pins/save]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_save(
      fixture_pin(1),
      R"({"board_id": ")" + kWoodBoard + R"(", "board_section_id": ")" + kSoupsSection + R"("})");
  CHECK_THAT(res, IsPinterestError(404, 2031));
  CHECK_THAT(res, ConformsTo("pins/save"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/save: a body without board_id answers 400 code 1 naming board_id",
          "[http][pins/save]") {
  // The spec makes both fields optional; the mock requires a destination (a documented choice).
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_save(fixture_pin(1), "{}");
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res, ConformsTo("pins/save"));
  CHECK_THAT(res.string_member("message"), Catch::Contains("board_id"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/save: another user's public board answers 403 code 29", "[http][pins/save]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_save(fixture_pin(1), R"({"board_id": ")" + kPartnerBoard + R"("})");
  CHECK_THAT(res, IsPinterestError(403, 29));
  CHECK_THAT(res, ConformsTo("pins/save"));
  CHECK(server.internal_errors().empty());
}

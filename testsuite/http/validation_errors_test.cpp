// Invalid requests: 400 code 1 naming the field, JSON 404/405/413 for what no operation serves.
#include "http/http_fixture.hpp"

using namespace pinsmock::test;
using pinsmock::MockServer;
using Catch::Contains;

TEST_CASE("Validation: malformed JSON answers 400 code 1", "[http][validation]") {
  const std::string body = GENERATE(as<std::string>{}, "{\"board_id\": ", "{board_id: 1}", "not json",
                                    "{\"title\": \"x\",}", "\"just a string\"", "[]", "null", "   ");
  INFO("body: " << body);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(body);
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res, ConformsTo("pins/create"));
  ApiResult update = client.pins_update(fixture_pin(1), body);
  CHECK_THAT(update, IsPinterestError(400, 1));
  CHECK_THAT(update, ConformsTo("pins/update"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Validation: invalid PinCreate samples answer 400 code 1 naming the field",
          "[http][validation]") {
  struct Case {
    const char* sample;
    const char* field;
  };
  const Case c = GENERATE(values<Case>({
      {"invalid/pins.create.title_too_long", "title"},
      {"invalid/pins.create.description_too_long", "description"},
      {"invalid/pins.create.alt_text_too_long", "alt_text"},
      {"invalid/pins.create.link_too_long", "link"},
      {"invalid/pins.create.title_number", "title"},
      {"invalid/pins.create.board_id_not_numeric", "board_id"},
      {"invalid/pins.create.unknown_source_type", "source_type"},
      {"invalid/pins.create.no_media_source", "media_source"},
      {"invalid/pins.create.multiple_image_urls_one_item", "items"},
  }));
  INFO("sample " << c.sample);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(sample(c.sample));
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res, ConformsTo("pins/create"));
  CHECK_THAT(res.string_member("message"), Contains(c.field));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Validation: wrong types and lengths in a PinCreate answer 400 code 1 naming the field",
          "[http][validation]") {
  struct Case {
    const char* field;
    std::string value;
  };
  const Case c = GENERATE(values<Case>({
      {"title", json_string_of(101)},
      {"description", json_string_of(801)},
      {"alt_text", json_string_of(501)},
      {"link", json_string_of(2049)},
      {"title", "[\"a\"]"},
      {"description", "true"},
      {"link", "42"},
      {"alt_text", "{}"},
      {"board_id", "1100000000000000001"},
      {"board_id", "\"board-one\""},
      {"board_section_id", "\"abc\""},
      {"parent_pin_id", "\"not-a-pin\""},
      {"media_source", "\"https://example.com/a.jpg\""},
  }));
  INFO(c.field << " = " << c.value.substr(0, 40));
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(with_members(sample("pins.create.image_url"), {{c.field, c.value}}));
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res, ConformsTo("pins/create"));
  CHECK_THAT(res.string_member("message"), Contains(c.field));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Validation: limits are inclusive: 100, 800, 500 and 2048 characters are accepted",
          "[http][validation]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(with_members(
      sample("pins.create.image_url"), {{"title", json_string_of(100)},
                                        {"description", json_string_of(800)},
                                        {"alt_text", json_string_of(500)},
                                        {"link", json_string_of(2048)}}));
  CHECK_THAT(res, HasStatus(201));
  CHECK_THAT(res, ConformsTo("pins/create"));
  CHECK(str_at(res.json, "title").size() == 100);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Validation: an invalid PinUpdate answers 400 code 1 naming the field",
          "[http][validation]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult too_long = client.pins_update(fixture_pin(1), sample("invalid/pins.update.title_too_long"));
  CHECK_THAT(too_long, IsPinterestError(400, 1));
  CHECK_THAT(too_long, ConformsTo("pins/update"));
  CHECK_THAT(too_long.string_member("message"), Contains("title"));
  ApiResult slots = client.pins_update(fixture_pin(5), R"({"carousel_slots": {"link": "x"}})");
  CHECK_THAT(slots, IsPinterestError(400, 1));
  CHECK_THAT(slots, ConformsTo("pins/update"));
  CHECK_THAT(slots.string_member("message"), Contains("carousel_slots"));
  ApiResult board = client.pins_update(fixture_pin(1), R"({"board_id": 11})");
  CHECK_THAT(board, IsPinterestError(400, 1));
  CHECK_THAT(board, ConformsTo("pins/update"));
  CHECK_THAT(board.string_member("message"), Contains("board_id"));
  ApiResult save = client.pins_save(fixture_pin(1), R"({"board_id": "woodworking"})");
  CHECK_THAT(save, IsPinterestError(400, 1));
  CHECK_THAT(save, ConformsTo("pins/save"));
  CHECK_THAT(save.string_member("message"), Contains("board_id"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Validation: a non-numeric pin id answers 400 code 1 naming pin_id",
          "[http][validation]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ApiResult results[] = {client.pins_get("abc"), client.pins_update("abc", R"({"title": "x"})"),
                               client.pins_delete("12ab")};
  const char* operations[] = {"pins/get", "pins/update", "pins/delete"};
  for (std::size_t i = 0; i < 3; ++i) {
    INFO(operations[i]);
    CHECK_THAT(results[i], IsPinterestError(400, 1));
    CHECK_THAT(results[i], ConformsTo(operations[i]));
    CHECK_THAT(results[i].string_member("message"), Contains("pin_id"));
  }
  CHECK(server.internal_errors().empty());
}

// The spec gives pins/save's pin_id no pattern and declares no 400 for the operation, so a
// non-numeric id is just an id that no pin has.
TEST_CASE("Validation: a non-numeric pin id on save answers 404 code 50, as the spec declares",
          "[http][validation]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_save("-1", sample("pins.save"));
  CHECK_THAT(res, IsPinterestError(404, 50));
  CHECK_THAT(res, ConformsTo("pins/save"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Validation: a non-numeric ad_account_id answers 400 code 1 naming it",
          "[http][validation]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kPartnerToken);
  ApiResult res = client.pins_list({{"ad_account_id", "acct-1"}});
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res, ConformsTo("pins/list"));
  CHECK_THAT(res.string_member("message"), Contains("ad_account_id"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Validation: a page_size outside 1..250 or not a number answers 400 code 1",
          "[http][validation]") {
  const std::string page_size = GENERATE(as<std::string>{}, "0", "251", "abc", "-1", "2.5", "1e2",
                                         " 5", "99999999999999999999");
  INFO("page_size=" << page_size);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_list({{"page_size", page_size}});
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res, ConformsTo("pins/list"));
  CHECK_THAT(res.string_member("message"), Contains("page_size"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Validation: a bookmark this server did not issue answers 400 code 1",
          "[http][validation]") {
  const std::string bookmark = GENERATE(as<std::string>{}, "garbage", "@@@@", "aGVsbG8=",
                                        "P2MtMXwxOXw0ZGZhfE5FV3w=", "cG0xfDV8MQ==");
  INFO("bookmark=" << bookmark);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_list({{"bookmark", bookmark}});
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res, ConformsTo("pins/list"));
  CHECK_THAT(res.string_member("message"), Contains("bookmark"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Validation: unknown enum and boolean values in the query answer 400 code 1",
          "[http][validation]") {
  struct Case {
    const char* name;
    const char* value;
  };
  const Case c = GENERATE(values<Case>({
      {"pin_filter", "exclude_everything"},
      {"creative_types", "HOLOGRAM"},
      {"creative_types", "VIDEO,HOLOGRAM"},
      {"pin_type", "PUBLIC"},
      {"include_protected_pins", "maybe"},
      {"pin_metrics", "1"},
  }));
  INFO(c.name << "=" << c.value);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_list({{c.name, c.value}});
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res, ConformsTo("pins/list"));
  CHECK_THAT(res.string_member("message"), Contains(c.name));
  CHECK(server.internal_errors().empty());
}

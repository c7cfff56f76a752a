#include "contract/schema_walk.hpp"
#include "contract/unknown_fields.hpp"

#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

using pinsmock::nearest_name;
using pinsmock::unknown_fields;
using pinsmock::test::contracts;
using pinsmock::test::parse_json;

TEST_CASE("UnknownFields: the nearest declared name is suggested when it is close",
          "[unit][warnings]") {
  const std::vector<std::string> declared = {"title", "description", "link", "alt_text",
                                             "board_id"};
  CHECK(nearest_name("titel", declared) == "title");
  CHECK(nearest_name("Title", declared) == "title");
  CHECK(nearest_name("board", declared) == "");
  CHECK(nearest_name("descripton", declared) == "description");
  CHECK(nearest_name("lnk", declared) == "link");
  CHECK(nearest_name("colour", declared) == "");
}

TEST_CASE("UnknownFields: members the schema does not declare are found at any depth",
          "[unit][warnings]") {
  const auto body = parse_json(R"({"board_id": "1", "titel": "x",
      "media_source": {"source_type": "image_url", "url": "https://e.com/a.jpg", "ulr": "y"}})");
  const auto found = unknown_fields(contracts(), "components/pin_create.json", body);
  REQUIRE(found.size() == 2);
  CHECK(found[0].pointer == "/titel");
  CHECK(found[0].message == "unknown field 'titel' (did you mean 'title'?)");
  CHECK(found[0].value == "\"x\"");
  CHECK(found[1].pointer == "/media_source/ulr");
  CHECK(found[1].message == "unknown field 'ulr' (did you mean 'url'?)");
}

TEST_CASE("UnknownFields: a body with only declared fields has none", "[unit][warnings]") {
  const auto body = parse_json(R"({"board_id": "1", "title": "x", "alt_text": null,
      "media_source": {"source_type": "image_url", "url": "https://e.com/a.jpg"}})");
  CHECK(unknown_fields(contracts(), "components/pin_create.json", body).empty());
  const auto update = parse_json(R"({"title": "x", "alt_text": null})");
  CHECK(unknown_fields(contracts(), "components/pin_update.json", update).empty());
}

TEST_CASE("SchemaWalk: an enum violation lists every allowed value, also behind a $ref",
          "[unit][contract_registry]") {
  const auto params =
      parse_json(R"({"creative_types": ["REGULAR", "carousel2"], "page_size": 25})");
  const auto violations = contracts().validate("operations/pins.list.params.json", params);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].pointer == "/creative_types/1");
  CHECK(violations[0].message ==
        "'carousel2' is not one of REGULAR, VIDEO, SHOPPING, CAROUSEL, MAX_VIDEO, SHOP_THE_PIN, "
        "COLLECTION, IDEA, SHOWCASE, QUIZ, COLLAGE, MAX_WIDTH_REGULAR_COLLECTION, "
        "MAX_WIDTH_VIDEO_COLLECTION");
}

TEST_CASE("SchemaWalk: a violation says what the schema expects there",
          "[unit][contract_registry]") {
  const auto body = parse_json(R"({"board_id": "abc", "title": 42,
      "media_source": {"source_type": "image_url", "url": "https://e.com/a.jpg"}})");
  const auto violations = contracts().validate("components/pin_create.json", body);
  REQUIRE(violations.size() >= 2);
  for (const auto &v : violations) {
    INFO(v.pointer << ": " << v.message);
    if (v.pointer == "/title")
      CHECK(v.expected == "string or null, at most 100 characters");
    if (v.pointer == "/board_id")
      CHECK(v.expected == "string, matching ^\\d+$");
  }
}

// pins/create — POST /pins
#include "scoped_pin.hpp"
#include "support/conforms_to.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock::test;

TEST_CASE("pins/create: an image_url pin answers 201 with a Pin that echoes the request",
          "[contract][pins/create][writes]") {
  ScopedPin pin("pins.create.image_url");
  const ApiResult& r = pin.created();
  REQUIRE_THAT(r, HasStatus(201));
  REQUIRE_THAT(r, ConformsTo("pins/create"));
  CHECK(r.string_member("title") == pin.title());
  CHECK(r.string_member("board_id") == target().board_id());
  CHECK_FALSE(r.string_member("id").empty());
  CHECK(r.string_member("created_at").size() >= 19);
}

TEST_CASE("pins/create: every image media source answers 201 with image media",
          "[contract][pins/create][writes]") {
  const std::string sample_name = GENERATE(as<std::string>{}, "pins.create.image_url",
                                           "pins.create.image_base64",
                                           "pins.create.multiple_image_urls",
                                           "pins.create.multiple_image_base64");
  CAPTURE(sample_name);
  ScopedPin pin(sample_name);
  REQUIRE_THAT(pin.created(), HasStatus(201) && ConformsTo("pins/create"));
  REQUIRE_THAT(pin.created(), ConformsTo("pins/create"));
  const pinsmock::json::Value* media = pinsmock::json::find(pin.created().json, "media");
  REQUIRE(media);
  const std::string type(pinsmock::json::get_string(*media, "media_type").value_or(""));
  CHECK((type == "image" || type == "multiple_images"));
}

TEST_CASE("pins/create: a title over 100 characters answers 400",
          "[contract][pins/create][writes]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_create(
      create_body("pins.create.image_url", std::string(101, 't'), target().board_id()));
  if (r.status == 201 || r.status == 200)
    target().track(r.string_member("id"));
  REQUIRE_THAT(r, HasStatus(400));
  REQUIRE_THAT(r, ConformsTo("pins/create"));
}

TEST_CASE("pins/create: a body without media_source answers 400",
          "[contract][pins/create][writes]") {
  PinsClient client = target().client();
  const std::string body = "{\"board_id\": \"" + target().board_id() + "\", \"title\": \"" +
                           unique_title("no media") + "\"}";
  ApiResult r = client.pins_create(body);
  if (r.status == 201 || r.status == 200)
    target().track(r.string_member("id"));
  REQUIRE_THAT(r, HasStatus(400));
  REQUIRE_THAT(r, ConformsTo("pins/create"));
}

TEST_CASE("pins/create: malformed JSON answers 400 in the error shape",
          "[contract][pins/create][writes]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_create("{\"title\": ");
  REQUIRE_THAT(r, HasStatus(400));
  REQUIRE_THAT(r, ConformsTo("pins/create"));
}

TEST_CASE("pins/create: a board that does not exist answers 404",
          "[contract][pins/create][writes]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_create(
      create_body("pins.create.image_url", unique_title("no board"), "1"));
  if (r.status == 201 || r.status == 200)
    target().track(r.string_member("id"));
  REQUIRE_THAT(r, HasStatus(404));
  REQUIRE_THAT(r, ConformsTo("pins/create"));
}

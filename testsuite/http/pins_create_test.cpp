// pins/create — POST /pins: the complete Pin, media per source type, destinations.
#include "http/http_fixture.hpp"

#include <cstdlib>

using namespace pinsmock::test;
using pinsmock::MockServer;

namespace {

// True when `text` matches `shape`, where '9' stands for any digit and other characters for
// themselves ("9999-99-99T99:99:99" is the live created_at format).
bool has_shape(const std::string& text, const std::string& shape) {
  if (text.size() != shape.size())
    return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (shape[i] == '9' ? (text[i] < '0' || text[i] > '9') : text[i] != shape[i])
      return false;
  return true;
}

// One size of `images` in the live shape: fixed crops, then widths that keep the aspect ratio
// and never exceed the original.
void check_image_sizes(const pinsmock::json::Value& images) {
  REQUIRE(images.IsObject());
  CHECK(int_at(images, "150x150/width") == 150);
  CHECK(int_at(images, "150x150/height") == 150);
  CHECK(int_at(images, "400x300/width") == 400);
  CHECK(int_at(images, "400x300/height") == 300);
  const std::int64_t w600 = int_at(images, "600x/width");
  const std::int64_t h600 = int_at(images, "600x/height");
  const std::int64_t w1200 = int_at(images, "1200x/width");
  const std::int64_t h1200 = int_at(images, "1200x/height");
  CHECK(w600 > 0);
  CHECK(w600 <= 600);
  CHECK(w1200 >= w600);
  CHECK(w1200 <= 1200);
  CHECK(h600 > 0);
  // Same aspect ratio in both (integer rounding allowed).
  CHECK(std::llabs(h600 * w1200 - h1200 * w600) <= w1200 + w600);
  for (const char* size : {"150x150", "400x300", "600x", "1200x"})
    CHECK(str_at(images, std::string(size) + "/url").rfind("https://", 0) == 0);
}

} // namespace

TEST_CASE("pins/create: answers 201 with a complete Pin echoing every request field",
          "[http][pins/create]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string body = with_members(
      sample("pins.create.image_url"),
      {{"board_section_id", "\"" + kPastaSection + "\""},
       {"dominant_color", "\"#a1b2c3\""},
       {"parent_pin_id", "\"" + fixture_pin(1) + "\""},
       {"title", "\"Create echo title\""}});
  ApiResult created = client.pins_create(body);
  REQUIRE_THAT(created, HasStatus(201));
  REQUIRE_THAT(created, ConformsTo("pins/create"));
  const auto& pin = created.json;

  const std::string id = str_at(pin, "id");
  CHECK(has_shape(id, std::string(id.size(), '9')));
  CHECK_FALSE(id.empty());
  CHECK(has_shape(str_at(pin, "created_at"), "9999-99-99T99:99:99"));
  CHECK(str_at(pin, "board_owner/username") == "mock_creator");
  const pinsmock::json::Value* is_owner = json_at(pin, "is_owner");
  REQUIRE(is_owner);
  CHECK(is_owner->IsBool());
  CHECK(is_owner->IsTrue());
  CHECK(str_at(pin, "creative_type") == "REGULAR");
  CHECK(str_at(pin, "title") == "Create echo title");
  CHECK(str_at(pin, "description") == "Sweet roasted carrots blended with fresh ginger and coconut milk.");
  CHECK(str_at(pin, "link") == "https://www.example-kitchen.com/recipes/carrot-ginger-soup");
  CHECK(str_at(pin, "alt_text") == "Bowl of bright orange carrot soup with a drizzle of coconut cream");
  CHECK(str_at(pin, "dominant_color") == "#a1b2c3");
  CHECK(str_at(pin, "board_id") == kDinnersBoard);
  CHECK(str_at(pin, "board_section_id") == kPastaSection);
  CHECK(str_at(pin, "parent_pin_id") == fixture_pin(1));
  CHECK(str_at(pin, "media/media_type") == "image");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/create: a created pin reads back identically through pins/get",
          "[http][pins/create]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult created = client.pins_create(sample("pins.create.in_section"));
  REQUIRE_THAT(created, HasStatus(201));
  REQUIRE_THAT(created, ConformsTo("pins/create"));
  CHECK(str_at(created.json, "board_section_id") == kSoupsSection);
  ApiResult got = client.pins_get(created.string_member("id"));
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(got.body == created.body);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/create: every media source type yields media in the live shape",
          "[http][pins/create]") {
  struct Case {
    const char* sample;
    const char* media_type;
    const char* creative_type;
    int items; // carousel items, 0 for single media
  };
  const Case c = GENERATE(values<Case>({
      {"pins.create.image_url", "image", "REGULAR", 0},
      {"pins.create.image_base64", "image", "REGULAR", 0},
      {"pins.create.pin_url", "image", "REGULAR", 0},
      {"pins.create.video_id", "video", "VIDEO", 0},
      {"pins.create.multiple_image_urls", "multiple_images", "CAROUSEL", 3},
      {"pins.create.multiple_image_base64", "multiple_images", "CAROUSEL", 2},
  }));
  INFO("sample " << c.sample);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult created = client.pins_create(sample(c.sample));
  REQUIRE_THAT(created, HasStatus(201));
  REQUIRE_THAT(created, ConformsTo("pins/create"));
  const pinsmock::json::Value* media = json_at(created.json, "media");
  REQUIRE(media);
  CHECK(str_at(*media, "media_type") == c.media_type);
  CHECK(str_at(created.json, "creative_type") == c.creative_type);

  if (std::string(c.media_type) == "multiple_images") {
    const pinsmock::json::Value* items = json_at(*media, "items");
    REQUIRE(items);
    REQUIRE(items->IsArray());
    CHECK(items->Size() == static_cast<unsigned>(c.items));
    for (const auto& item : items->GetArray()) {
      CHECK(str_at(item, "item_type") == "image");
      REQUIRE(json_at(item, "images"));
      check_image_sizes(*json_at(item, "images"));
    }
  } else {
    REQUIRE(json_at(*media, "images"));
    check_image_sizes(*json_at(*media, "images"));
  }
  if (std::string(c.media_type) == "video") {
    CHECK(str_at(*media, "cover_image_url") ==
          "https://www.example-kitchen.com/images/carrot-ginger-soup-4.jpg");
    CHECK(str_at(*media, "video_url").rfind("https://", 0) == 0);
    const pinsmock::json::Value* duration = json_at(*media, "duration");
    REQUIRE(duration);
    CHECK(duration->IsNumber());
    CHECK(int_at(*media, "width") > 0);
    CHECK(int_at(*media, "height") > 0);
  }
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/create: carousel item links come from the media source items",
          "[http][pins/create]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult created = client.pins_create(sample("pins.create.multiple_image_urls"));
  REQUIRE_THAT(created, HasStatus(201));
  REQUIRE_THAT(created, ConformsTo("pins/create"));
  CHECK(str_at(created.json, "media/items/1/link") ==
        "https://www.example-kitchen.com/images/carrot-ginger-soup-2.jpg");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/create: unset optional fields come back as null and ids stay unique",
          "[http][pins/create]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string minimal =
      R"({"board_id": ")" + kWoodBoard +
      R"(", "media_source": {"source_type": "image_url", "url": "https://example.com/a.jpg"}})";
  ApiResult first = client.pins_create(minimal);
  REQUIRE_THAT(first, HasStatus(201));
  REQUIRE_THAT(first, ConformsTo("pins/create"));
  CHECK(null_at(first.json, "link"));
  CHECK(null_at(first.json, "alt_text"));
  CHECK(null_at(first.json, "board_section_id"));
  CHECK(null_at(first.json, "parent_pin_id"));
  CHECK(str_at(first.json, "board_id") == kWoodBoard);
  ApiResult second = client.pins_create(minimal);
  REQUIRE_THAT(second, HasStatus(201));
  CHECK_THAT(second, ConformsTo("pins/create"));
  CHECK(first.string_member("id") != second.string_member("id"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/create: a pin on a protected or secret own board is created",
          "[http][pins/create]") {
  const std::string board = GENERATE(kTravelBoard, kGiftsBoard);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult created =
      client.pins_create(with_members(sample("pins.create.image_url"), {{"board_id", "\"" + board + "\""}}));
  REQUIRE_THAT(created, HasStatus(201));
  CHECK_THAT(created, ConformsTo("pins/create"));
  CHECK(str_at(created.json, "board_id") == board);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/create: an unknown board answers 404 code 40", "[http][pins/create]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(
      with_members(sample("pins.create.image_url"), {{"board_id", "\"" + kUnknownBoard + "\""}}));
  CHECK_THAT(res, IsPinterestError(404, 40));
  CHECK_THAT(res, ConformsTo("pins/create"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/create: another user's secret board answers 404 code 40", "[http][pins/create]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(with_members(sample("pins.create.image_url"),
                                                  {{"board_id", "\"" + kPartnerSecretBoard + "\""}}));
  CHECK_THAT(res, IsPinterestError(404, 40));
  CHECK_THAT(res, ConformsTo("pins/create"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/create: another user's public board answers 403 code 29", "[http][pins/create]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(
      with_members(sample("pins.create.image_url"), {{"board_id", "\"" + kPartnerBoard + "\""}}));
  CHECK_THAT(res, IsPinterestError(403, 29));
  CHECK_THAT(res, ConformsTo("pins/create"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/create: an unknown section or one of another board answers 404 code 2031",
          "[http][pins/create]") {
  const std::string section = GENERATE(kUnknownSection, kJapanSection);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(with_members(sample("pins.create.image_url"),
                                                  {{"board_section_id", "\"" + section + "\""}}));
  CHECK_THAT(res, IsPinterestError(404, 2031));
  CHECK_THAT(res, ConformsTo("pins/create"));
  CHECK(server.internal_errors().empty());
}

#include "api/pin_json.hpp"

#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <string>

using pinsmock::MediaTemplate;
using pinsmock::PinRecord;
using pinsmock::Placement;
using pinsmock::test::contracts;
using pinsmock::test::default_fixtures;
using pinsmock::test::parse_json;

namespace json = pinsmock::json;

namespace {

const pinsmock::Board& board(std::string_view id) {
  const pinsmock::Board* found = default_fixtures().board(id);
  if (!found)
    throw std::invalid_argument("no fixture board " + std::string(id));
  return *found;
}

Placement placement(std::optional<std::string> section = std::nullopt) {
  return Placement{"900000000000000123", "2026-11-15T12:00:00",
                   &board(pinsmock::test::kWeeknightDinners), std::move(section)};
}

// A PinCreate body with this media_source.
json::Document create_body(std::string_view media_source) {
  return parse_json(R"({"board_id": "1100000000000000001", "title": "Soup", "description": "Hot",
      "link": "https://example.com/soup", "alt_text": "A bowl", "media_source": )" +
                    std::string(media_source) + "}");
}

json::Document create_with(std::string_view source_type, std::string_view media_source) {
  return pin_from_create(create_body(media_source), placement(),
                         default_fixtures().media.at(std::string(source_type)));
}

// "WxH" of media.images[size] (or of media.items[0].images[size] for carousels).
std::string size_of(const json::Value& images, const char* size) {
  const json::Value& details = images[size];
  return std::to_string(details["width"].GetInt()) + "x" +
         std::to_string(details["height"].GetInt());
}

} // namespace

TEST_CASE("PinJson: an image pin gets the live sizes, capped at the original", "[unit][pin_json]") {
  struct Case {
    std::string_view source_type, media_source, size600, size1200;
  };
  const Case c = GENERATE(values<Case>({
      // image_url template: 1000x1500 (2:3) -> 600x keeps the ratio, 1200x is capped at 1000.
      {"image_url", R"({"source_type": "image_url", "url": "https://example.com/a.jpg"})",
       "600x900", "1000x1500"},
      // image_base64 template: 800x800 -> 600x keeps the square, 1200x is capped at 800.
      {"image_base64",
       R"({"source_type": "image_base64", "content_type": "image/png", "data": "iVBORw0KGgo="})",
       "600x600", "800x800"},
      // pin_url template: 736x1104 (2:3).
      {"pin_url", R"({"source_type": "pin_url", "url": "https://example.com/pin"})", "600x900",
       "736x1104"},
  }));
  INFO(c.source_type);
  const auto pin = create_with(c.source_type, c.media_source);
  const json::Value& media = pin["media"];
  CHECK(json::get_string(media, "media_type") == std::optional<std::string_view>("image"));
  const json::Value& images = media["images"];
  CHECK(images.MemberCount() == 5); // the 4 sizes of the spec, plus live's "originals"
  CHECK(size_of(images, "150x150") == "150x150");
  CHECK(size_of(images, "400x300") == "400x300");
  CHECK(size_of(images, "600x") == c.size600);
  CHECK(size_of(images, "1200x") == c.size1200);
  CHECK(size_of(images, "originals") == c.size1200); // 1200x is capped at the original
  CHECK_THAT(std::string(images["600x"]["url"].GetString()),
             Catch::StartsWith("https://i.pinimg.com/600x/") && Catch::EndsWith(".jpg"));
  CHECK(json::get_string(pin, "creative_type") == std::optional<std::string_view>("REGULAR"));
  CHECK(contracts().validate("components/pin.json", pin).empty());
}

TEST_CASE("PinJson: an image smaller than 600 px keeps its size for 600x and 1200x",
          "[unit][pin_json]") {
  const MediaTemplate small{"image", 420, 730, 0};
  const auto pin = pin_from_create(
      create_body(R"({"source_type": "image_url", "url": "https://example.com/a.jpg"})"),
      placement(), small);
  CHECK(size_of(pin["media"]["images"], "600x") == "420x730");
  CHECK(size_of(pin["media"]["images"], "1200x") == "420x730");
  const MediaTemplate wide{"image", 3000, 1000, 0};
  const auto wide_pin = pin_from_create(
      create_body(R"({"source_type": "image_url", "url": "https://example.com/a.jpg"})"),
      placement(), wide);
  CHECK(size_of(wide_pin["media"]["images"], "600x") == "600x200");
  CHECK(size_of(wide_pin["media"]["images"], "1200x") == "1200x400");
}

TEST_CASE("PinJson: a video pin gets the video media shape and creative_type VIDEO",
          "[unit][pin_json]") {
  const auto pin =
      create_with("video_id", R"({"source_type": "video_id", "media_id": "1400000000000000001",
                      "cover_image_url": "https://example.com/cover.jpg"})");
  const json::Value& media = pin["media"];
  CHECK(json::get_string(media, "media_type") == std::optional<std::string_view>("video"));
  CHECK(json::get_string(media, "cover_image_url") ==
        std::optional<std::string_view>("https://example.com/cover.jpg"));
  CHECK_THAT(std::string(media["video_url"].GetString()),
             Catch::StartsWith("https://v1.pinimg.com/videos/mc/720p/") && Catch::EndsWith(".mp4"));
  CHECK(media["duration"].GetDouble() == Approx(12500.0));
  CHECK(media["width"].GetInt() == 1080);
  CHECK(media["height"].GetInt() == 1920);
  CHECK(size_of(media["images"], "600x") == "600x1066");
  CHECK(size_of(media["images"], "1200x") == "1080x1920");
  CHECK(json::get_string(pin, "creative_type") == std::optional<std::string_view>("VIDEO"));
  CHECK(contracts().validate("components/pin.json", pin).empty());
}

TEST_CASE("PinJson: a carousel pin has one item per source image and creative_type CAROUSEL",
          "[unit][pin_json]") {
  const std::string source_type =
      GENERATE(as<std::string>{}, "multiple_image_urls", "multiple_image_base64");
  const std::string items =
      source_type == "multiple_image_urls"
          ? R"([{"url": "https://example.com/1.jpg", "link": "https://example.com/one"},
               {"url": "https://example.com/2.jpg"}, {"url": "https://example.com/3.jpg"}])"
          : R"([{"content_type": "image/png", "data": "iVBORw0KGgo=",
                 "link": "https://example.com/one"},
               {"content_type": "image/png", "data": "iVBORw0KGgo="},
               {"content_type": "image/png", "data": "iVBORw0KGgo="}])";
  INFO(source_type);
  const auto pin = create_with(source_type, R"({"source_type": ")" + source_type +
                                                R"(", "items": )" + items + "}");
  const json::Value& media = pin["media"];
  CHECK(json::get_string(media, "media_type") ==
        std::optional<std::string_view>("multiple_images"));
  REQUIRE(media["items"].Size() == 3);
  CHECK(json::get_string(media["items"][0], "link") ==
        std::optional<std::string_view>("https://example.com/one"));
  CHECK(media["items"][1]["link"].IsNull());
  const std::string template_size = source_type == "multiple_image_urls" ? "1000x1000" : "800x800";
  CHECK(size_of(media["items"][0]["images"], "1200x") == template_size);
  CHECK(std::string(media["items"][0]["images"]["600x"]["url"].GetString()) !=
        media["items"][1]["images"]["600x"]["url"].GetString());
  CHECK(json::get_string(pin, "creative_type") == std::optional<std::string_view>("CAROUSEL"));
  CHECK(contracts().validate("components/pin.json", pin).empty());
}

TEST_CASE("PinJson: a created pin echoes the request and the placement in README key order",
          "[unit][pin_json]") {
  const auto pin = pin_from_create(
      create_body(R"({"source_type": "image_url", "url": "https://example.com/a.jpg"})"),
      placement(std::string(pinsmock::test::kSoups)), default_fixtures().media.at("image_url"));
  std::vector<std::string> keys;
  for (const auto& member : pin.GetObject())
    keys.emplace_back(member.name.GetString());
  CHECK(keys == std::vector<std::string>{"id", "created_at", "link", "title", "description",
                                         "dominant_color", "alt_text", "creative_type", "board_id",
                                         "board_section_id", "is_owner", "board_owner",
                                         "is_standard", "has_been_promoted", "parent_pin_id",
                                         "media", "pin_metrics"});
  CHECK(json::get_string(pin, "id") == std::optional<std::string_view>("900000000000000123"));
  CHECK(json::get_string(pin, "created_at") ==
        std::optional<std::string_view>("2026-11-15T12:00:00"));
  CHECK(json::get_string(pin, "title") == std::optional<std::string_view>("Soup"));
  CHECK(json::get_string(pin, "description") == std::optional<std::string_view>("Hot"));
  CHECK(json::get_string(pin, "link") ==
        std::optional<std::string_view>("https://example.com/soup"));
  CHECK(json::get_string(pin, "alt_text") == std::optional<std::string_view>("A bowl"));
  CHECK(json::get_string(pin, "board_id") ==
        std::optional<std::string_view>("1100000000000000001"));
  CHECK(json::get_string(pin, "board_section_id") ==
        std::optional<std::string_view>("1200000000000000001"));
  CHECK(json::get_string(pin["board_owner"], "username") ==
        std::optional<std::string_view>("mock_creator"));
  CHECK(json::get_bool(pin, "is_owner") == std::optional<bool>(true));
  CHECK(json::get_bool(pin, "has_been_promoted") == std::optional<bool>(false));
  CHECK(pin["parent_pin_id"].IsNull());
  CHECK(pin["pin_metrics"].IsNull());
  CHECK_THAT(std::string(pin["dominant_color"].GetString()), Catch::Matches("#[0-9a-f]{6}"));
}

TEST_CASE("PinJson: absent optional fields become null, and a given colour is kept",
          "[unit][pin_json]") {
  const auto body = parse_json(R"({"board_id": "1100000000000000001", "dominant_color": "#123456",
      "media_source": {"source_type": "image_url", "url": "https://example.com/a.jpg"}})");
  const auto pin = pin_from_create(body, placement(), default_fixtures().media.at("image_url"));
  CHECK(pin["link"].IsNull());
  CHECK(pin["alt_text"].IsNull());
  CHECK(pin["board_section_id"].IsNull());
  CHECK(json::get_string(pin, "dominant_color") == std::optional<std::string_view>("#123456"));
  CHECK(contracts().validate("components/pin.json", pin).empty());
}

TEST_CASE("PinJson: apply_update changes text fields and moves board and section",
          "[unit][pin_json]") {
  auto pin = pin_from_create(
      create_body(R"({"source_type": "image_url", "url": "https://example.com/a.jpg"})"),
      placement(std::string(pinsmock::test::kSoups)), default_fixtures().media.at("image_url"));
  const auto update = parse_json(R"({"title": "Stew", "link": null})");
  pinsmock::apply_update(pin, update, board(pinsmock::test::kWoodworking), std::nullopt);
  CHECK(json::get_string(pin, "title") == std::optional<std::string_view>("Stew"));
  CHECK(pin["link"].IsNull());
  CHECK(json::get_string(pin, "description") == std::optional<std::string_view>("Hot")); // kept
  CHECK(json::get_string(pin, "board_id") ==
        std::optional<std::string_view>("1100000000000000004"));
  CHECK(pin["board_section_id"].IsNull());
  CHECK(json::get_string(pin["board_owner"], "username") ==
        std::optional<std::string_view>("mock_creator"));

  pinsmock::apply_update(pin, parse_json("{}"), board(pinsmock::test::kPartnerMoodboard),
                         std::string(pinsmock::test::kColour));
  CHECK(json::get_string(pin, "board_id") ==
        std::optional<std::string_view>("1100000000000000011"));
  CHECK(json::get_string(pin, "board_section_id") ==
        std::optional<std::string_view>("1200000000000000011"));
  CHECK(json::get_string(pin["board_owner"], "username") ==
        std::optional<std::string_view>("mock_partner"));
  CHECK(contracts().validate("components/pin.json", pin).empty());
}

TEST_CASE("PinJson: apply_update sets carousel links slot by slot", "[unit][pin_json]") {
  auto pin = create_with("multiple_image_urls",
                         R"({"source_type": "multiple_image_urls", "items": [
                             {"url": "https://example.com/1.jpg"},
                             {"url": "https://example.com/2.jpg"}]})");
  const auto update = parse_json(R"({"carousel_slots": [{"title": "no link"},
                                     {"link": "https://example.com/two"}, {"link": "extra"}]})");
  pinsmock::apply_update(pin, update, board(pinsmock::test::kWeeknightDinners), std::nullopt);
  CHECK(pin["media"]["items"][0]["link"].IsNull());
  CHECK(json::get_string(pin["media"]["items"][1], "link") ==
        std::optional<std::string_view>("https://example.com/two"));
  CHECK(pin["media"]["items"].Size() == 2);
}

TEST_CASE("PinJson: render_pin sets is_owner per viewer and fills pin_metrics",
          "[unit][pin_json]") {
  const PinRecord& record = *default_fixtures().pins.front();
  REQUIRE(record.owner == "mock_creator");
  const auto as_owner = parse_json(pinsmock::render_pin(record, "mock_creator").bytes);
  const auto as_other = parse_json(pinsmock::render_pin(record, "mock_partner").bytes);
  CHECK(json::get_bool(as_owner, "is_owner") == std::optional<bool>(true));
  CHECK(json::get_bool(as_other, "is_owner") == std::optional<bool>(false));
  CHECK(as_other["pin_metrics"].IsNull());
  const std::string metrics = R"({"90d":{"impression":3}})";
  const auto rendered = pinsmock::render_pin(record, "mock_creator", &metrics);
  CHECK(rendered.spliced_metrics);
  const auto with_metrics = parse_json(rendered.bytes);
  CHECK(json::dump(with_metrics["pin_metrics"]) == metrics);
  // Rendering never changes the record: the stored bytes are the owner's view.
  CHECK(pinsmock::render_pin(record, "mock_creator").bytes == record.json);
  const auto stored = pinsmock::pin_document(record);
  CHECK(json::get_bool(stored, "is_owner") == std::optional<bool>(true));
  CHECK(stored["pin_metrics"].IsNull());
  CHECK(json::get_string(as_other, "id") == std::optional<std::string_view>(record.id));
  // Apart from the spliced parts, every view is the same bytes.
  json::Document other_as_owner;
  other_as_owner.CopyFrom(as_other, other_as_owner.GetAllocator());
  other_as_owner["is_owner"].SetBool(true);
  CHECK(json::dump(other_as_owner) == record.json);
}

TEST_CASE("PinJson: a record keeps the Pin's facts and the viewer slots of a Pin without them",
          "[unit][pin_json]") {
  const auto pin = parse_json(R"({"id": "1", "created_at": "2026-03-04T05:06:07",
      "parent_pin_id": "2", "creative_type": "VIDEO", "has_been_promoted": true,
      "pin_metrics": {"90d": {"save": 1}}, "media": {"media_type": "video"}})");
  PinRecord record;
  pinsmock::record_pin(record, pin, {});
  CHECK(record.json == R"({"id":"1","created_at":"2026-03-04T05:06:07","parent_pin_id":"2",)"
                       R"("creative_type":"VIDEO","has_been_promoted":true,"pin_metrics":null,)"
                       R"("media":{"media_type":"video"},"is_owner":true})");
  CHECK(record.is_repin);
  CHECK(record.has_been_promoted);
  CHECK(record.video);
  CHECK(record.creative_type == "VIDEO");
  CHECK(record.created.to_string() == "2026-03-04");
  CHECK(record.violation.empty());
  const std::string metrics = R"({"a":1})";
  CHECK(pinsmock::render_pin(record, "someone else", &metrics).bytes ==
        R"({"id":"1","created_at":"2026-03-04T05:06:07","parent_pin_id":"2",)"
        R"("creative_type":"VIDEO","has_been_promoted":true,"pin_metrics":{"a":1},)"
        R"("media":{"media_type":"video"},"is_owner":false})");
}

TEST_CASE("PinJson: a Pin that breaks its contract when written keeps the violation",
          "[unit][pin_json]") {
  const auto pin = parse_json(R"({"id": "not digits"})");
  PinRecord record;
  pinsmock::record_pin(record, pin, [](const json::Value& p) {
    const auto violations = contracts().validate("components/pin.json", p);
    return violations.empty() ? std::string() : violations.front().pointer;
  });
  CHECK(record.violation == "/id");
  CHECK(pinsmock::render_pin(record, "anyone").violations ==
        std::vector<std::string>{"/id"});
}

TEST_CASE("PinJson: a save copies the content onto the new board with parent_pin_id",
          "[unit][pin_json]") {
  const PinRecord& original = *default_fixtures().pins[30]; // …31, mock_partner, section Colour
  const auto original_pin = pinsmock::pin_document(original);
  const auto saved =
      pinsmock::pin_from_save(original_pin, original.id,
                              Placement{"900000000000000999", "2026-11-15T12:00:05",
                                        &board(pinsmock::test::kWoodworking), std::nullopt});
  CHECK(json::get_string(saved, "id") == std::optional<std::string_view>("900000000000000999"));
  CHECK(json::get_string(saved, "parent_pin_id") == std::optional<std::string_view>(original.id));
  CHECK(json::get_string(saved, "board_id") ==
        std::optional<std::string_view>("1100000000000000004"));
  CHECK(saved["board_section_id"].IsNull());
  CHECK(json::get_string(saved["board_owner"], "username") ==
        std::optional<std::string_view>("mock_creator"));
  CHECK(json::get_string(saved, "title") == json::get_string(original_pin, "title"));
  CHECK(json::dump(saved["media"]) == json::dump(original_pin["media"]));
  CHECK(contracts().validate("components/pin.json", saved).empty());
}

TEST_CASE("PinJson: a Pin derived from a conforming one is checked where it differs",
          "[unit][pin_json]") {
  const auto before = parse_json(R"({"id": "1", "title": "a", "board_id": "2",
      "media": {"media_type": "image"}})");
  std::vector<std::string> seen; // what the check was given, as JSON
  const pinsmock::PinCheck recording(
      [&](const json::Value& p) {
        seen.push_back(json::dump(p));
        const auto violations = contracts().validate("components/pin.json", p);
        return violations.empty() ? std::string() : violations.front().pointer;
      },
      true);
  PinRecord record;

  auto changed = parse_json(R"({"id": "1", "title": "b", "board_id": "2",
      "media": {"media_type": "image"}})");
  pinsmock::record_pin(record, changed, recording, &before);
  CHECK(record.violation.empty());
  CHECK(seen.back() == R"({"id":"1","title":"b"})");

  // A member the update broke is still caught, against the Pin contract itself.
  auto broken = parse_json(R"({"id": "1", "title": "a", "board_id": "not digits",
      "media": {"media_type": "image"}})");
  pinsmock::record_pin(record, broken, recording, &before);
  CHECK(record.violation == "/board_id");
  CHECK(seen.back() == R"({"id":"1","board_id":"not digits"})");

  // A member gone, or a contract that is not checked member by member: the whole Pin.
  auto fewer = parse_json(R"({"id": "1", "title": "a", "board_id": "2"})");
  pinsmock::record_pin(record, fewer, recording, &before);
  CHECK(seen.back() == json::dump(fewer));
  const pinsmock::PinCheck whole(recording.check, false);
  pinsmock::record_pin(record, changed, whole, &before);
  CHECK(seen.back() == json::dump(changed));
}

#include "api/handlers.hpp"
#include "api/pin_json.hpp"

#include "core/error_catalog.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using pinsmock::ApiResponse;
using pinsmock::test::api_request;
using pinsmock::test::contracts;
using pinsmock::test::fixture_pin;
using pinsmock::test::World;

namespace json = pinsmock::json;

// The handlers answer stored pins as bytes: these tests read them back as documents.
namespace call {
ApiResponse parsed(ApiResponse response) {
  if (response.rendered)
    response.body = pinsmock::test::parse_json(response.rendered->bytes);
  return response;
}
#define PINSMOCK_TEST_HANDLER(name)                                                                \
  ApiResponse name(const pinsmock::ApiRequest& request, pinsmock::Services& services) {           \
    return parsed(pinsmock::name(request, services));                                              \
  }
PINSMOCK_TEST_HANDLER(pins_get)
PINSMOCK_TEST_HANDLER(pins_list)
PINSMOCK_TEST_HANDLER(pins_create)
PINSMOCK_TEST_HANDLER(pins_update)
PINSMOCK_TEST_HANDLER(pins_save)
PINSMOCK_TEST_HANDLER(pins_delete)
PINSMOCK_TEST_HANDLER(pins_analytics)
PINSMOCK_TEST_HANDLER(multi_pins_analytics)
#undef PINSMOCK_TEST_HANDLER
} // namespace call

namespace {

constexpr std::string_view kCreator = pinsmock::test::kCreator;
constexpr std::string_view kPartner = pinsmock::test::kPartner;

std::string pin_params(const std::string& pin_id) { return R"({"pin_id": ")" + pin_id + R"("})"; }

std::string body_text(const ApiResponse& response) {
  return response.body.IsNull() ? "(no body)" : json::dump(response.body);
}

int code_of(const ApiResponse& response) {
  return static_cast<int>(json::get_int(response.body, "code").value_or(-1));
}

// Ids of a pins/list call with these params, walking every page (page_size 250 unless given).
std::vector<std::string> list_ids(World& world, std::string_view user, const std::string& params) {
  std::vector<std::string> ids;
  std::string bookmark;
  do {
    auto request = api_request("pins/list", user, params);
    if (!bookmark.empty())
      json::set(request.params, "bookmark", json::string(bookmark, request.params.GetAllocator()),
                request.params.GetAllocator());
    const ApiResponse response = call::pins_list(request, world.services);
    if (response.status != 200)
      throw std::runtime_error("pins/list answered " + body_text(response));
    for (const auto& item : response.body["items"].GetArray())
      ids.emplace_back(item["id"].GetString());
    bookmark = std::string(json::get_string(response.body, "bookmark").value_or(""));
  } while (!bookmark.empty());
  return ids;
}

std::set<std::string> pins(std::initializer_list<int> numbers) {
  std::set<std::string> out;
  for (int nn : numbers)
    out.insert(fixture_pin(nn));
  return out;
}

std::set<std::string> as_set(const std::vector<std::string>& ids) {
  return std::set<std::string>(ids.begin(), ids.end());
}

constexpr std::string_view kCreate = R"({"board_id": "1100000000000000001", "title": "Soup",
    "media_source": {"source_type": "image_url", "url": "https://example.com/soup.jpg"}})";

} // namespace

TEST_CASE("Handlers: pins/create answers 201 with a conforming pin it stored",
          "[unit][handlers][pins/create]") {
  World world;
  const ApiResponse response =
      call::pins_create(api_request("pins/create", kCreator, "{}", kCreate), world.services);
  INFO(body_text(response));
  REQUIRE(response.status == 201);
  CHECK(contracts().validate("components/pin.json", response.body).empty());
  const std::string id = response.body["id"].GetString();
  CHECK(id.rfind('9', 0) == 0);
  const auto stored = world.store.find(id);
  REQUIRE(stored);
  CHECK(stored->owner == kCreator);
  CHECK(json::get_string(response.body, "title") == std::optional<std::string_view>("Soup"));
  CHECK(json::get_string(response.body, "created_at") ==
        std::optional<std::string_view>("2026-11-15T12:00:00"));
  CHECK(world.store.size() == 37);
}

TEST_CASE("Handlers: pins/create refuses other users' and unknown boards and sections",
          "[unit][handlers][pins/create]") {
  World world;
  const auto create_on = [&](std::string_view board, std::string_view section) {
    auto body = pinsmock::test::parse_json(kCreate);
    json::set(body, "board_id", json::string(board, body.GetAllocator()), body.GetAllocator());
    if (!section.empty())
      json::set(body, "board_section_id", json::string(section, body.GetAllocator()),
                body.GetAllocator());
    return call::pins_create(api_request("pins/create", kCreator, "{}", json::dump(body)),
                                 world.services);
  };
  const ApiResponse partner_public = create_on(pinsmock::test::kPartnerMoodboard, "");
  CHECK(partner_public.status == 403);
  CHECK(code_of(partner_public) == 29);
  const ApiResponse partner_secret = create_on(pinsmock::test::kPartnerDrafts, "");
  CHECK(partner_secret.status == 404);
  CHECK(code_of(partner_secret) == 40);
  const ApiResponse unknown = create_on("1199999999999999999", "");
  CHECK(code_of(unknown) == 40);
  const ApiResponse wrong_section = create_on(pinsmock::test::kWoodworking, pinsmock::test::kSoups);
  CHECK(wrong_section.status == 404);
  CHECK(code_of(wrong_section) == 2031);
  CHECK(world.store.size() == 36);
}

TEST_CASE("Handlers: pins/get of an unknown pin answers 404 code 50",
          "[unit][handlers][pins/get]") {
  World world;
  const ApiResponse response = call::pins_get(
      api_request("pins/get", kCreator, pin_params("1399999999999999999")), world.services);
  CHECK(response.status == 404);
  CHECK(code_of(response) == 50);
  CHECK(contracts().validate("components/error.json", response.body).empty());
}

TEST_CASE("Handlers: pins/get shows others' public pins only, with is_owner false",
          "[unit][handlers][pins/get]") {
  World world;
  const ApiResponse public_pin = call::pins_get(
      api_request("pins/get", kCreator, pin_params(fixture_pin(31))), world.services);
  REQUIRE(public_pin.status == 200);
  CHECK(json::get_bool(public_pin.body, "is_owner") == std::optional<bool>(false));
  const ApiResponse protected_pin = call::pins_get(
      api_request("pins/get", kPartner, pin_params(fixture_pin(9))), world.services);
  CHECK(protected_pin.status == 404);
  CHECK(code_of(protected_pin) == 50);
  const ApiResponse secret_pin = call::pins_get(
      api_request("pins/get", kCreator, pin_params(fixture_pin(35))), world.services);
  CHECK(secret_pin.status == 404);
  CHECK(code_of(secret_pin) == 50);
  const ApiResponse own_secret = call::pins_get(
      api_request("pins/get", kCreator, pin_params(fixture_pin(15))), world.services);
  CHECK(own_secret.status == 200);
  CHECK(json::get_bool(own_secret.body, "is_owner") == std::optional<bool>(true));
}

TEST_CASE("Handlers: pins/update of another user's public pin answers 403 code 29",
          "[unit][handlers][pins/update]") {
  World world;
  const ApiResponse response = call::pins_update(
      api_request("pins/update", kCreator, pin_params(fixture_pin(31)), R"({"title": "mine"})"),
      world.services);
  CHECK(response.status == 403);
  CHECK(code_of(response) == 29);
  CHECK(json::get_string(pinsmock::pin_document(*world.store.find(fixture_pin(31))), "title") != "mine");
}

TEST_CASE("Handlers: pins/update moves a pin and keeps or drops its section",
          "[unit][handlers][pins/update]") {
  World world;
  const std::string id = fixture_pin(1); // Weeknight Dinners, section Soups
  SECTION("another board drops the section") {
    const ApiResponse response =
        call::pins_update(api_request("pins/update", kCreator, pin_params(id),
                                          R"({"board_id": "1100000000000000004"})"),
                              world.services);
    REQUIRE(response.status == 200);
    CHECK(json::get_string(response.body, "board_id") ==
          std::optional<std::string_view>("1100000000000000004"));
    CHECK(response.body["board_section_id"].IsNull());
    CHECK(world.store.find(id)->board_id == "1100000000000000004");
    CHECK_FALSE(world.store.find(id)->board_section_id);
  }
  SECTION("a text-only update keeps board and section") {
    const ApiResponse response = call::pins_update(
        api_request("pins/update", kCreator, pin_params(id), R"({"title": "Renamed"})"),
        world.services);
    REQUIRE(response.status == 200);
    CHECK(json::get_string(response.body, "board_section_id") ==
          std::optional<std::string_view>(pinsmock::test::kSoups));
    CHECK(json::get_string(pinsmock::pin_document(*world.store.find(id)), "title") ==
          std::optional<std::string_view>("Renamed"));
  }
  SECTION("an explicit null section moves it to the board itself") {
    const ApiResponse response = call::pins_update(
        api_request("pins/update", kCreator, pin_params(id), R"({"board_section_id": null})"),
        world.services);
    REQUIRE(response.status == 200);
    CHECK(response.body["board_section_id"].IsNull());
  }
}

TEST_CASE("Handlers: pins/delete answers 204, then the pin is gone",
          "[unit][handlers][pins/delete]") {
  World world;
  const std::string id = fixture_pin(7);
  const ApiResponse deleted =
      call::pins_delete(api_request("pins/delete", kCreator, pin_params(id)), world.services);
  CHECK(deleted.status == 204);
  CHECK(deleted.body.IsNull());
  const ApiResponse get =
      call::pins_get(api_request("pins/get", kCreator, pin_params(id)), world.services);
  CHECK(get.status == 404);
  CHECK(code_of(get) == 50);
  const ApiResponse again =
      call::pins_delete(api_request("pins/delete", kCreator, pin_params(id)), world.services);
  CHECK(again.status == 404);
  const ApiResponse others = call::pins_delete(
      api_request("pins/delete", kPartner, pin_params(fixture_pin(1))), world.services);
  CHECK(others.status == 403);
  CHECK(world.store.find(fixture_pin(1)));
}

TEST_CASE("Handlers: pins/save to another user's board answers 403",
          "[unit][handlers][pins/save]") {
  World world;
  const ApiResponse response =
      call::pins_save(api_request("pins/save", kCreator, pin_params(fixture_pin(1)),
                                      R"({"board_id": "1100000000000000011"})"),
                          world.services);
  CHECK(response.status == 403);
  CHECK(code_of(response) == 29);
  const ApiResponse secret =
      call::pins_save(api_request("pins/save", kCreator, pin_params(fixture_pin(1)),
                                      R"({"board_id": "1100000000000000012"})"),
                          world.services);
  CHECK(secret.status == 404);
  CHECK(code_of(secret) == 40);
  const ApiResponse no_board = call::pins_save(
      api_request("pins/save", kCreator, pin_params(fixture_pin(1)), "{}"), world.services);
  CHECK(no_board.status == 400);
  CHECK(world.store.size() == 36);
}

TEST_CASE("Handlers: pins/save copies a visible pin with parent_pin_id",
          "[unit][handlers][pins/save]") {
  World world;
  const ApiResponse response = call::pins_save(
      api_request(
          "pins/save", kCreator, pin_params(fixture_pin(31)),
          R"({"board_id": "1100000000000000001", "board_section_id": "1200000000000000002"})"),
      world.services);
  INFO(body_text(response));
  REQUIRE(response.status == 201);
  CHECK(contracts().validate("components/pin.json", response.body).empty());
  CHECK(json::get_string(response.body, "parent_pin_id") ==
        std::optional<std::string_view>(fixture_pin(31)));
  CHECK(json::get_string(response.body, "board_section_id") ==
        std::optional<std::string_view>("1200000000000000002"));
  CHECK(json::get_bool(response.body, "is_owner") == std::optional<bool>(true));
  CHECK(world.store.find(response.body["id"].GetString())->owner == kCreator);
  CHECK(world.store.find(fixture_pin(31))->owner == kPartner); // original untouched
}

TEST_CASE("Handlers: pins/list filters by board privacy", "[unit][handlers][pins/list]") {
  World world;
  const std::set<std::string> public_pins =
      pins({1, 2, 3, 4, 5, 6, 7, 8, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30});
  CHECK(as_set(list_ids(world, kCreator, R"({"page_size": 250})")) == public_pins);
  std::set<std::string> with_protected = public_pins;
  for (int nn = 9; nn <= 14; ++nn)
    with_protected.insert(fixture_pin(nn));
  CHECK(
      as_set(list_ids(world, kCreator, R"({"page_size": 250, "include_protected_pins": true})")) ==
      with_protected);
  CHECK(as_set(list_ids(world, kCreator, R"({"page_size": 250, "pin_type": "PRIVATE"})")) ==
        pins({15, 16, 17, 18, 19}));
  CHECK(as_set(list_ids(world, kPartner, "{}")) == pins({31, 32, 33, 34}));
  CHECK(as_set(list_ids(world, kPartner, R"({"pin_type": "PRIVATE"})")) == pins({35, 36}));
  CHECK(list_ids(world, "mock_admin", "{}").empty());
}

TEST_CASE("Handlers: pins/list applies pin_filter and creative_types",
          "[unit][handlers][pins/list]") {
  World world;
  CHECK(as_set(list_ids(world, kCreator, R"({"pin_filter": "exclude_native"})")) == pins({8, 24}));
  CHECK(list_ids(world, kCreator, R"({"pin_filter": "exclude_repins"})").size() == 17);
  CHECK(as_set(list_ids(world, kCreator, R"({"pin_filter": "has_been_promoted"})")) ==
        pins({2, 20}));
  CHECK(
      as_set(list_ids(world, kCreator,
                      R"({"pin_filter": "has_been_promoted", "include_protected_pins": true})")) ==
      pins({2, 13, 20}));
  CHECK(as_set(list_ids(world, kCreator, R"({"creative_types": ["VIDEO"]})")) == pins({3, 21, 27}));
  CHECK(as_set(list_ids(world, kCreator, R"({"creative_types": ["CAROUSEL", "IDEA"]})")) ==
        pins({5, 6, 23, 25}));
  CHECK(as_set(list_ids(world, kCreator,
                        R"({"pin_type": "PRIVATE", "creative_types": ["CAROUSEL"]})")) ==
        pins({16, 17}));
}

TEST_CASE("Handlers: pins/list pages newest first and ends with a null bookmark",
          "[unit][handlers][pins/list]") {
  World world;
  const auto ids = list_ids(world, kCreator, R"({"page_size": 4})");
  REQUIRE(ids.size() == 19);
  CHECK(ids.front() == fixture_pin(30));
  CHECK(ids.back() == fixture_pin(1));
  CHECK(as_set(ids).size() == ids.size());
  const ApiResponse first = call::pins_list(
      api_request("pins/list", kCreator, R"({"page_size": 4})"), world.services);
  CHECK(first.body["items"].Size() == 4);
  CHECK(first.body["bookmark"].IsString());
  CHECK(contracts().validate("operations/pins.list.200.json", first.body).empty());
  const ApiResponse bad = call::pins_list(
      api_request("pins/list", kCreator, R"({"bookmark": "not-a-bookmark"})"), world.services);
  CHECK(bad.status == 400);
  CHECK_THAT(body_text(bad), Catch::Contains("bookmark"));
}

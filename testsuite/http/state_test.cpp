// State export and import (issue 12 §2): GET/PUT /__admin/state, an export as a --fixtures
// directory, and a round trip that answers byte for byte the same.
#include "http/http_fixture.hpp"
#include "http/world_support.hpp"

using namespace pinsmock::test;
namespace json = pinsmock::json;
using pinsmock::MockServer;

namespace {

// Changes of every kind: created, updated, deleted and seeded pins; added account and board.
void shape_world(MockServer& server) {
  PinsClient client(server.base_url(), kCreatorToken);
  for (int i = 0; i < 3; ++i)
    create_pin(client);
  REQUIRE_THAT(client.pins_update(fixture_pin(2), R"({"title": "renamed"})"), HasStatus(200));
  REQUIRE_THAT(client.pins_delete(fixture_pin(1)), HasStatus(204)); // has analytics and a repin
  server.add_account(kExtraAccount);
  server.add_board(kExtraBoard);
  server.add_section(kExtraBoardId, R"({"id": "1200000000000000901", "name": "Later"})");
  server.seed_pin(R"({"pin": {"board_id": "1100000000000000901",
                      "created_at": "2024-02-03T04:05:06", "title": "old"}})");
}

// The answers a client sees, in one string: every list page of two tokens, each pin, analytics,
// the admin accounts, then a new pin (its id and created_at continue where the state was).
std::string answers(MockServer& server) {
  PinsClient creator(server.base_url(), kCreatorToken);
  PinsClient extra(server.base_url(), kExtraToken);
  PinsClient admin(server.root_url(), "");
  std::string out;
  for (PinsClient* client : {&creator, &extra}) {
    std::string bookmark;
    do {
      Query query{{"page_size", "7"}};
      if (!bookmark.empty())
        query.emplace_back("bookmark", bookmark);
      ApiResult page = client->pins_list(query);
      out += std::to_string(page.status) + page.body + "\n";
      const json::Value* next = json_at(page.json, "bookmark");
      bookmark = next && next->IsString() ? next->GetString() : "";
    } while (!bookmark.empty());
  }
  for (int n : {1, 2, 3, 8})
    out += creator.pins_get(fixture_pin(n)).body + "\n";
  out += creator
             .pins_analytics(fixture_pin(2), {{"start_date", "2026-11-10"},
                                              {"end_date", "2026-11-14"},
                                              {"metric_types", "IMPRESSION,SAVE"}})
             .body +
         "\n";
  out += admin.raw("GET", "/__admin/accounts").body + "\n";
  out += creator.pins_create(sample("pins.create.image_url")).body + "\n";
  return out;
}

} // namespace

TEST_CASE("State: an export written out as files is a --fixtures set that answers the same",
          "[http][state]") {
  TempFiles dir;
  std::string expected;
  {
    MockServer before(test_options());
    before.start();
    shape_world(before);
    write_state_files(before.export_state(), dir.str());
    expected = answers(before);
    CHECK(before.internal_errors().empty());
  }
  pinsmock::ServerOptions options = test_options(7); // the saved ids win over another seed
  options.fixtures_dir = dir.str();
  MockServer after(options);
  after.start();
  const std::string got = answers(after);
  CHECK(got == expected);
  CHECK(after.internal_errors().empty());
  // And a reset goes back to the same saved state, not to the built-in fixtures.
  after.reset();
  CHECK(answers(after) == expected);
}

TEST_CASE("State: PUT /__admin/state imports an export and answers the same", "[http][state]") {
  MockServer before(test_options());
  before.start();
  shape_world(before);
  PinsClient admin_before(before.root_url(), "");
  ApiResult exported = admin_before.raw("GET", "/__admin/state");
  REQUIRE_THAT(exported, HasStatus(200));
  CHECK(str_at(exported.json, "format") == "pinsmock-state/1");
  const std::string expected = answers(before);

  MockServer after(test_options(3));
  after.start();
  PinsClient admin(after.root_url(), "");
  ApiResult imported = admin.raw("PUT", "/__admin/state", exported.body);
  REQUIRE_THAT(imported, HasStatus(200));
  CHECK(int_at(imported.json, "pins") == kFixturePinCount - 1 + 3 + 1);
  CHECK(answers(after) == expected);
  CHECK(after.internal_errors().empty());
}

TEST_CASE("State: a bad import answers 400 naming file and pointer, and changes nothing",
          "[http][state]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  PinsClient admin(server.root_url(), "");
  create_pin(client);
  const std::string state = server.export_state();

  json::Document broken = parse_or_throw(state);
  json::Value& title = *const_cast<json::Value*>(
      json_at(broken, "files/pins.json/pins/3/pin/title"));
  title.SetInt(5);
  ApiResult refused = admin.raw("PUT", "/__admin/state", json::dump(broken));
  CHECK_THAT(refused, IsPinterestError(400, 1));
  const std::string message = str_at(refused.json, "message");
  CHECK(message.find("state/pins.json") != std::string::npos);
  CHECK(message.find("/pins/3/pin/title") != std::string::npos);

  json::Document dangling = parse_or_throw(state);
  json::Value& board = *const_cast<json::Value*>(
      json_at(dangling, "files/boards.json/boards/0/owner"));
  board.SetString("nobody");
  ApiResult refused_board = admin.raw("PUT", "/__admin/state", json::dump(dangling));
  CHECK_THAT(refused_board, IsPinterestError(400, 1));
  CHECK(str_at(refused_board.json, "message").find("/boards/0/owner") != std::string::npos);

  CHECK_THAT(admin.raw("PUT", "/__admin/state", R"({"format": "other/1", "files": {}})"),
             IsPinterestError(400, 1));
  CHECK_THAT(admin.raw("PUT", "/__admin/state", "{not json"), HasStatus(400));
  CHECK_THROWS_WITH(server.import_state(R"({"format": "pinsmock-state/1"})"),
                    Catch::Contains("/files"));
  CHECK(server.export_state() == state);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("State: GET /__admin/state lists the fixture files and runtime.json", "[http][state]") {
  MockServer server(test_options());
  server.start();
  const json::Document state = parse_or_throw(server.export_state());
  const json::Value& files = *json::find(state, "files");
  for (const char* file : {"accounts.json", "boards.json", "pins.json", "analytics.json",
                           "media/image_url.json", "media/video_id.json", "runtime.json"})
    CHECK(json::find(files, file) != nullptr);
  CHECK(json_at(state, "files/pins.json/pins")->Size() == kFixturePinCount);
  CHECK(str_at(state, "files/runtime.json/clock/time") == "2026-11-15T12:00:00");
  CHECK(int_at(state, "files/runtime.json/next_sequence") == kFixturePinCount + 1);
}

// Data shaped at run time (issue 12 §3): accounts, boards, sections and seeded pins added
// through /__admin, checked as fixtures are; POST /__admin/reset re-reads --fixtures DIR.
#include "http/http_fixture.hpp"
#include "http/world_support.hpp"

using namespace pinsmock::test;
namespace json = pinsmock::json;
using pinsmock::MockServer;

TEST_CASE("Run-time data: an added account's token works and its board takes pins",
          "[http][world]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  PinsClient extra(server.base_url(), kExtraToken);
  CHECK_THAT(extra.pins_list(), IsPinterestError(401, 2)); // not there yet

  ApiResult account = admin.raw("POST", "/__admin/accounts", std::string(kExtraAccount));
  REQUIRE_THAT(account, HasStatus(201));
  CHECK(str_at(account.json, "username") == "extra");
  ApiResult board = admin.raw("POST", "/__admin/boards", std::string(kExtraBoard));
  REQUIRE_THAT(board, HasStatus(201));
  CHECK(str_at(board.json, "privacy") == "SECRET");
  ApiResult section = admin.raw("POST", "/__admin/boards/" + kExtraBoardId + "/sections",
                                R"({"id": "1200000000000000901", "name": "Later"})");
  REQUIRE_THAT(section, HasStatus(201));

  ApiResult listed = extra.pins_list();
  REQUIRE_THAT(listed, HasStatus(200));
  CHECK(json_at(listed.json, "items")->Size() == 0);
  const std::string created = create_pin(
      extra, R"({"board_id": "1100000000000000901", "board_section_id": "1200000000000000901",
                 "media_source": {"source_type": "image_url", "url": "https://example.com/a.jpg"}})");
  ApiResult got = extra.pins_get(created);
  CHECK(str_at(got.json, "board_section_id") == "1200000000000000901");
  // A secret board: the creator cannot see it.
  PinsClient creator(server.base_url(), kCreatorToken);
  CHECK_THAT(creator.pins_get(created), HasStatus(404));
  ApiResult accounts = admin.raw("GET", "/__admin/accounts");
  CHECK(accounts.body.find("\"extra\"") != std::string::npos);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Run-time data: a refused item answers 400 naming the field and changes nothing",
          "[http][world]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  const std::string before = server.export_state();
  struct Case {
    const char* path;
    const char* body;
    const char* field;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"/__admin/accounts", R"({"username": "x", "user_id": "1", "tokens": [{"token": "t"}]})",
            "/tokens/0/scopes"},
           {"/__admin/accounts",
            R"({"username": "x", "user_id": "1", "tokens": [{"token": "pina_mock_creator_full", "scopes": []}]})",
            "/tokens/0/token"},
           {"/__admin/accounts", R"({"username": "mock_creator", "user_id": "1", "tokens": []})",
            "/username"},
           {"/__admin/accounts",
            R"({"username": "x", "user_id": "1", "tokens": [], "business_access": [{"ad_account_id": "1", "role": "KING"}]})",
            "/business_access/0/role"},
           {"/__admin/boards", R"({"id": "1100000000000000999", "owner": "mock_creator", "name": "n", "privacy": "OPEN"})",
            "/privacy"},
           {"/__admin/boards", R"({"id": "1100000000000000001", "owner": "mock_creator", "name": "n", "privacy": "PUBLIC"})",
            "/id"},
           {"/__admin/boards", R"({"id": "1100000000000000999", "owner": "nobody", "name": "n", "privacy": "PUBLIC"})",
            "/owner"},
           {"/__admin/boards/1100000000000000001/sections", R"({"id": "1200000000000000001", "name": "again"})",
            "/id"},
           {"/__admin/boards/1100000000000000001/sections", R"({"id": 5, "name": "n"})", "/id"},
           {"/__admin/pins", R"({"pin": {"board_id": "1100000000000000001", "title": 5}})",
            "/pin/title"},
           {"/__admin/pins", R"({"pin": {"board_id": "1199999999999999999"}})", "/pin/board_id"},
           {"/__admin/pins", R"({"pin": {"id": "1300000000000000001", "board_id": "1100000000000000001"}})",
            "/pin/id"},
       }) {
    INFO(c.path << " " << c.body);
    ApiResult refused = admin.raw("POST", c.path, c.body);
    CHECK_THAT(refused, IsPinterestError(400, 1));
    CHECK(str_at(refused.json, "message").rfind(std::string(c.field) + ":", 0) == 0);
  }
  CHECK_THAT(admin.raw("POST", "/__admin/boards/1199999999999999999/sections",
                       R"({"id": "1200000000000000999", "name": "n"})"),
             IsPinterestError(404, 40));
  CHECK_THAT(admin.raw("POST", "/__admin/accounts", "{"), HasStatus(400));
  CHECK_THAT(admin.raw("GET", "/__admin/pins"), HasStatus(405));
  CHECK(server.export_state() == before);
  CHECK_THROWS_WITH(server.add_board(R"({"id": "1", "owner": "x", "name": "n", "privacy": "PUBLIC"})"),
                    Catch::StartsWith("/owner:"));
}

TEST_CASE("Run-time data: POST /__admin/pins seeds an old pin with its own created_at",
          "[http][world]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  PinsClient creator(server.base_url(), kCreatorToken);
  ApiResult seeded = admin.raw("POST", "/__admin/pins", R"({"pin": {"board_id": "1100000000000000004",
      "created_at": "2019-05-06T07:08:09", "title": "From the archive",
      "media": {"media_type": "image", "images": {}}}})");
  REQUIRE_THAT(seeded, HasStatus(201));
  const std::string id = str_at(seeded.json, "id");
  ApiResult got = creator.pins_get(id);
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(str_at(got.json, "created_at") == "2019-05-06T07:08:09");
  CHECK(str_at(got.json, "title") == "From the archive");
  // Owned by the board's owner, newest in the list, and a given id is kept.
  ApiResult first = creator.pins_list({{"page_size", "1"}});
  CHECK(str_at(first.json, "items/0/id") == id);
  ApiResult chosen = admin.raw("POST", "/__admin/pins",
                               R"({"pin": {"id": "1300000000000000777", "board_id": "1100000000000000004"}})");
  CHECK_THAT(chosen, HasStatus(201));
  CHECK_THAT(creator.pins_get("1300000000000000777"), HasStatus(200));
  const std::string in_process =
      server.seed_pin(R"({"pin": {"board_id": "1100000000000000001", "created_at": "2020-01-01T00:00:00"}})");
  CHECK(in_process.find("2020-01-01T00:00:00") != std::string::npos);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Run-time data: POST /__admin/reset re-reads --fixtures DIR, and keeps the old data "
          "when a file is broken",
          "[http][world]") {
  TempFiles dir;
  {
    MockServer source(test_options());
    write_state_files(source.export_state(), dir.str());
  }
  pinsmock::ServerOptions options = test_options();
  options.fixtures_dir = dir.str();
  MockServer server(options);
  server.start();
  PinsClient admin(server.root_url(), "");
  PinsClient creator(server.base_url(), kCreatorToken);

  std::string boards = slurp_file(dir.path() / "boards.json");
  const std::string old_name = "Weeknight Dinners";
  boards.replace(boards.find(old_name), old_name.size(), "Weekend Dinners");
  dir.write("boards.json", boards);
  REQUIRE_THAT(admin.raw("POST", "/__admin/reset"), HasStatus(200));
  CHECK(admin.raw("GET", "/__admin/accounts").body.find("Weekend Dinners") != std::string::npos);

  dir.write("pins.json", "{\n  \"pins\": [\n    {\"owner\": }\n  ]\n}\n");
  ApiResult refused = admin.raw("POST", "/__admin/reset");
  CHECK_THAT(refused, IsPinterestError(400, 1));
  const std::string message = str_at(refused.json, "message");
  CHECK(message.find(dir.str() + "/pins.json:3:") != std::string::npos);
  CHECK_THROWS_WITH(server.reset(), Catch::Contains("pins.json:3:"));
  // The old data stays: pins and the edited board name.
  CHECK_THAT(creator.pins_get(fixture_pin(1)), HasStatus(200));
  CHECK(admin.raw("GET", "/__admin/accounts").body.find("Weekend Dinners") != std::string::npos);
  CHECK(server.internal_errors().empty());
}

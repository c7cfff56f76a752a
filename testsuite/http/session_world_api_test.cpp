// The C++ side of sessions with state and run-time data: Session::export_state, import_state,
// add_account, add_board, add_section, seed_pin and reset act on that session only, as the
// admin API with ?session=ID does (session_world_test.cpp); --state keeps the default session.
#include "http/http_fixture.hpp"
#include "http/session_support.hpp"
#include "http/world_support.hpp"

#include <stdexcept>

using namespace pinsmock::test;
namespace json = pinsmock::json;
using pinsmock::MockServer;

TEST_CASE("Session: state and run-time data through the C++ API stay in that session",
          "[http][sessions][world]") {
  MockServer server(test_options());
  server.start();
  const std::string default_before = server.export_state();
  auto s1 = server.new_session();
  auto s2 = server.new_session();

  s1.add_account(std::string(kExtraAccount));
  s1.add_board(std::string(kExtraBoard));
  s1.add_section(kExtraBoardId, R"({"id": "1200000000000000901", "name": "Later"})");
  const std::string seeded =
      s1.seed_pin(R"({"pin": {"board_id": "1100000000000000901", "created_at": "2020-01-01T00:00:00"}})");
  CHECK(seeded.find("2020-01-01T00:00:00") != std::string::npos);

  PinsClient extra(s1.base_url(), kExtraToken); // addresses s1 with no header
  CHECK_THAT(extra.pins_get(str_at(parse_or_throw(seeded), "id")), HasStatus(200));
  CHECK(s1.export_state().find("\"extra\"") != std::string::npos);
  CHECK(s2.export_state().find("\"extra\"") == std::string::npos);
  CHECK(server.export_state() == default_before);

  // The same token in another session, or in the default one, is refused naming the field.
  CHECK_THROWS_WITH(s2.add_account(std::string(kExtraAccount)),
                    Catch::StartsWith("/tokens/0/token: already addresses session " + s1.id()));
  CHECK_THROWS_WITH(server.add_account(kExtraAccount),
                    Catch::StartsWith("/tokens/0/token: already addresses session " + s1.id()));

  // s1's state imported into s2: s2's own token sees it, the default session does not.
  PinsClient in_s1(s1.base_url(), s1.token());
  const std::string made = create_pin(in_s1, kImageUrlPin);
  s2.import_state(s1.export_state());
  PinsClient in_s2(s2.base_url(), s2.token());
  CHECK_THAT(in_s2.pins_get(made), HasStatus(200));
  PinsClient in_default(server.base_url(), kCreatorToken);
  CHECK_THAT(in_default.pins_get(made), HasStatus(404));
  CHECK_THROWS_AS(s2.import_state(R"({"format": "something else"})"), std::invalid_argument);
  CHECK_THAT(in_s2.pins_get(made), HasStatus(200));

  // A reset of s1 leaves s2's imported copy of it alone.
  s1.reset();
  CHECK_THAT(in_s1.pins_get(made), HasStatus(404));
  CHECK_THAT(in_s2.pins_get(made), HasStatus(200));
  CHECK(server.export_state() == default_before);

  // An ended session: its calls throw, and its tokens (own and added) are unknown tokens.
  s1.end();
  CHECK_THROWS_AS(s1.add_board(std::string(kExtraBoard)), std::invalid_argument);
  CHECK_THROWS_AS(s1.export_state(), std::invalid_argument);
  CHECK_THAT(in_s1.pins_list(), IsPinterestError(401, 2));
  CHECK_THAT(extra.pins_list(), IsPinterestError(401, 2));
  CHECK(server.session_count() == 1);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Session: reset of a session of a fixture directory reads it again, and throws on a "
          "broken file keeping the data",
          "[http][sessions][world]") {
  TempFiles dir;
  {
    MockServer source(test_options());
    write_state_files(source.export_state(), dir.str());
  }
  MockServer server(test_options());
  server.start();
  pinsmock::SessionOptions options;
  options.fixtures = dir.str();
  auto session = server.new_session(options);
  PinsClient client(session.base_url(), session.token());
  REQUIRE_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));

  std::string boards = slurp_file(dir.path() / "boards.json");
  const std::string old_name = "Weeknight Dinners";
  boards.replace(boards.find(old_name), old_name.size(), "Weekend Dinners");
  dir.write("boards.json", boards);
  CHECK(session.export_state().find("Weekend Dinners") == std::string::npos);
  const std::string made = create_pin(client, kImageUrlPin);
  session.reset();
  CHECK(session.export_state().find("Weekend Dinners") != std::string::npos);
  CHECK_THAT(client.pins_get(made), HasStatus(404));

  dir.write("pins.json", "{\n  \"pins\": [\n    {\"owner\": }\n  ]\n}\n");
  CHECK_THROWS_WITH(session.reset(), Catch::Contains("pins.json:3:"));
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));
  CHECK(session.export_state().find("Weekend Dinners") != std::string::npos);
  // The default session was never on that directory.
  CHECK(server.export_state().find("Weekend Dinners") == std::string::npos);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Session: --state keeps the default session and leaves sessions out",
          "[http][sessions][state]") {
  TempFiles dir;
  const std::string file = (dir.path() / "state.json").string();
  pinsmock::ServerOptions options = test_options();
  options.state_file = file;
  std::string in_default_id;
  std::string in_session_id;
  {
    MockServer server(options);
    server.start();
    auto session = server.new_session();
    PinsClient in_session(session.base_url(), session.token());
    // Two pins in the session, one in the default session: the counts tell the worlds apart.
    create_pin(in_session, kImageUrlPin);
    in_session_id = create_pin(in_session, kImageUrlPin);
    PinsClient in_default(server.base_url(), kCreatorToken);
    in_default_id = create_pin(in_default, kImageUrlPin);
    server.stop(); // the last save
  }
  const std::string saved = slurp_file(file);
  REQUIRE(!saved.empty());
  MockServer again(options);
  again.start();
  PinsClient in_default(again.base_url(), kCreatorToken);
  CHECK_THAT(in_default.pins_get(in_default_id), HasStatus(200));
  PinsClient admin(again.root_url(), "");
  CHECK(int_at(admin.raw("GET", "/__admin/health").json, "pins") == kFixturePinCount + 1);
  CHECK_THAT(in_default.pins_get(in_session_id), HasStatus(404)); // the session's second pin
  CHECK(again.session_count() == 0);
}

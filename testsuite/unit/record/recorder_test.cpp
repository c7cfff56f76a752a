// The recorder of record mode, fed exchanges directly: what it keeps, what it leaves out.
#include "record/recorder.hpp"

#include "fixtures/fixture_set.hpp"
#include "pinsmock/startup_error.hpp"
#include "unit/temp_dir.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

using namespace pinsmock;
using pinsmock::test::contracts;
using pinsmock::test::parse_json;
using pinsmock::test::read_file;
using pinsmock::test::TempDir;

namespace {

const std::string kToken = "pina_a_real_secret_token_0123456789";

FileSource media() { return FileSource::embedded("fixtures/default/"); }

// A pin of the default fixtures as upstream would answer it, with `edits` applied.
json::Document upstream_pin(const std::string& id = "1300000000000000001") {
  for (const PinPtr& pin : test::default_fixtures().pins)
    if (pin->id == id)
      return parse_json(pin->json);
  FAIL("no fixture pin " << id);
  return {};
}

struct Feed {
  Recorder& recorder;
  Headers query;
  std::string token = kToken;

  void operator()(const std::string& operation, const std::string& path, const json::Value& body,
                  int status = 200) {
    PassedExchange x;
    x.operation_id = operation;
    x.path = path;
    x.query = &query;
    x.token = token;
    x.status = status;
    x.body = &body;
    CHECK_FALSE(recorder.record(x));
  }
};

std::shared_ptr<const FixtureSet> load(const TempDir& dir) {
  return FixtureSet::load(FileSource::directory(dir.str()), contracts());
}

} // namespace

TEST_CASE("Recorder: an empty recording is already a set the fixture loader accepts",
          "[unit][record]") {
  TempDir dir;
  Recorder recorder(dir.str(), contracts(), media());
  const auto set = load(dir);
  CHECK(set->accounts.empty());
  CHECK(set->pins.empty());
  CHECK(set->media.size() == 6);
}

TEST_CASE("Recorder: board and user reads name what pin answers leave as placeholders",
          "[unit][record]") {
  TempDir dir;
  Recorder recorder(dir.str(), contracts(), media());
  Feed feed{recorder, {}};
  feed("pins/get", "/pins/1300000000000000001", upstream_pin());
  const auto placeholder = load(dir);
  REQUIRE(placeholder->board("1100000000000000001"));
  CHECK(placeholder->board("1100000000000000001")->name == "Board 1100000000000000001");
  CHECK(placeholder->account("mock_creator")->user_id.empty());

  feed("", "/boards/1100000000000000001",
       parse_json(R"({"id": "1100000000000000001", "name": "Soups", "privacy": "PROTECTED",
                      "owner": {"username": "mock_creator"}})"));
  feed("", "/user_account", parse_json(R"({"username": "mock_creator", "id": "42"})"));
  const auto named = load(dir);
  CHECK(named->board("1100000000000000001")->name == "Soups");
  CHECK(named->board("1100000000000000001")->privacy == BoardPrivacy::Protected);
  CHECK(named->account("mock_creator")->user_id == "42");
  CHECK(named->find_token("pina_recorded_mock_creator"));
}

TEST_CASE("Recorder: only the ALL totals of analytics are pinned, without ratios",
          "[unit][record]") {
  TempDir dir;
  Recorder recorder(dir.str(), contracts(), media());
  Feed feed{recorder, {}};
  feed("pins/get", "/pins/1300000000000000001", upstream_pin());
  const json::Document answer = parse_json(R"({"all": {"daily_metrics": [
      {"date": "2026-11-01", "data_status": "READY",
       "metrics": {"IMPRESSION": 100, "SAVE": 5, "SAVE_RATE": 0.05}}],
      "summary_metrics": {}, "lifetime_metrics": {}}})");
  feed.query = {{"app_types", "MOBILE"}};
  feed("pins/analytics", "/pins/1300000000000000001/analytics", answer);
  feed.query = {{"split_field", "APP_TYPE"}};
  feed("pins/analytics", "/pins/1300000000000000001/analytics", answer);
  CHECK(load(dir)->analytics.empty());

  feed.query = {{"app_types", "ALL"}};
  feed("pins/analytics", "/pins/1300000000000000001/analytics", answer);
  const auto set = load(dir);
  REQUIRE(set->analytics.size() == 1);
  CHECK(set->analytics[0].metrics == std::map<std::string, double>{{"IMPRESSION", 100}, {"SAVE", 5}});
}

TEST_CASE("Recorder: error answers and pins nobody can own are not recorded", "[unit][record]") {
  TempDir dir;
  Recorder recorder(dir.str(), contracts(), media());
  Feed feed{recorder, {}};
  feed("pins/get", "/pins/1300000000000000001", upstream_pin(), 404);
  json::Document orphan = upstream_pin();
  json::erase(orphan, "board_owner");
  json::set(orphan, "is_owner", json::Value(false), orphan.GetAllocator());
  feed("pins/get", "/pins/1300000000000000001", orphan);
  json::Document broken = upstream_pin("1300000000000000002");
  json::set(broken, "title", json::Value(7), broken.GetAllocator()); // breaks the Pin contract
  feed("pins/get", "/pins/1300000000000000002", broken);
  CHECK(load(dir)->pins.empty());
}

TEST_CASE("Recorder: a recording already in the directory is merged into, never duplicated",
          "[unit][record]") {
  TempDir dir;
  {
    Recorder first(dir.str(), contracts(), media());
    Feed{first, {}}("pins/get", "/pins/1300000000000000001", upstream_pin());
  }
  Recorder second(dir.str(), contracts(), media());
  Feed feed{second, {}, "pina_another_real_token_of_the_same_user"};
  feed("pins/get", "/pins/1300000000000000001", upstream_pin());
  feed("pins/get", "/pins/1300000000000000002", upstream_pin("1300000000000000002"));
  const auto set = load(dir);
  CHECK(set->pins.size() == 2);
  REQUIRE(set->accounts.size() == 1);
  CHECK(set->accounts[0].tokens.size() == 1);
  const std::string readme = read_file(dir.path() / "README.md");
  CHECK(readme.find("'pina...' (35 characters)") != std::string::npos);
  CHECK(readme.find("'pina...' (40 characters)") != std::string::npos);
  CHECK(readme.find(kToken) == std::string::npos);
}

TEST_CASE("Recorder: a directory holding a broken set is refused at start", "[unit][record]") {
  TempDir dir;
  dir.write("accounts.json", "{\"accounts\": [");
  CHECK_THROWS_AS(Recorder(dir.str(), contracts(), media()), StartupError);
  dir.write("accounts.json", "{\"accounts\": []}"); // mended: the refused recorder let go
  dir.write("boards.json", "{\"boards\": []}");
  dir.write("pins.json", "{\"pins\": []}");
  dir.write("analytics.json", "{\"series\": []}");
  CHECK_NOTHROW(Recorder(dir.str(), contracts(), media()));
}

TEST_CASE("Recorder: a token hint shows at most a quarter of a short token", "[unit][record]") {
  CHECK(token_hint("pina_0123456789abcdef") == "'pina...' (21 characters)");
  CHECK(token_hint("abcdefg") == "'a...' (7 characters)");
  CHECK(token_hint("abc") == "'...' (3 characters)");
}

TEST_CASE("Recorder: mock tokens are the same every session and distinct per user",
          "[unit][record]") {
  CHECK(recorded_token("mock_creator") == "pina_recorded_mock_creator");
  CHECK(recorded_token("a.b") == recorded_token("a.b"));
  CHECK(recorded_token("a.b") != recorded_token("a-b"));
  CHECK(recorded_token("a.b") != recorded_token("a_b"));
  CHECK(recorded_token("a.b").rfind("pina_recorded_a_b_", 0) == 0);
}

TEST_CASE("Recorder: a second recorder into the same directory is refused while the first lives",
          "[unit][record]") {
  TempDir dir;
  {
    Recorder first(dir.str(), contracts(), media());
    CHECK_THROWS_WITH(Recorder(dir.str(), contracts(), media()),
                      Catch::Contains("another pins-mock is recording into it"));
  }
  CHECK_NOTHROW(Recorder(dir.str(), contracts(), media()));
}

TEST_CASE("Recorder: an own pin on someone else's board stays the token user's",
          "[unit][record]") {
  TempDir dir;
  Recorder recorder(dir.str(), contracts(), media());
  Feed feed{recorder, {}};
  feed("", "/user_account", parse_json(R"({"username": "mock_partner"})"));
  feed("pins/get", "/pins/1300000000000000001", upstream_pin()); // is_owner, board of mock_creator
  const auto set = load(dir);
  REQUIRE(set->pins.size() == 1);
  CHECK(set->pins[0]->owner == "mock_partner");
  CHECK(set->board("1100000000000000001")->owner == "mock_creator");
  CHECK(set->find_token("pina_recorded_mock_partner"));
  CHECK_FALSE(set->find_token("pina_recorded_mock_creator"));
}

TEST_CASE("Recorder: an answer that teaches nothing new rewrites no file", "[unit][record]") {
  TempDir dir;
  Recorder recorder(dir.str(), contracts(), media());
  Feed feed{recorder, {}};
  auto inode = [&](const char* name) {
    struct stat info {};
    REQUIRE(::stat((dir.path() / name).c_str(), &info) == 0);
    return info.st_ino;
  };
  feed("pins/get", "/pins/1300000000000000001", upstream_pin());
  const auto pins = inode("pins.json");
  const auto readme = inode("README.md");
  feed("pins/get", "/pins/1300000000000000001", upstream_pin()); // the same answer again
  CHECK(inode("pins.json") == pins);
  CHECK(inode("README.md") == readme);
  json::Document edited = upstream_pin();
  json::set(edited, "title", json::string("Renamed upstream", edited.GetAllocator()),
            edited.GetAllocator());
  feed("pins/get", "/pins/1300000000000000001", edited);
  CHECK(inode("pins.json") != pins); // replaced by a rename
  CHECK(read_file(dir.path() / "pins.json").find("Renamed upstream") != std::string::npos);
}

TEST_CASE("Recorder: a killed recorder's half-written files are removed at the next start",
          "[unit][record]") {
  TempDir dir;
  { Recorder first(dir.str(), contracts(), media()); }
  // A process that has exited stands for a recorder killed between write and rename.
  const pid_t dead = fork();
  REQUIRE(dead >= 0);
  if (dead == 0)
    _exit(0);
  REQUIRE(waitpid(dead, nullptr, 0) == dead);
  const auto leftover = dir.path() / ("pins.json.tmp." + std::to_string(dead) + ".3");
  std::ofstream(leftover) << "[{\"id\": \"half";
  REQUIRE(std::filesystem::exists(leftover));

  Recorder second(dir.str(), contracts(), media());
  CHECK_FALSE(std::filesystem::exists(leftover));
  CHECK(load(dir)->pins.empty());
}

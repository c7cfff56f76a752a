// pins-mock --state FILE (issue 12 §2): loaded at start, saved atomically after changes and at
// exit; a file that is not a state stops the start and is left alone; kill -9 at any moment
// leaves a file that loads.
#include "http/http_fixture.hpp"
#include "http/program_support.hpp"
#include "http/world_support.hpp"

#include <atomic>
#include <random>

using namespace pinsmock::test;
namespace json = pinsmock::json;
using namespace std::chrono_literals;

namespace {

// The ids of the pins the mock created (not the fixtures'), in the store's order.
std::vector<std::string> created_ids(const json::Value& state) {
  std::vector<std::string> ids;
  const json::Value* pins = json_at(state, "files/pins.json/pins");
  if (!pins)
    return ids;
  for (const auto& entry : pins->GetArray()) {
    const std::string id = str_at(entry, "pin/id");
    if (id.rfind("13", 0) != 0)
      ids.push_back(id);
  }
  return ids;
}

std::vector<std::string> state_args(const ScratchDir& dir, const std::string& interval) {
  return {"--port", "0", "--port-file", (dir / "port").string(), "--today", "2026-11-15",
          "--state", (dir / "state.json").string(), "--state-interval", interval};
}

} // namespace

TEST_CASE("State file: a corrupt or foreign file stops the start with exit 2 and stays as it was",
          "[http][process][state]") {
  struct Case {
    const char* text;
    const char* reason;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"{\"format\": \"pinsmock-state/1\", \"files\": {\"accounts.json\": ", "not JSON"},
           {"{\"hello\": \"world\"}", "not a pins-mock state"},
           {"{\"format\": \"pinsmock-state/1\", \"files\": {}}", "accounts.json: file not found"},
       }) {
    ScratchDir dir;
    const std::string path = (dir / "state.json").string();
    { std::ofstream(path) << c.text; }
    Program program(state_args(dir, "200"), dir / "out", dir / "err");
    CHECK(program.wait(20s) == 2);
    const std::string err = slurp(dir / "err");
    INFO(err);
    CHECK(err.find(path) != std::string::npos);
    CHECK(err.find(c.reason) != std::string::npos);
    CHECK(slurp(dir / "state.json") == c.text);
  }
}

TEST_CASE("State file: pins created before SIGTERM are there after a restart",
          "[http][process][state]") {
  ScratchDir dir;
  std::vector<std::string> made;
  {
    Program program(state_args(dir, "10000"), dir / "out", dir / "err");
    const int port = wait_for_port(dir / "port", 20s);
    REQUIRE(port > 0);
    PinsClient client("http://127.0.0.1:" + std::to_string(port) + "/v5", kCreatorToken);
    for (int i = 0; i < 3; ++i)
      made.push_back(create_pin(client));
    REQUIRE_THAT(client.pins_delete(fixture_pin(3)), HasStatus(204));
    program.signal(SIGTERM); // long before the interval: only the save at exit has them
    REQUIRE(program.wait(20s) == 0);
  }
  std::filesystem::remove(dir / "port");
  Program again(state_args(dir, "10000"), dir / "out", dir / "err2");
  const int port = wait_for_port(dir / "port", 20s);
  REQUIRE(port > 0);
  PinsClient client("http://127.0.0.1:" + std::to_string(port) + "/v5", kCreatorToken);
  for (const std::string& id : made)
    CHECK_THAT(client.pins_get(id), HasStatus(200));
  CHECK_THAT(client.pins_get(fixture_pin(3)), HasStatus(404));
  // New ids continue after the saved ones.
  const std::string next = create_pin(client);
  CHECK(std::find(made.begin(), made.end(), next) == made.end());
  again.signal(SIGTERM);
  CHECK(again.wait(20s) == 0);
}

TEST_CASE("State file: kill -9 during writes always leaves a file that loads, with a prefix of "
          "the pins",
          "[http][process][state]") {
  ScratchDir dir;
  std::mt19937 random(12);
  std::vector<std::string> created; // every pin the mock has answered 201 for, in order
  int saved_any = 0;
  for (int round = 0; round < 8; ++round) {
    std::filesystem::remove(dir / "port");
    Program program(state_args(dir, "2"), dir / "out", dir / "err");
    const int port = wait_for_port(dir / "port", 20s);
    INFO("round " << round << ": " << slurp(dir / "err"));
    REQUIRE(port > 0);
    PinsClient admin("http://127.0.0.1:" + std::to_string(port), "");
    const std::vector<std::string> loaded = created_ids(admin.raw("GET", "/__admin/state").json);
    // What survived is exactly the first pins created, in their order.
    REQUIRE(loaded.size() <= created.size());
    CHECK(std::equal(loaded.begin(), loaded.end(), created.begin()));
    saved_any += loaded.empty() ? 0 : 1;
    created = loaded;

    std::atomic<bool> stop{false};
    std::thread writer([&] {
      PinsClient client("http://127.0.0.1:" + std::to_string(port) + "/v5", kCreatorToken);
      while (!stop) {
        ApiResult res = client.pins_create(sample("pins.create.image_url"));
        if (res.status != 201)
          break; // killed
        created.push_back(res.string_member("id"));
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 300));
    program.signal(SIGKILL);
    CHECK(program.wait(10s) == 128 + SIGKILL);
    stop = true;
    writer.join();
  }
  CHECK(saved_any > 0);
  CHECK(created.size() > 10);
  // A start clears what saves cut short left behind; a clean stop leaves only the file.
  std::filesystem::remove(dir / "port");
  Program last(state_args(dir, "2"), dir / "out", dir / "err");
  REQUIRE(wait_for_port(dir / "port", 20s) > 0);
  last.signal(SIGTERM);
  REQUIRE(last.wait(20s) == 0);
  int temporaries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / ""))
    temporaries += entry.path().filename().string().rfind("state.json.tmp.", 0) == 0 ? 1 : 0;
  CHECK(temporaries == 0);
}

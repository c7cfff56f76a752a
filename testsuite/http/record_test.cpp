// Record mode (README "Recording fixtures"): a proxy in front of a second pins-mock writes what
// passes through as a fixture set, and a third pins-mock serves it. Nothing leaves 127.0.0.1.
#include "http_fixture.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <mutex>
#include <atomic>
#include <set>
#include <sstream>
#include <thread>

using namespace pinsmock;
using namespace pinsmock::test;
namespace fs = std::filesystem;

namespace {

const std::string kRecordedCreator = "pina_recorded_mock_creator";
const std::string kRecordedPartner = "pina_recorded_mock_partner";

// A fresh directory, removed with everything in it at the end of the test.
struct TemporaryDir {
  std::string path;
  TemporaryDir() {
    char name[] = "/tmp/pins-record-test-XXXXXX";
    const char* dir = mkdtemp(name);
    REQUIRE(dir != nullptr);
    path = dir;
  }
  ~TemporaryDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TemporaryDir(const TemporaryDir&) = delete;
  TemporaryDir& operator=(const TemporaryDir&) = delete;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One read: whose token, and the path below /v5.
struct Read {
  bool partner;
  std::string path;
};

// The reads of a client session: listings (one walked in pages), pins, analytics.
std::vector<Read> session_reads() {
  const std::string window = "start_date=2026-11-01&end_date=2026-11-12";
  return {
      {false, "/pins?page_size=5"},
      {false, "/pins?pin_type=PRIVATE"},
      {false, "/pins/" + fixture_pin(1)},
      {false, "/pins/" + fixture_pin(15)},
      {false, "/pins/" + fixture_pin(1) + "/analytics?" + window +
                  "&metric_types=IMPRESSION,PIN_CLICK,SAVE,OUTBOUND_CLICK"},
      {false, "/pins/analytics?pin_ids=" + fixture_pin(1) + "," + fixture_pin(2) + "&" + window +
                  "&metric_types=IMPRESSION,SAVE"},
      {true, "/pins"},
      {true, "/pins/" + fixture_pin(33)},
  };
}

// A listing's bookmark is the serving mock's own cursor (README "Recording fixtures"): its
// presence is compared, not its text.
std::string comparable(const ApiResult& result) {
  if (!result.json.IsObject() || !json::find(result.json, "bookmark"))
    return std::to_string(result.status) + " " + result.body;
  json::Document copy;
  copy.CopyFrom(result.json, copy.GetAllocator());
  json::Value* bookmark = json::find(copy, "bookmark");
  if (bookmark->IsString())
    bookmark->SetString("<a bookmark>", copy.GetAllocator());
  return std::to_string(result.status) + " " + json::dump(copy);
}

std::string encoded(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')
      out += c;
    else
      out += std::string("%") + hex[(c >> 4) & 0xF] + hex[c & 0xF];
  }
  return out;
}

// Every answer of the session, following each server's own bookmarks page by page.
std::vector<std::string> answers(const std::string& base_url, const std::string& creator,
                                 const std::string& partner) {
  PinsClient as_creator(base_url, creator);
  PinsClient as_partner(base_url, partner);
  std::vector<std::string> out;
  for (const Read& read : session_reads()) {
    PinsClient& client = read.partner ? as_partner : as_creator;
    ApiResult result = client.raw("GET", read.path);
    out.push_back(comparable(result));
    for (int page = 0; page < 20 && result.json.IsObject(); ++page) {
      const auto bookmark = json::get_string(result.json, "bookmark");
      if (!bookmark)
        break;
      const char* separator = read.path.find('?') == std::string::npos ? "?" : "&";
      result = client.raw("GET", read.path + separator + "bookmark=" + encoded(*bookmark));
      REQUIRE(result.status == 200);
      out.push_back(comparable(result));
    }
  }
  return out;
}

void record_session(const MockServer& upstream, const std::string& dir,
                    std::function<void(std::string_view)> log = {}) {
  ServerOptions options = test_options();
  options.proxy.upstream = upstream.base_url();
  options.proxy.record_dir = dir;
  options.log = std::move(log);
  MockServer proxy(options);
  proxy.start();
  answers(proxy.base_url(), kCreatorToken, kPartnerToken);
}

// The recording served by a mock with another seed: generated analytics would differ, so equal
// answers come from the recording.
ServerOptions serving(const std::string& dir) {
  ServerOptions options = test_options(/*seed=*/77);
  options.fixtures_dir = dir;
  return options;
}

} // namespace

TEST_CASE("record: a recording serves the same answers to the same reads", "[http][record]") {
  MockServer upstream(test_options());
  upstream.start();
  const TemporaryDir temporary;
  const std::string& dir = temporary.path;
  record_session(upstream, dir);

  MockServer served(serving(dir)); // the fixture loader accepts the recording
  served.start();
  const std::vector<std::string> direct = answers(upstream.base_url(), kCreatorToken, kPartnerToken);
  const std::vector<std::string> replayed =
      answers(served.base_url(), kRecordedCreator, kRecordedPartner);
  REQUIRE(direct.size() == replayed.size());
  for (std::size_t i = 0; i < direct.size(); ++i) {
    INFO("answer " << i);
    CHECK(replayed[i] == direct[i]);
  }
  CHECK(direct.front().rfind("200 ", 0) == 0);
  CHECK(served.internal_errors().empty()); // every served answer met its contract

  // Not vacuous: the same seed-77 mock without the recording answers the analytics otherwise.
  MockServer unrecorded(test_options(77));
  unrecorded.start();
  const std::vector<std::string> generated =
      answers(unrecorded.base_url(), kCreatorToken, kPartnerToken);
  REQUIRE(generated.size() >= 6);
  CHECK(generated[generated.size() - 4] != direct[direct.size() - 4]); // pins/analytics
}

TEST_CASE("record: re-recording into the same directory merges instead of duplicating",
          "[http][record]") {
  MockServer upstream(test_options());
  upstream.start();
  const TemporaryDir temporary;
  const std::string& dir = temporary.path;
  record_session(upstream, dir);
  const std::string first_pins = slurp(fs::path(dir) / "pins.json");
  const std::string first_analytics = slurp(fs::path(dir) / "analytics.json");

  // The same session again changes nothing; then one more read adds pin 09, nothing doubles.
  record_session(upstream, dir);
  CHECK(slurp(fs::path(dir) / "pins.json") == first_pins);
  CHECK(slurp(fs::path(dir) / "analytics.json") == first_analytics);
  {
    ServerOptions options = test_options();
    options.proxy.upstream = upstream.base_url();
    options.proxy.record_dir = dir;
    MockServer proxy(options);
    proxy.start();
    CHECK(PinsClient(proxy.base_url(), kCreatorToken).pins_get(fixture_pin(9)).status == 200);
  }

  json::Document pins;
  REQUIRE_FALSE(json::parse_into(pins, slurp(fs::path(dir) / "pins.json")));
  std::set<std::string> ids;
  for (const auto& entry : pins["pins"].GetArray())
    CHECK(ids.insert(entry["pin"]["id"].GetString()).second);
  CHECK(ids.count(fixture_pin(9)) == 1);
  json::Document before;
  REQUIRE_FALSE(json::parse_into(before, first_pins));
  CHECK(ids.size() == before["pins"].Size() + 1);
  json::Document accounts;
  REQUIRE_FALSE(json::parse_into(accounts, slurp(fs::path(dir) / "accounts.json")));
  REQUIRE(accounts["accounts"].Size() == 2);
  CHECK(str_at(accounts, "accounts/0/username") == "mock_creator");
  CHECK(json_at(accounts, "accounts/0/tokens")->Size() == 1);
  CHECK(str_at(accounts, "accounts/0/tokens/0/token") == kRecordedCreator);

  MockServer served(serving(dir));
  served.start();
  PinsClient client(served.base_url(), kRecordedCreator);
  CHECK(client.pins_get(fixture_pin(9)).body ==
        PinsClient(upstream.base_url(), kCreatorToken).pins_get(fixture_pin(9)).body);
  CHECK(client.pins_get(fixture_pin(1)).body ==
        PinsClient(upstream.base_url(), kCreatorToken).pins_get(fixture_pin(1)).body);
}

TEST_CASE("record: real tokens appear in no recorded file, journal entry or log line",
          "[http][record]") {
  MockServer upstream(test_options());
  upstream.start();
  const TemporaryDir temporary;
  const std::string& dir = temporary.path;
  std::mutex mutex;
  std::string log;
  ServerOptions options = test_options();
  options.proxy.upstream = upstream.base_url();
  options.proxy.record_dir = dir;
  options.log = [&](std::string_view line) {
    std::lock_guard lock(mutex);
    log += std::string(line) + "\n";
  };
  MockServer proxy(options);
  proxy.start();
  answers(proxy.base_url(), kCreatorToken, kPartnerToken);
  const std::string journal = PinsClient(proxy.root_url(), "").raw("GET", "/__admin/requests").body;
  proxy.stop();

  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file())
      continue;
    ++files;
    const std::string text = slurp(entry.path());
    INFO(entry.path().string());
    for (const std::string& token : {kCreatorToken, kPartnerToken})
      CHECK(text.find(token) == std::string::npos);
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos); // renamed
  }
  CHECK(files == 13); // 4 fixture files, 6 media templates, recording.json, README.md, the lock
  const std::string readme = slurp(fs::path(dir) / "README.md");
  CHECK(readme.find("| `" + kRecordedCreator + "` | mock_creator | 'pina...' (22 characters) |") !=
        std::string::npos);
  CHECK(journal.find("/pins/analytics") != std::string::npos); // the journal has the traffic
  CHECK(log.find("GET /v5/pins") != std::string::npos);        // and so has the log
  for (const std::string& token : {kCreatorToken, kPartnerToken}) {
    CHECK(journal.find(token) == std::string::npos);
    CHECK(log.find(token) == std::string::npos);
  }
}

TEST_CASE("record: a repin whose original was never seen loads with its parent listed elsewhere",
          "[http][record]") {
  MockServer upstream(test_options());
  upstream.start();
  const TemporaryDir temporary;
  const std::string& dir = temporary.path;
  {
    ServerOptions options = test_options();
    options.proxy.upstream = upstream.base_url();
    options.proxy.record_dir = dir;
    MockServer proxy(options);
    proxy.start();
    // Pin 08 is a repin of 02, which this session never reads.
    REQUIRE(PinsClient(proxy.base_url(), kCreatorToken).pins_get(fixture_pin(8)).status == 200);
  }
  json::Document pins;
  REQUIRE_FALSE(json::parse_into(pins, slurp(fs::path(dir) / "pins.json")));
  CHECK(str_at(pins, "parents_elsewhere/0") == fixture_pin(2));
  MockServer served(serving(dir));
  served.start();
  ApiResult got = PinsClient(served.base_url(), kRecordedCreator).pins_get(fixture_pin(8));
  CHECK(str_at(got.json, "parent_pin_id") == fixture_pin(2));
}

TEST_CASE("record: a pin deleted through the proxy leaves the recording", "[http][record]") {
  MockServer upstream(test_options());
  upstream.start();
  const TemporaryDir temporary;
  const std::string& dir = temporary.path;
  ServerOptions options = test_options();
  options.proxy.upstream = upstream.base_url();
  options.proxy.record_dir = dir;
  MockServer proxy(options);
  proxy.start();
  PinsClient client(proxy.base_url(), kCreatorToken);
  const std::string id = create_pin(client);
  CHECK(slurp(fs::path(dir) / "pins.json").find(id) != std::string::npos);
  REQUIRE(client.pins_delete(id).status == 204);
  CHECK(slurp(fs::path(dir) / "pins.json").find(id) == std::string::npos);
}

TEST_CASE("record: parallel clients through the proxy make one recording that loads",
          "[http][record]") {
  MockServer upstream(test_options());
  upstream.start();
  const TemporaryDir temporary;
  {
    ServerOptions options = test_options();
    options.proxy.upstream = upstream.base_url();
    options.proxy.record_dir = temporary.path;
    MockServer proxy(options);
    proxy.start();
    std::vector<std::thread> clients;
    std::atomic<int> answered{0};
    for (int t = 0; t < 4; ++t)
      clients.emplace_back([&, t] {
        PinsClient client(proxy.base_url(), t % 2 ? kPartnerToken : kCreatorToken);
        for (int n = 1; n <= 30; ++n)
          answered += client.pins_get(fixture_pin(n)).status == 200 ? 1 : 0;
      });
    for (std::thread& client : clients)
      client.join();
    CHECK(answered == 2 * 30 + 2 * 19); // the partner sees the creator's public pins only
  }
  MockServer served(serving(temporary.path));
  json::Document pins;
  REQUIRE_FALSE(json::parse_into(pins, slurp(fs::path(temporary.path) / "pins.json")));
  CHECK(pins["pins"].Size() == 30);
}

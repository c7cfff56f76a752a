// pins-contract verify-client: what it reports about a client, and its exit status.
#include "contract_selftest/breaking_proxy.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/mock_server.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace pinsmock;

namespace {

struct Verification {
  int exit_code = -1;
  json::Document report;
  std::string output;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Verification verify(const std::string& arguments) {
  char dir_template[] = "/tmp/pins-verify-client-XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  const std::string report = dir + "/report.json";
  const std::string output = dir + "/output.txt";
  const std::string command = std::string(PINS_CONTRACT_BINARY) + " verify-client --report " +
                              report + " " + arguments + " > " + output + " 2>&1";
  Verification v;
  const int status = std::system(command.c_str());
  v.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  json::parse_into(v.report, slurp(report));
  v.output = slurp(output);
  std::remove(report.c_str());
  std::remove(output.c_str());
  rmdir(dir.c_str());
  return v;
}

std::set<std::pair<std::string, std::string>> violation_places(const json::Document& report) {
  std::set<std::pair<std::string, std::string>> places;
  for (const auto& v : report["violations"].GetArray())
    places.emplace(v["operation"].GetString(), v["location"].GetString());
  return places;
}

const json::Value* coverage_of(const json::Document& report, const std::string& operation) {
  for (const auto& op : report["coverage"]["operations"].GetArray())
    if (op["operation"].GetString() == operation)
      return &op;
  return nullptr;
}

} // namespace

TEST_CASE("verify-client: reports exactly the violations of a wrong client and fails",
          "[http][verify-client]") {
  const Verification v = verify(std::string("-- ") + PINS_BAD_CLIENT);
  INFO(v.output);
  CHECK(v.exit_code == 1);
  REQUIRE(v.report.IsObject());
  const std::set<std::pair<std::string, std::string>> expected = {
      {"pins/create", "body /title"}, {"multi_pins/analytics", "query pin_ids"}};
  CHECK(violation_places(v.report) == expected);
  CHECK(v.output.find("body /title: wrong type: an integer, expected string or null (value: 42)") !=
        std::string::npos);
  CHECK(v.output.find("query pin_ids: Array should contain no more than 100 elements.") !=
        std::string::npos);
  CHECK(std::string(v.report["verdict"].GetString()) == "violations");
}

TEST_CASE("verify-client: --allow-violations reports them and passes", "[http][verify-client]") {
  const Verification v = verify(std::string("--allow-violations -- ") + PINS_BAD_CLIENT);
  INFO(v.output);
  CHECK(v.exit_code == 0);
  REQUIRE(v.report.IsObject());
  CHECK(v.report["violations"].Size() == 2);
}

TEST_CASE("verify-client: passes a correct client and shows what it exercised",
          "[http][verify-client]") {
  const Verification v = verify(std::string("-- ") + PINS_GOOD_CLIENT);
  INFO(v.output);
  CHECK(v.exit_code == 0);
  REQUIRE(v.report.IsObject());
  CHECK(v.report["violations"].Empty());
  CHECK(v.report["requests"].Size() == 4);
  CHECK(v.report["coverage"]["operations"].Size() == 8);
  CHECK(v.report["coverage"]["exercised"].GetInt() == 4);
  const json::Value* create = coverage_of(v.report, "pins/create");
  REQUIRE(create);
  CHECK((*create)["calls"].GetUint64() == 1);
  CHECK((*create)["statuses"]["201"].GetUint64() == 1);
  const json::Value* save = coverage_of(v.report, "pins/save");
  REQUIRE(save);
  CHECK_FALSE((*save)["exercised"].GetBool());
  CHECK(v.output.find("NOT EXERCISED") != std::string::npos);
}

TEST_CASE("verify-client: a client that fails makes the verification fail",
          "[http][verify-client]") {
  const Verification v = verify("-- false");
  CHECK(v.exit_code == 3);
  REQUIRE(v.report.IsObject());
  CHECK(std::string(v.report["verdict"].GetString()) == "command failed");
}

TEST_CASE("verify-client: without a command it prints usage and answers 2", "[http][verify-client]") {
  const Verification v = verify("--");
  CHECK(v.exit_code == 2);
  CHECK(v.output.find("usage: pins-contract verify-client") != std::string::npos);
}

TEST_CASE("verify-client: a client that sent nothing is not a pass", "[http][verify-client]") {
  const Verification v = verify("-- true");
  INFO(v.output);
  CHECK(v.exit_code == 4);
  REQUIRE(v.report.IsObject());
  CHECK(std::string(v.report["verdict"].GetString()) == "nothing exercised");
  CHECK(v.output.find("verdict: nothing exercised") != std::string::npos);
}

TEST_CASE("verify-client: --allow-empty accepts a client that sent nothing",
          "[http][verify-client]") {
  const Verification v = verify("--allow-empty -- true");
  INFO(v.output);
  CHECK(v.exit_code == 0);
  CHECK(std::string(v.report["verdict"].GetString()) == "pass");
}

TEST_CASE("verify-client: --require fails when a named operation was not exercised",
          "[http][verify-client]") {
  SECTION("all") {
    const Verification v = verify(std::string("--require all -- ") + PINS_GOOD_CLIENT);
    INFO(v.output);
    CHECK(v.exit_code == 4);
    CHECK(std::string(v.report["verdict"].GetString()) == "not exercised enough");
    CHECK(v.output.find("required operations not exercised: pins/update, pins/save") !=
          std::string::npos);
  }
  SECTION("a list the client covers") {
    const Verification v =
        verify(std::string("--require pins/create,pins/list -- ") + PINS_GOOD_CLIENT);
    INFO(v.output);
    CHECK(v.exit_code == 0);
  }
  SECTION("a list with one it does not") {
    const Verification v =
        verify(std::string("--require pins/create,pins/save -- ") + PINS_GOOD_CLIENT);
    INFO(v.output);
    CHECK(v.exit_code == 4);
    REQUIRE(v.report["unmet"].Size() == 1);
    CHECK(std::string(v.report["unmet"][0].GetString()) ==
          "required operations not exercised: pins/save");
  }
  SECTION("an unknown operation is a usage error naming the known ones") {
    const Verification v = verify(std::string("--require pins/lsit -- ") + PINS_GOOD_CLIENT);
    CHECK(v.exit_code == 2);
    CHECK(v.output.find("unknown operation 'pins/lsit' (known: pins/create") != std::string::npos);
  }
}

TEST_CASE("verify-client: --require-errors fails a client that never met an error answer",
          "[http][verify-client]") {
  const Verification happy = verify(std::string("--require-errors -- ") + PINS_GOOD_CLIENT);
  INFO(happy.output);
  CHECK(happy.exit_code == 4);
  CHECK(happy.output.find("no error path met") != std::string::npos);
  const Verification met =
      verify(std::string("--require-errors -- ") + PINS_PROBE_CLIENT + " missing-pin");
  INFO(met.output);
  CHECK(met.exit_code == 0);
  CHECK(met.report["violations"].Empty());
}

TEST_CASE("verify-client: an unknown body field is a warning with a suggestion, not a violation",
          "[http][verify-client]") {
  const Verification v = verify(std::string("-- ") + PINS_PROBE_CLIENT + " typo");
  INFO(v.output);
  CHECK(v.exit_code == 0);
  REQUIRE(v.report.IsObject());
  CHECK(v.report["violations"].Empty());
  REQUIRE(v.report["warnings"].Size() == 1);
  const json::Value& w = v.report["warnings"][0];
  CHECK(std::string(w["location"].GetString()) == "body /titel");
  CHECK(std::string(w["rule"].GetString()) == "unknown field 'titel' (did you mean 'title'?)");
  CHECK(v.output.find("warnings: 1") != std::string::npos);
  CHECK(v.output.find("violations: 0") != std::string::npos);
}

TEST_CASE("verify-client: --strict makes warnings fail", "[http][verify-client]") {
  const Verification v = verify(std::string("--strict -- ") + PINS_PROBE_CLIENT + " typo");
  INFO(v.output);
  CHECK(v.exit_code == 1);
  CHECK(std::string(v.report["verdict"].GetString()) == "warnings");
}

TEST_CASE("verify-client: a violation names what the contract expects", "[http][verify-client]") {
  const Verification v = verify(std::string("-- ") + PINS_BAD_CLIENT);
  INFO(v.output);
  REQUIRE(v.report.IsObject());
  for (const auto& violation : v.report["violations"].GetArray()) {
    const std::string location = violation["location"].GetString();
    const std::string expected = violation["expected"].GetString();
    if (location == "body /title")
      CHECK(expected == "string or null, at most 100 characters");
    else
      CHECK(expected.find("at most 100 items") != std::string::npos);
  }
  CHECK(v.output.find("expected: string or null, at most 100 characters") != std::string::npos);
}

// The connection layer journals what it refuses before routing (branch "transport"); until that
// lands, this test fails: the report lists only the 2 routed requests.
TEST_CASE("verify-client: every request the client sent is in the report, also those refused "
          "before routing",
          "[http][verify-client]") {
  const Verification v = verify(std::string("-- ") + PINS_PROBE_CLIENT + " rejected");
  INFO(v.output);
  REQUIRE(v.report.IsObject());
  CHECK(v.report["requests"].Size() == 5);
}

namespace {

// The client's own coordinates, as a user with a real token would export them.
Verification verify_through_proxy(const std::string& upstream_base_url, const MockServer& owner) {
  setenv("PINS_TOKEN", owner.default_token().c_str(), 1);
  setenv("PINS_BOARD_ID", owner.default_board_ids().at(0).c_str(), 1);
  Verification v = verify("--proxy " + upstream_base_url + " -- " + std::string(PINS_GOOD_CLIENT));
  unsetenv("PINS_TOKEN");
  unsetenv("PINS_BOARD_ID");
  return v;
}

} // namespace

TEST_CASE("verify-client: --proxy checks a client against another API with the same report",
          "[http][verify-client][proxy]") {
  MockServer upstream;
  upstream.start();
  const Verification v = verify_through_proxy(upstream.base_url(), upstream);
  INFO(v.output);
  CHECK(v.exit_code == 0);
  REQUIRE(v.report.IsObject());
  CHECK(v.report["violations"].Empty());
  CHECK(v.report["requests"].Size() == 4);
  CHECK(v.report["coverage"]["exercised"].GetInt() == 4);
  CHECK(upstream.requests().size() == 4); // every request reached the upstream
}

TEST_CASE("verify-client: --proxy reports a wrong upstream's answers as response violations",
          "[http][verify-client][proxy]") {
  MockServer upstream;
  upstream.start();
  test::BreakingProxy wrong(upstream.root_url(), test::Breaks{});
  const Verification v = verify_through_proxy(wrong.base_url(), upstream);
  INFO(v.output);
  CHECK(v.exit_code != 0);
  REQUIRE(v.report.IsObject());
  REQUIRE(v.report["violations"].Size() >= 1);
  const json::Value& first = v.report["violations"][0];
  CHECK(std::string(first["direction"].GetString()) == "response");
  CHECK(std::string(first["location"].GetString()) == "response body /id");
  CHECK(v.output.find("(upstream answer) response body /id") != std::string::npos);
}

TEST_CASE("verify-client: a mock that failed itself fails the verification, whatever the client "
          "did",
          "[http][verify-client]") {
  // A fixture set the loader takes but whose image_url media breaks the Pin contract
  // (media_type "gif"): every image_url create answers 500, an internal error of the mock, not a
  // configured fault. A client that swallows errors used to pass on those answers.
  namespace fs = std::filesystem;
  char dir_template[] = "/tmp/pins-verify-fixtures-XXXXXX";
  const fs::path fixtures = mkdtemp(dir_template);
  fs::copy(fs::path(PINSMOCK_SOURCE_DIR) / "fixtures" / "default", fixtures,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  std::ofstream(fixtures / "media" / "image_url.json")
      << R"({"media_type": "gif", "width": 1000, "height": 1500})";
  const Verification v =
      verify("--fixtures " + fixtures.string() + " -- " + PINS_PROBE_CLIENT + " swallow");
  fs::remove_all(fixtures);
  INFO(v.output);
  CHECK(v.output.find("probe client: create -> 500 (ignored)") != std::string::npos);
  CHECK(v.exit_code == 5);
  REQUIRE(v.report.IsObject());
  CHECK(std::string(v.report["verdict"].GetString()) == "mock internal errors");
  CHECK(v.report["mock_internal_errors"].Size() == 1);
  CHECK(v.output.find("mock internal errors: 1 (pins-mock failed, not the client") !=
        std::string::npos);
}

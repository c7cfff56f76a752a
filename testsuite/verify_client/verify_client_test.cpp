// pins-contract verify-client: what it reports about a client, and its exit status.
#include "pinsmock/json.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
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
  CHECK(v.output.find("body /title: Value type not permitted by 'type' constraint. (value: 42)") !=
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

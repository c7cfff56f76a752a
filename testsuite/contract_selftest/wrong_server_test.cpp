// The contract suite must fail, precisely, against a wrong server: each deliberate break is
// reported, and nothing else fails.
#include "breaking_proxy.hpp"

#include "pinsmock/json.hpp"
#include "pinsmock/mock_server.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace pinsmock;
using namespace pinsmock::test;

namespace {

struct SuiteRun {
  int exit_code = -1;
  json::Document report;
  std::string log;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

SuiteRun run_suite_against(const std::string& base_url) {
  char dir_template[] = "/tmp/pins-contract-selftest-XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  const std::string report = dir + "/report.json";
  const std::string log = dir + "/log.txt";
  const std::string command = std::string(PINS_CONTRACT_BINARY) + " --base-url " + base_url +
                              " --target-is-mock --token pina_mock_creator_full"
                              " --board-id 1100000000000000001 --second-board-id 1100000000000000004"
                              " --report " + report + " > " + log + " 2>&1";
  SuiteRun run;
  run.exit_code = std::system(command.c_str());
  json::parse_into(run.report, read_file(report));
  run.log = read_file(log);
  std::remove(report.c_str());
  std::remove(log.c_str());
  rmdir(dir.c_str());
  return run;
}

// What a failure says about each break (the matcher output and the suite's own INFO lines).
struct Signature {
  const char* break_name;
  const char* text;
};
constexpr Signature kSignatures[] = {
    {"integer ids", "/id: wrong type: an integer, expected string"},
    {"skipped page", "was skipped"},
    {"skipped page", "is missing from the walk"},
    {"200 on delete", "-> 200 application/json\n  {}"},
    {"error body without code", "Missing required property 'code'"},
};

std::string failure_text(const json::Value& failure) {
  return std::string(json::get_string(failure, "expression").value_or("")) + "\n" +
         std::string(json::get_string(failure, "message").value_or(""));
}

} // namespace

TEST_CASE("pins-contract: reports each break of a deliberately wrong server and nothing else",
          "[http][pins-contract]") {
  // One break per run, so one break cannot hide another (integer ids would stop every test
  // that creates a pin before it reached a bookmark walk or a delete).
  const std::string broken = GENERATE(as<std::string>{}, "integer ids", "skipped page",
                                      "200 on delete", "error body without code");
  CAPTURE(broken);
  Breaks breaks{broken == "integer ids", broken == "skipped page", broken == "200 on delete",
                broken == "error body without code"};
  MockServer mock;
  mock.start();
  BreakingProxy proxy(mock.root_url(), breaks);
  const SuiteRun run = run_suite_against(proxy.base_url());
  INFO(run.log.substr(0, 4000));
  CHECK(run.exit_code != 0);
  REQUIRE(run.report.IsObject());
  CHECK(json::get_int(run.report, "failed").value_or(0) > 0);
  // Failures print whole exchanges, never the bearer token.
  CHECK(run.log.find("pina_mock_creator_full") == std::string::npos);

  for (const auto& test : run.report["tests"].GetArray()) {
    if (json::get_bool(test, "passed").value_or(true))
      continue;
    const json::Value& failures = test["failures"];
    REQUIRE(failures.Size() > 0);
    // The first failure of every failing test must name this break, precisely.
    const std::string text = failure_text(failures[0]);
    bool explained = false;
    for (const Signature& s : kSignatures)
      explained = explained || (s.break_name == broken && text.find(s.text) != std::string::npos);
    INFO("test: " << test["name"].GetString() << "\nfirst failure:\n" << text);
    CHECK(explained);
  }
}

TEST_CASE("pins-contract: passes through the same proxy when nothing is broken",
          "[http][pins-contract]") {
  MockServer mock;
  mock.start();
  BreakingProxy proxy(mock.root_url(), Breaks{false, false, false, false});
  const SuiteRun run = run_suite_against(proxy.base_url());
  INFO(run.log.substr(0, 6000));
  CHECK(run.exit_code == 0);
  CHECK(json::get_int(run.report, "failed").value_or(-1) == 0);
}

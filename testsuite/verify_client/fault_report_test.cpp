// pins-contract verify-client --faults: what a client did after each injected failure.
#include "pinsmock/json.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

using namespace pinsmock;

namespace {

struct FaultVerification {
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

FaultVerification verify_with_faults(const std::string& faults, const std::string& client) {
  char dir_template[] = "/tmp/pins-fault-report-XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  const std::string report = dir + "/report.json";
  const std::string output = dir + "/output.txt";
  const std::string command = std::string(PINS_CONTRACT_BINARY) + " verify-client --report " +
                              report + " --faults " + faults + " -- " + client + " > " + output +
                              " 2>&1";
  FaultVerification v;
  const int status = std::system(command.c_str());
  v.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  json::parse_into(v.report, slurp(report));
  v.output = slurp(output);
  std::remove(report.c_str());
  std::remove(output.c_str());
  rmdir(dir.c_str());
  return v;
}

std::string member(const json::Value& object, const char* key) {
  const json::Value* v = json::find(object, key);
  return v && v->IsString() ? v->GetString() : "<missing>";
}

} // namespace

TEST_CASE("verify-client: --faults reports what a retrying client did after each failure",
          "[http][verify-client][faults]") {
  const FaultVerification v = verify_with_faults(
      std::string(PINSMOCK_SOURCE_DIR) + "/fixtures/faults/retry_drill.json", PINS_RETRY_CLIENT);
  INFO(v.output);
  CHECK(v.exit_code == 0);
  REQUIRE(v.report.IsObject());
  const json::Value& faults = v.report["faults"];
  REQUIRE(faults.Size() == 6);
  // The create was written, answered 503, and re-sent: a duplicate pin.
  CHECK(member(faults[0], "operation") == "pins/create");
  CHECK(member(faults[0], "next") == "retried");
  CHECK(faults[0]["duplicate"].GetBool());
  CHECK(member(faults[0], "injected").find("after: the handler had answered 201") !=
        std::string::npos);
  // The 429 was retried after Retry-After.
  CHECK(member(faults[1], "operation") == "pins/get");
  CHECK(member(faults[1], "next") == "retried");
  CHECK(faults[1]["waited_ms"].GetInt64() >= 1000);
  CHECK(faults[1]["waited_retry_after"].GetBool());
  // A slow get is still an answer: the client went on to the list.
  CHECK(member(faults[2], "next") == "went on");
  CHECK(member(faults[2], "next_request") == "GET /v5/pins");
  CHECK(member(faults[3], "next") == "retried");
  CHECK(faults[3]["waited_retry_after"].GetBool());
  CHECK(member(faults[5], "operation") == "pins/delete");
  CHECK(member(faults[5], "next") == "retried");
  CHECK(v.output.find("injected failures: 6") != std::string::npos);
  CHECK(v.output.find("!! duplicate pin") != std::string::npos);
  CHECK(v.output.find("waited at least Retry-After: 1 s") != std::string::npos);
}

TEST_CASE("verify-client: a client that gives up shows as stopped",
          "[http][verify-client][faults]") {
  char path_template[] = "/tmp/pins-fault-script-XXXXXX";
  const int fd = mkstemp(path_template);
  const std::string script = R"({"faults": [{"operation": "pins/create", "status": 503}]})";
  REQUIRE(write(fd, script.data(), script.size()) == static_cast<ssize_t>(script.size()));
  close(fd);
  const FaultVerification v = verify_with_faults(path_template, PINS_GOOD_CLIENT);
  std::remove(path_template);
  INFO(v.output);
  CHECK(v.exit_code == 3); // the good client fails when its create fails
  REQUIRE(v.report.IsObject());
  REQUIRE(v.report["faults"].Size() == 1);
  CHECK(member(v.report["faults"][0], "next") == "stopped");
  CHECK(v.output.find("stopped (no further request)") != std::string::npos);
}

TEST_CASE("verify-client: a bad fault script stops before the client runs",
          "[http][verify-client][faults]") {
  const FaultVerification v = verify_with_faults("/nonexistent/faults.json", "true");
  CHECK(v.exit_code == 2);
  CHECK(v.output.find("faults: cannot read /nonexistent/faults.json") != std::string::npos);
}

// pins-contract never passes what it did not check: a target that is not the Pinterest API stops
// the run before any test, tests with nothing to check count apart, and filters, report paths and
// reporters that would hide a problem fail loudly instead.
#include "pinsmock/json.hpp"
#include "pinsmock/mock_server.hpp"
#include "support/pins_client.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace pinsmock;

namespace {

struct Run {
  int exit_code = -1;
  json::Document report;
  std::string log;
  std::string junit;
};

std::string slurp(const std::string &path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs pins-contract with these arguments; `--report` and `-r junit -o` go to a temporary folder.
Run pins_contract(const std::string &arguments, bool junit = false) {
  char dir_template[] = "/tmp/pins-contract-nofalse-XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  const std::string report = dir + "/report.json";
  const std::string xml = dir + "/junit.xml";
  const std::string log = dir + "/log.txt";
  const std::string command = std::string(PINS_CONTRACT_BINARY) + " --report " + report + " " +
                              arguments + (junit ? " -r junit -o " + xml : "") + " > " + log +
                              " 2>&1";
  Run run;
  const int status = std::system(command.c_str());
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  json::parse_into(run.report, slurp(report));
  run.log = slurp(log);
  run.junit = slurp(xml);
  for (const std::string &file : {report, xml, log})
    std::remove(file.c_str());
  rmdir(dir.c_str());
  return run;
}

// A port nothing listens on: bound by the kernel's choice, then released.
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// A web server that is not an API: every path answers an HTML page.
class HtmlServer {
public:
  HtmlServer() {
    server_.Get(".*", [](const httplib::Request &, httplib::Response &res) {
      res.set_content("<!doctype html><html><body>Welcome</body></html>", "text/html");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~HtmlServer() {
    server_.stop();
    thread_.join();
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v5"; }

private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

int count(const std::string &text, const std::string &what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// The account mock_admin owns a public board and no pins: read tests find nothing to read.
const std::string kEmptyAccount =
    " --token pina_mock_admin_full --board-id 1100000000000000021 \"[pins/get]\"";

} // namespace

TEST_CASE("pins-contract: an unreachable target stops the run with one line and runs no test",
          "[http][pins-contract]") {
  const std::string base = "http://127.0.0.1:" + std::to_string(closed_port()) + "/v5";
  const Run run = pins_contract("--base-url " + base + " --target-is-mock");
  INFO(run.log);
  CHECK(run.exit_code == 2);
  CHECK(run.log.find("pins-contract: cannot reach " + base + ": connection refused") !=
        std::string::npos);
  CHECK(run.log.find("pins-contract: pass") == std::string::npos);
  CHECK(run.log.find("passed") == std::string::npos);
  REQUIRE(run.report.IsObject());
  CHECK(run.report["tests"].Empty());
  CHECK(std::string(json::get_string(run.report, "problem").value_or("")).find("cannot reach") ==
        0);
}

TEST_CASE("pins-contract: a target that answers HTML is not the Pinterest API",
          "[http][pins-contract]") {
  HtmlServer html;
  const Run run = pins_contract("--base-url " + html.base_url() + " --target-is-mock");
  INFO(run.log);
  CHECK(run.exit_code == 2);
  CHECK(run.log.find(html.base_url() + " answers HTML, not the Pinterest API") !=
        std::string::npos);
  CHECK(run.log.find("pins-contract: pass") == std::string::npos);
}

TEST_CASE("pins-contract: a base URL without /v5 is refused with the right URL suggested",
          "[http][pins-contract]") {
  MockServer mock;
  mock.start();
  const Run run = pins_contract("--base-url " + mock.root_url() +
                                " --target-is-mock --token pina_mock_creator_full"
                                " --board-id 1100000000000000001 \"[pins/get]\"");
  INFO(run.log);
  CHECK(run.exit_code == 2);
  CHECK(run.log.find("answers 404") != std::string::npos);
  CHECK(run.log.find("did you mean --base-url " + mock.root_url() + "/v5") != std::string::npos);
  CHECK(run.log.find("pins-contract: pass") == std::string::npos);
}

TEST_CASE("pins-contract: tests with nothing to check count as not checked and fail the run",
          "[http][pins-contract]") {
  MockServer mock;
  mock.start();
  const Run run = pins_contract("--base-url " + mock.base_url() + kEmptyAccount, true);
  INFO(run.log);
  CHECK(run.exit_code == 3);
  CHECK(run.log.find("2 passed, 0 failed, 2 not checked") != std::string::npos);
  CHECK(count(run.log, "NOT CHECKED pins/get") == 2);
  REQUIRE(run.report.IsObject());
  CHECK(json::get_int(run.report, "not_checked").value_or(-1) == 2);
  CHECK(json::get_int(run.report, "passed").value_or(-1) == 2);
  int skipped = 0;
  for (const auto &test : run.report["tests"].GetArray())
    if (json::get_bool(test, "skipped").value_or(false)) {
      ++skipped;
      CHECK(std::string(test["outcome"].GetString()) == "not checked");
      CHECK(std::string(test["reason"].GetString()).find("no pins to read") != std::string::npos);
    }
  CHECK(skipped == 2);
  // JUnit: one <testcase> per test, the two not checked as <skipped> with the reason.
  CHECK(run.junit.find("tests=\"4\"") != std::string::npos);
  CHECK(run.junit.find("skipped=\"2\"") != std::string::npos);
  CHECK(count(run.junit, "<testcase ") == 4);
  CHECK(count(run.junit, "<skipped message=\"the account lists no pins to read") == 2);
}

TEST_CASE("pins-contract: --allow-unchecked accepts tests that were not checked",
          "[http][pins-contract]") {
  MockServer mock;
  mock.start();
  const Run run = pins_contract("--allow-unchecked --base-url " + mock.base_url() + kEmptyAccount);
  INFO(run.log);
  CHECK(run.exit_code == 0);
  CHECK(run.log.find("2 passed, 0 failed, 2 not checked") != std::string::npos);
}

TEST_CASE("pins-contract: when writes are allowed a read test creates the pin it needs",
          "[http][pins-contract]") {
  MockServer mock;
  mock.start();
  const Run run = pins_contract("--allow-writes --base-url " + mock.base_url() + kEmptyAccount);
  INFO(run.log);
  CHECK(run.exit_code == 0);
  CHECK(run.log.find("5 passed, 0 failed, 0 not checked") != std::string::npos);
  // And it cleans up after itself: the account has no pins again.
  pinsmock::test::PinsClient owner(mock.base_url(), "pina_mock_admin_full");
  const auto listed = owner.pins_list();
  REQUIRE(listed.json.IsObject());
  CHECK(listed.json["items"].Empty());
}

TEST_CASE("pins-contract: a tag filter that matches no test fails and lists the known tags",
          "[http][pins-contract]") {
  const Run run = pins_contract("\"[pins/lsit]\"");
  INFO(run.log);
  CHECK(run.exit_code == 2);
  CHECK(run.log.find("no test matches [pins/lsit]") != std::string::npos);
  CHECK(run.log.find("known tags:") != std::string::npos);
  CHECK(run.log.find("[pins/list]") != std::string::npos);
}

TEST_CASE("pins-contract: a report path that cannot be written fails at start with exit 2",
          "[http][pins-contract]") {
  const std::string path = "/nonexistent-pins-dir/report.json";
  const std::string log = "/tmp/pins-contract-report-path-" + std::to_string(getpid()) + ".txt";
  const int status = std::system((std::string(PINS_CONTRACT_BINARY) + " --report " + path +
                                  " \"[pins/get]\" > " + log + " 2>&1")
                                     .c_str());
  const std::string output = slurp(log);
  std::remove(log.c_str());
  INFO(output);
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(output.find("cannot write the report to " + path) != std::string::npos);
  CHECK(output.find("pins-contract: pass") == std::string::npos);
}

TEST_CASE("pins-contract: --version prints the version and exits 0", "[http][pins-contract]") {
  const Run run = pins_contract("--version");
  CHECK(run.exit_code == 0);
  CHECK(run.log == "pins-contract " + std::string(MockServer::version()) + "\n");
}

TEST_CASE("pins-contract: JUnit output counts test cases, not assertions",
          "[http][pins-contract]") {
  const Run run = pins_contract("\"[pins/get]\"", true);
  INFO(run.log);
  CHECK(run.exit_code == 0);
  CHECK(count(run.junit, "<testcase ") == 5);
  CHECK(run.junit.find("tests=\"5\"") != std::string::npos);
  CHECK(run.junit.find("failures=\"0\"") != std::string::npos);
}

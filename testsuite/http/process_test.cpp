// The pins-mock program as CI drives it (issue 8 "Process"): the port file, SIGTERM with
// stalled clients, the banner of an IPv6 host.
#include "http/hostile_support.hpp"
#include "http/program_support.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace pinsmock::test;
using pinsmock::MockServer;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

TEST_CASE("Process: an unwritable --port-file is a start-up error naming the path",
          "[http][process]") {
  ScratchDir dir;
  const std::string port_file = (dir / "missing-dir" / "port").string();
  Program program({"--port", "0", "--port-file", port_file}, dir / "out", dir / "err");
  CHECK(program.wait(10s) == 2);
  CHECK(slurp(dir / "err").find(port_file) != std::string::npos);
}

TEST_CASE("Process: the port file is there before the banner and gone after exit",
          "[http][process]") {
  ScratchDir dir;
  Program program({"--port", "0", "--port-file", (dir / "port").string()}, dir / "out",
                  dir / "err");
  const int port = wait_for_port(dir / "port", 10s);
  REQUIRE(port > 0);
  CHECK(health_seconds(port) < kHealthBound.count() / 1000.0);
  program.signal(SIGTERM);
  CHECK(program.wait(5s) == 0);
  CHECK_FALSE(fs::exists(dir / "port"));
  CHECK(slurp(dir / "out").find("serving http://127.0.0.1:" + std::to_string(port)) !=
        std::string::npos);
}

TEST_CASE("Process: SIGTERM exits within 1 s with stalled clients", "[http][process]") {
  ScratchDir dir;
  Program program({"--port", "0", "--port-file", (dir / "port").string()}, dir / "out",
                  dir / "err");
  const int port = wait_for_port(dir / "port", 10s);
  REQUIRE(port > 0);
  std::vector<RawSocket> stalled;
  for (int i = 0; i < 10; ++i) {
    stalled.emplace_back(port);
    stalled.back().send("GET /v5/pins HTTP/1.1\r\nHost: x\r\n"); // never finished
  }
  std::this_thread::sleep_for(200ms);
  const auto start = Clock::now();
  program.signal(SIGTERM);
  CHECK(program.wait(5s) == 0);
  CHECK(Clock::now() - start < 1s);
}

TEST_CASE("Process: the banner puts an IPv6 host in brackets", "[http][process]") {
  ScratchDir dir;
  Program program({"--host", "::1", "--port", "0", "--port-file", (dir / "port").string()},
                  dir / "out", dir / "err");
  const int port = wait_for_port(dir / "port", 10s);
  REQUIRE(port > 0);
  program.signal(SIGTERM);
  CHECK(program.wait(5s) == 0);
  CHECK(slurp(dir / "out").find("serving http://[::1]:" + std::to_string(port) + "/v5") !=
        std::string::npos);
}

TEST_CASE("Process: an in-process server on ::1 serves under a bracketed URL", "[http][process]") {
  auto options = test_options();
  options.host = "::1";
  MockServer server(options);
  server.start();
  CHECK(server.root_url() == "http://[::1]:" + std::to_string(server.port()));
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));
}

TEST_CASE("Process: --record without --proxy is a usage error", "[http][process][record]") {
  ScratchDir dir;
  Program program({"--port", "0", "--record", (dir / "recorded").string()}, dir / "out",
                  dir / "err");
  CHECK(program.wait(10s) == 2);
  CHECK(slurp(dir / "err").find("--record records what passes through a proxy") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "recorded")); // nothing written before the flags are checked
}

TEST_CASE("Process: pins-mock --proxy --record writes a set that pins-mock --fixtures serves",
          "[http][process][record]") {
  ScratchDir dir;
  MockServer upstream(test_options());
  upstream.start();
  const std::string recording = (dir / "recorded").string();
  Program proxy({"--port", "0", "--port-file", (dir / "port").string(), "--proxy",
                 upstream.base_url(), "--record", recording, "--log"},
                dir / "out", dir / "err");
  const int port = wait_for_port(dir / "port", 10s);
  REQUIRE(port > 0);
  const std::string base = "http://127.0.0.1:" + std::to_string(port) + "/v5";
  const ApiResult through = PinsClient(base, kCreatorToken).pins_get(fixture_pin(1));
  CHECK(through.status == 200);
  proxy.signal(SIGTERM);
  CHECK(proxy.wait(5s) == 0);
  const std::string log = slurp(dir / "err");
  CHECK(log.find("GET /v5/pins/" + fixture_pin(1) + " -> 200") != std::string::npos);
  CHECK(log.find(kCreatorToken) == std::string::npos); // --log names no token

  Program served({"--port", "0", "--port-file", (dir / "port2").string(), "--fixtures",
                  recording, "--today", "2026-11-15"},
                 dir / "out2", dir / "err2");
  const int served_port = wait_for_port(dir / "port2", 10s);
  REQUIRE(served_port > 0);
  const ApiResult replayed =
      PinsClient("http://127.0.0.1:" + std::to_string(served_port) + "/v5",
                 "pina_recorded_mock_creator")
          .pins_get(fixture_pin(1));
  CHECK(replayed.body == through.body);
  served.signal(SIGTERM);
  CHECK(served.wait(5s) == 0);
}

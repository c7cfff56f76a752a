// The contract suite's client waits out 429s instead of failing a live run.
#include "support/api_result.hpp"
#include "support/pins_client.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace pinsmock::test;

namespace {

// Answers 429 with Retry-After: 1 to the first `limited` requests, then 200.
class RateLimitedServer {
public:
  explicit RateLimitedServer(int limited) : limited_(limited) {
    server_.Get(".*", [this](const httplib::Request&, httplib::Response& res) {
      if (calls_++ < limited_) {
        res.status = 429;
        res.set_header("Retry-After", "1");
        res.set_content("{\"code\":8,\"message\":\"rate limited\"}", "application/json");
        return;
      }
      res.set_content("{\"items\":[],\"bookmark\":null}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~RateLimitedServer() {
    server_.stop();
    thread_.join();
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v5"; }
  int calls() const { return calls_; }

private:
  int limited_;
  std::atomic<int> calls_{0};
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

} // namespace

TEST_CASE("PinsClient: retries a 429 after Retry-After and returns the later answer",
          "[http][pins-contract]") {
  RateLimitedServer server(1);
  PinsClient client(server.base_url(), "token");
  client.set_rate_limit_retries(3);
  const auto started = std::chrono::steady_clock::now();
  const ApiResult result = client.pins_list();
  const auto waited = std::chrono::steady_clock::now() - started;
  REQUIRE_THAT(result, HasStatus(200));
  CHECK(server.calls() == 2);
  CHECK(waited >= std::chrono::milliseconds(900));
}

TEST_CASE("PinsClient: gives up after its retries and returns the 429", "[http][pins-contract]") {
  RateLimitedServer server(5);
  PinsClient client(server.base_url(), "token");
  client.set_rate_limit_retries(1);
  REQUIRE_THAT(client.pins_list(), HasStatus(429));
  CHECK(server.calls() == 2);
}

// The connection layer delivers a WireEffect exactly (server/connection.cpp): a real server on
// loopback with one test route per effect, observed by a raw socket client.
#include "core/error_catalog.hpp"
#include "server/connection_server.hpp"
#include "server/httplib_adapter.hpp"
#include "server/wire_codec.hpp"
#include "support/raw_socket.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace pinsmock;
using pinsmock::test::RawSocket;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

namespace {

WireEffect effect_named(const std::string& name) {
  WireEffect effect;
  if (name == "delay")
    effect.delay = 300ms;
  else if (name == "long")
    effect.delay = 60s;
  else if (name == "reset")
    effect.fault = WireEffect::Fault::ConnectionReset;
  else if (name == "empty")
    effect.fault = WireEffect::Fault::EmptyResponse;
  else if (name == "truncated")
    effect.fault = WireEffect::Fault::TruncatedBody;
  else if (name == "slow") {
    effect.fault = WireEffect::Fault::SlowBody;
    effect.body_duration = 400ms;
  }
  return effect;
}

// A ConnectionServer whose one route answers 200 with a 1,000-byte body and the effect named in
// the path: /effect/<name>.
class EffectServer {
public:
  EffectServer()
      : server_(ConnectionLimits{}, [](const HttpRequest&, const ApiError& error) {
          HttpResponse response;
          response.status = error_spec(error.id).status;
          response.body = json::dump(error_body(error));
          return response;
        }) {
    server_.Get("/effect/(\\w+)", [](const httplib::Request& req, httplib::Response& res) {
      HttpResponse response;
      response.body = "\"" + std::string(998, 'x') + "\"";
      response.wire = effect_named(req.matches[1]);
      write_response(response, res);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    server_.after_bind();
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running())
      std::this_thread::sleep_for(1ms);
  }
  ~EffectServer() { stop(); }

  void stop() {
    if (!thread_.joinable())
      return;
    server_.close_connections();
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

private:
  ConnectionServer server_;
  int port_ = 0;
  std::thread thread_;
};

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

} // namespace

TEST_CASE("WireDelivery: a plain answer is whole and never shows the internal header",
          "[unit][server][wire]") {
  EffectServer server;
  RawSocket client(server.port());
  REQUIRE(client.send(test::get_request("/effect/none")));
  const auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->body.size() == 1000);
  CHECK(response->head.find(std::string(kWireEffectHeader)) == std::string::npos);
}

TEST_CASE("WireDelivery: a delay holds back the first byte without holding other clients",
          "[unit][server][wire]") {
  EffectServer server;
  RawSocket delayed(server.port());
  const auto start = SteadyClock::now();
  REQUIRE(delayed.send(test::get_request("/effect/delay")));
  std::this_thread::sleep_for(50ms);
  RawSocket other(server.port());
  REQUIRE(other.send(test::get_request("/effect/none")));
  REQUIRE(other.read_response());
  CHECK(seconds_since(start) < 0.25); // answered while the first one waits
  const auto response = delayed.read_response();
  REQUIRE(response);
  CHECK(seconds_since(start) >= 0.29);
  CHECK(response->body.size() == 1000);
  CHECK(response->head.find(std::string(kWireEffectHeader)) == std::string::npos);
}

TEST_CASE("WireDelivery: ConnectionReset resets without a byte", "[unit][server][wire]") {
  EffectServer server;
  RawSocket client(server.port());
  REQUIRE(client.send(test::get_request("/effect/reset")));
  const RawSocket::Drained drained = client.read_until_closed();
  CHECK(drained.end == RawSocket::End::Reset);
  CHECK(drained.bytes.empty());
}

TEST_CASE("WireDelivery: EmptyResponse closes without a byte", "[unit][server][wire]") {
  EffectServer server;
  RawSocket client(server.port());
  REQUIRE(client.send(test::get_request("/effect/empty")));
  const RawSocket::Drained drained = client.read_until_closed();
  CHECK(drained.end == RawSocket::End::Closed);
  CHECK(drained.bytes.empty());
}

TEST_CASE("WireDelivery: TruncatedBody sends the headers and part of the body, then closes",
          "[unit][server][wire]") {
  EffectServer server;
  RawSocket client(server.port());
  REQUIRE(client.send(test::get_request("/effect/truncated")));
  const RawSocket::Drained drained = client.read_until_closed();
  CHECK(drained.end == RawSocket::End::Closed);
  REQUIRE(drained.bytes.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(drained.bytes.find("Content-Length: 1000\r\n") != std::string::npos);
  const std::size_t body = drained.bytes.size() - (drained.bytes.find("\r\n\r\n") + 4);
  CHECK(body > 0);
  CHECK(body < 1000);
  CHECK(drained.bytes.find(std::string(kWireEffectHeader)) == std::string::npos);
}

TEST_CASE("WireDelivery: SlowBody dribbles the whole body over its duration",
          "[unit][server][wire]") {
  EffectServer server;
  RawSocket client(server.port());
  const auto start = SteadyClock::now();
  REQUIRE(client.send(test::get_request("/effect/slow")));
  const auto response = client.read_response(5s);
  REQUIRE(response);
  CHECK(response->body.size() == 1000);
  CHECK(seconds_since(start) >= 0.35);
  CHECK(seconds_since(start) < 2.0);
  // The connection stays usable afterwards.
  REQUIRE(client.send(test::get_request("/effect/none")));
  CHECK(client.read_response());
}

TEST_CASE("WireDelivery: stop interrupts a 60 s delay at once", "[unit][server][wire]") {
  EffectServer server;
  RawSocket client(server.port());
  REQUIRE(client.send(test::get_request("/effect/long")));
  std::this_thread::sleep_for(100ms);
  const auto start = SteadyClock::now();
  server.stop();
  CHECK(seconds_since(start) < 1.0);
  CHECK(client.read_until_closed(2s).end != RawSocket::End::Timeout);
}

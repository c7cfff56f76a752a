// Faults on the wire, seen from a raw socket: delays, connection_reset, empty_response,
// truncated_body, slow_body. They need the connection layer to honour WireEffect (the transport
// work); malformed_body is content and is tested with the other Prefer tokens.
#include "fault_fixture.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace pinsmock;
using namespace pinsmock::test;

namespace {

std::string pin_path(int n = 1) { return "/v5/pins/" + fixture_pin(n); }

} // namespace

TEST_CASE("wire: Prefer delay=MS answers after MS milliseconds", "[http][wire][prefer]") {
  MockServer server(test_options());
  server.start();
  const WireAnswer answer =
      wire_exchange(server.port(), "GET", pin_path(), "Prefer: delay=400\r\n");
  CHECK(answer.status_line() == "HTTP/1.1 200 OK");
  CHECK(answer.first_byte_ms >= 390);
  CHECK(answer.total_ms < 5000);
}

TEST_CASE("wire: Prefer code=503, delay=300 combine", "[http][wire][prefer]") {
  MockServer server(test_options());
  server.start();
  const WireAnswer answer =
      wire_exchange(server.port(), "GET", pin_path(), "Prefer: code=503, delay=300\r\n");
  CHECK(answer.status_line() == "HTTP/1.1 503 Service Unavailable");
  CHECK(answer.first_byte_ms >= 290);
}

TEST_CASE("wire: delays are capped by max_delay_ms", "[http][wire][prefer]") {
  ServerOptions options = test_options();
  options.max_delay_ms = 200;
  MockServer server(options);
  server.start();
  const WireAnswer answer =
      wire_exchange(server.port(), "GET", pin_path(), "Prefer: delay=60000\r\n");
  CHECK(answer.status_line() == "HTTP/1.1 200 OK");
  CHECK(answer.first_byte_ms >= 190);
  CHECK(answer.total_ms < 3000);
}

TEST_CASE("wire: a rule's delay_ms and a uniform delay hold the answer back",
          "[http][wire][faults]") {
  MockServer server(test_options());
  server.start();
  add_rule(server, R"({"operation": "pins/get", "times": 1, "delay_ms": 300})");
  add_rule(
      server,
      R"({"operation": "pins/list", "delay": {"distribution": "uniform", "min_ms": 200, "max_ms": 250}})");
  const WireAnswer fixed = wire_exchange(server.port(), "GET", pin_path());
  CHECK(fixed.status_line() == "HTTP/1.1 200 OK");
  CHECK(fixed.first_byte_ms >= 290);
  const WireAnswer uniform = wire_exchange(server.port(), "GET", "/v5/pins");
  CHECK(uniform.status_line() == "HTTP/1.1 200 OK");
  CHECK(uniform.first_byte_ms >= 190);
  const WireAnswer untouched = wire_exchange(server.port(), "GET", pin_path());
  CHECK(untouched.first_byte_ms < fixed.first_byte_ms);
}

TEST_CASE("wire: a delayed answer does not hold up other clients", "[http][wire][faults]") {
  MockServer server(test_options());
  server.start();
  add_rule(server, R"({"operation": "pins/list", "delay_ms": 2000})");
  auto slow = std::async(std::launch::async,
                         [&] { return wire_exchange(server.port(), "GET", "/v5/pins"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const WireAnswer quick = wire_exchange(server.port(), "GET", pin_path());
  CHECK(quick.status_line() == "HTTP/1.1 200 OK");
  CHECK(quick.total_ms < 1000);
  CHECK(slow.get().first_byte_ms >= 1990);
}

TEST_CASE("wire: connection_reset resets the connection without a byte", "[http][wire][faults]") {
  MockServer server(test_options());
  server.start();
  const std::string how = GENERATE(as<std::string>{}, "prefer", "rule");
  if (how == "rule")
    add_rule(server, R"({"operation": "pins/get", "fault": "connection_reset"})");
  const WireAnswer answer =
      wire_exchange(server.port(), "GET", pin_path(),
                    how == "prefer" ? "Prefer: fault=connection_reset\r\n" : "");
  CHECK(answer.bytes.empty());
  CHECK(answer.reset);
  CHECK(int_at(journal_of(server)[0], "status") == 0);
}

TEST_CASE("wire: empty_response closes the connection without a byte", "[http][wire][faults]") {
  MockServer server(test_options());
  server.start();
  const WireAnswer answer =
      wire_exchange(server.port(), "GET", pin_path(), "Prefer: fault=empty_response\r\n");
  CHECK(answer.bytes.empty());
  CHECK(answer.closed);
  CHECK_FALSE(answer.reset);
}

TEST_CASE("wire: truncated_body sends the headers and part of the body, then closes",
          "[http][wire][faults]") {
  MockServer server(test_options());
  server.start();
  const WireAnswer answer =
      wire_exchange(server.port(), "GET", pin_path(), "Prefer: fault=truncated_body\r\n");
  CHECK(answer.status_line() == "HTTP/1.1 200 OK");
  CHECK(answer.closed);
  REQUIRE(answer.content_length() > 0);
  CHECK(static_cast<long>(answer.body().size()) < answer.content_length());
  CHECK_FALSE(answer.body().empty());
}

TEST_CASE("wire: slow_body dribbles the whole body out over the delay", "[http][wire][faults]") {
  MockServer server(test_options());
  server.start();
  add_rule(server, R"({"operation": "pins/get", "fault": "slow_body", "delay_ms": 800})");
  const WireAnswer answer = wire_exchange(server.port(), "GET", pin_path());
  CHECK(answer.status_line() == "HTTP/1.1 200 OK");
  CHECK(static_cast<long>(answer.body().size()) == answer.content_length());
  CHECK(answer.first_byte_ms < 400);
  CHECK(answer.total_ms >= 750);
}

TEST_CASE("wire: connection_reset \"after\" on create writes the pin the client never hears of",
          "[http][wire][faults]") {
  MockServer server(test_options());
  server.start();
  add_rule(
      server,
      R"({"operation": "pins/create", "times": 1, "when": "after", "fault": "connection_reset"})");
  PinsClient client(server.base_url(), kCreatorToken);
  const std::size_t before = walk_list(client, {}).ids.size();
  const WireAnswer answer =
      wire_exchange(server.port(), "POST", "/v5/pins", "", sample("pins.create.image_url"));
  CHECK(answer.bytes.empty());
  CHECK(answer.reset);
  CHECK(walk_list(client, {}).ids.size() == before + 1);
  const json::Document journal = journal_of(server);
  CHECK(int_at(journal[1], "status") == 0);
  CHECK(int_at(journal[1], "shaped_by/handler_status") == 201);
  CHECK(str_at(journal[1], "shaped_by/fault") == "connection_reset");
}

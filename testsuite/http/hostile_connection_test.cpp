// Hostile clients against the connection layer (issue 8): none of them may starve, hang or
// bloat the server. Catch2 assertions are not thread-safe: helper threads only count.
#include "http/hostile_support.hpp"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace pinsmock::test;
using pinsmock::MockServer;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST_CASE("Hostile: 16 busy keep-alive clients do not lock out a 17th", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  const std::size_t memory_before = memory_in_use();
  std::atomic<int> answered{0};
  std::atomic<bool> done{false};
  std::vector<std::thread> clients;
  for (int i = 0; i < 16; ++i)
    clients.emplace_back([&] {
      RawSocket socket(server.port());
      while (!done) {
        if (!socket.send(get_request("/__admin/health")) || !socket.read_response(3s))
          return;
        ++answered;
        std::this_thread::sleep_for(100ms); // shorter than any keep-alive time-out
      }
    });
  std::this_thread::sleep_for(500ms);
  const double health = health_seconds(server.port());
  done = true;
  for (std::thread& client : clients)
    client.join();
  CHECK(health < kHealthBound.count() / 1000.0);
  CHECK(answered >= 16);
  CHECK(memory_in_use() < memory_before + kMemoryGrowthBound);
}

TEST_CASE("Hostile: 16 clients that never read their answers do not delay others",
          "[http][hostile]") {
  auto options = hostile_options();
  options.response_check = pinsmock::ValidationMode::Off; // starve the server of workers, not CPU
  MockServer server(options);
  server.start();
  // Large answers (a page of 250 pins, ~300 KB) fill the socket buffers within a few requests.
  PinsClient writer(server.base_url(), kCreatorToken);
  const std::string create = sample("pins.create.image_url");
  for (int i = 0; i < 220; ++i)
    writer.pins_create(create);
  const std::string list = get_request("/v5/pins?page_size=250", kCreatorToken);
  std::vector<RawSocket> stalled;
  for (int i = 0; i < 16; ++i) {
    stalled.emplace_back(server.port());
    stalled.back().set_receive_buffer(4096);
  }
  std::atomic<bool> done{false};
  std::vector<std::thread> senders;
  for (RawSocket& socket : stalled)
    senders.emplace_back([&] {
      while (!done) { // one request after another, never reading an answer
        socket.send(list, 50ms);
        std::this_thread::sleep_for(20ms);
      }
    });
  std::this_thread::sleep_for(1000ms);
  const double health = health_seconds(server.port());
  done = true;
  for (std::thread& sender : senders)
    sender.join();
  CHECK(health < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: a client that never reads is dropped after the write time-out",
          "[http][hostile]") {
  auto options = hostile_options();
  options.response_check = pinsmock::ValidationMode::Off;
  options.write_timeout = std::chrono::milliseconds(300);
  MockServer server(options);
  server.start();
  PinsClient writer(server.base_url(), kCreatorToken);
  for (int i = 0; i < 220; ++i)
    writer.pins_create(sample("pins.create.image_url"));
  RawSocket socket(server.port());
  socket.set_receive_buffer(4096);
  std::string burst; // 100 answers of ~300 KB: far more than the socket buffers hold
  for (int i = 0; i < 100; ++i)
    burst += get_request("/v5/pins?page_size=250", kCreatorToken);
  REQUIRE(socket.send(burst));
  std::this_thread::sleep_for(2s); // the server fills the buffers, then waits on us in vain
  const RawSocket::Drained drained = socket.read_until_closed(10s);
  CHECK(drained.end == RawSocket::End::Reset); // not left to the kernel to deliver for minutes
  CHECK(drained.bytes.size() < 100u * 250 * 1000); // it stopped answering
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: 200 slowloris connections do not delay a GET, and each gets a 408",
          "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  const std::size_t memory_before = memory_in_use();
  std::vector<RawSocket> slow;
  for (int i = 0; i < 200; ++i) {
    slow.emplace_back(server.port());
    slow.back().send("GET /v5/pins HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
  }
  std::this_thread::sleep_for(300ms);
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
  // The request deadline (2 s here) answers 408 JSON and closes.
  const auto timed_out = slow.front().read_response(5s);
  REQUIRE(timed_out);
  CHECK(is_error_json(*timed_out, 408));
  CHECK(memory_in_use() < memory_before + kMemoryGrowthBound);
}

TEST_CASE("Hostile: 1,000 idle connections do not block anyone", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  const std::size_t memory_before = memory_in_use();
  std::vector<RawSocket> idle;
  for (int i = 0; i < 1000; ++i)
    idle.emplace_back(server.port());
  std::this_thread::sleep_for(200ms);
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
  CHECK(memory_in_use() < memory_before + kMemoryGrowthBound);
}

TEST_CASE("Hostile: 500 simultaneous connects are all answered", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  std::vector<RawSocket> sockets;
  for (int i = 0; i < 500; ++i)
    sockets.emplace_back(server.port(), false); // handshakes all in flight at once
  int answered = 0;
  const auto deadline = Clock::now() + 3s * kSanitizerSlowdown;
  for (RawSocket& socket : sockets) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() > 0 && socket.send(get_request("/__admin/health"), left) &&
        socket.read_response(std::max(left, 1ms)))
      ++answered;
  }
  CHECK(answered == 500);
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: 100 pipelined requests are all answered, in order", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  RawSocket socket(server.port());
  std::string burst;
  for (int i = 0; i < 100; ++i)
    burst += get_request("/v5/pins/" + fixture_pin(i % 30 + 1), kCreatorToken);
  REQUIRE(socket.send(burst));
  int in_order = 0;
  for (int i = 0; i < 100; ++i) {
    const auto response = socket.read_response(5s);
    if (!response)
      break;
    pinsmock::json::Document body;
    if (response->status == 200 && !pinsmock::json::parse_into(body, response->body) &&
        str_at(body, "id") == fixture_pin(i % 30 + 1))
      ++in_order;
  }
  CHECK(in_order == 100);
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: at the connection cap the longest-idle connection makes room, else 503",
          "[http][hostile]") {
  auto options = hostile_options();
  options.max_connections = 3;
  MockServer server(options);
  server.start();
  std::vector<RawSocket> kept;
  for (int i = 0; i < 3; ++i) {
    kept.emplace_back(server.port());
    REQUIRE(kept.back().send(get_request("/__admin/health")));
    REQUIRE(kept.back().read_response());
    std::this_thread::sleep_for(20ms);
  }
  // A fourth client is served; the first (idle longest) is closed for it.
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
  CHECK(kept.front().read_until_closed(2s).end != RawSocket::End::Timeout);

  // Three connections in mid-request are not idle: a fourth is refused with a JSON 503.
  std::vector<RawSocket> busy;
  for (int i = 0; i < 3; ++i) {
    busy.emplace_back(server.port());
    busy.back().send("GET /v5/pins HTTP/1.1\r\n");
  }
  std::this_thread::sleep_for(200ms);
  RawSocket refused(server.port());
  const auto answer = refused.read_response(3s);
  REQUIRE(answer);
  CHECK(is_error_json(*answer, 503));
  busy.clear(); // room again: the server is alive and answers
  std::this_thread::sleep_for(100ms);
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: an idle keep-alive connection is closed after the idle time-out",
          "[http][hostile]") {
  auto options = hostile_options();
  options.idle_timeout = 300ms;
  MockServer server(options);
  server.start();
  RawSocket socket(server.port());
  REQUIRE(socket.send(get_request("/__admin/health")));
  REQUIRE(socket.read_response());
  const auto start = Clock::now();
  CHECK(socket.read_until_closed(3s).end == RawSocket::End::Closed);
  CHECK(Clock::now() - start < 2s);
}

TEST_CASE("Hostile: stop returns within 1 s whatever the clients do", "[http][hostile]") {
  auto server = std::make_unique<MockServer>(test_options()); // default (long) time-outs
  server->start();
  std::vector<RawSocket> clients;
  for (int i = 0; i < 20; ++i) {
    clients.emplace_back(server->port());
    if (i % 3 == 0)
      clients.back().send("GET /v5/pins HTTP/1.1\r\nHost: x\r\n"); // slowloris
    if (i % 3 == 1) {
      clients.back().set_receive_buffer(4096);
      std::string many;
      for (int k = 0; k < 100; ++k)
        many += get_request("/v5/pins?page_size=250", kCreatorToken);
      clients.back().send(many, 100ms); // never reads
    }
  }
  std::this_thread::sleep_for(300ms);
  const auto start = Clock::now();
  server->stop();
  CHECK(Clock::now() - start < 1s);
}

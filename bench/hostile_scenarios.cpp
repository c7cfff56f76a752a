#include "hostile_scenarios.hpp"

#include "pinsmock/mock_server.hpp"
#include "support/raw_socket.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace pinsmock::bench {
namespace {

using test::RawSocket;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

const std::string kPin = "1300000000000000001";

struct Latency {
  double p50_ms = 0;
  double p99_ms = 0;
  int failures = 0;
};

// `samples` fresh connections, one GET /v5/pins/{id} each, one after the other.
Latency new_client_latency(const MockServer& server, int samples) {
  std::vector<double> ms;
  Latency latency;
  for (int i = 0; i < samples; ++i) {
    const auto start = Clock::now();
    try {
      RawSocket client(server.port());
      if (client.send(test::get_request("/v5/pins/" + kPin, server.default_token())) &&
          client.read_response(10s)) {
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        continue;
      }
    } catch (const std::exception&) {
    }
    ++latency.failures;
  }
  if (ms.empty())
    return latency;
  std::sort(ms.begin(), ms.end());
  latency.p50_ms = ms[ms.size() / 2];
  latency.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  return latency;
}

void latency_row(const char* name, const Latency& latency, const Latency* baseline,
                 const char* target) {
  std::printf("  %-44s %8.2f %8.2f %5d", name, latency.p50_ms, latency.p99_ms, latency.failures);
  if (baseline && baseline->p99_ms > 0)
    std::printf("  %6.1f", latency.p99_ms / baseline->p99_ms);
  else
    std::printf("  %6s", "");
  std::printf("   %s\n", target);
}

// A fresh server, `crowd` connections made by `open`, then the new-client latency.
Latency with_crowd(int crowd, const std::function<void(RawSocket&)>& open, int samples) {
  MockServer server;
  server.start();
  std::vector<RawSocket> held;
  held.reserve(static_cast<std::size_t>(crowd));
  for (int i = 0; i < crowd; ++i) {
    held.emplace_back(server.port());
    open(held.back());
  }
  std::this_thread::sleep_for(100ms);
  return new_client_latency(server, samples);
}

int simultaneous_connects(int count) {
  MockServer server;
  server.start();
  std::vector<RawSocket> sockets;
  for (int i = 0; i < count; ++i)
    sockets.emplace_back(server.port(), false);
  int answered = 0;
  for (RawSocket& socket : sockets)
    if (socket.send(test::get_request("/__admin/health"), 5s) && socket.read_response(5s))
      ++answered;
  return answered;
}

int pipelined_in_order(int count) {
  MockServer server;
  server.start();
  RawSocket socket(server.port());
  std::string burst;
  for (int i = 0; i < count; ++i)
    burst += test::get_request("/v5/pins/" + kPin + "?n=" + std::to_string(i),
                               server.default_token());
  socket.send(burst);
  int answered = 0;
  for (int i = 0; i < count; ++i) {
    const auto response = socket.read_response(5s);
    if (!response || response->status != 200)
      break;
    ++answered;
  }
  return answered;
}

double stop_seconds_with_stalled_clients() {
  MockServer server;
  server.start();
  std::vector<RawSocket> stalled;
  std::string many;
  for (int k = 0; k < 100; ++k)
    many += test::get_request("/v5/pins?page_size=250", server.default_token());
  for (int i = 0; i < 30; ++i) {
    stalled.emplace_back(server.port());
    if (i % 2 == 0) {
      stalled.back().send("GET /v5/pins HTTP/1.1\r\nHost: x\r\n"); // slowloris
    } else {
      stalled.back().set_receive_buffer(4096);
      stalled.back().send(many, 100ms); // never reads
    }
  }
  std::this_thread::sleep_for(300ms);
  const auto start = Clock::now();
  server.stop();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

void run_hostile_scenarios(int samples) {
  std::printf("\npins-bench connections: a new client's GET /pins/{id} (fresh connection), %d "
              "samples each\n",
              samples);
  std::printf("  %-44s %8s %8s %5s  %6s   %s\n", "while other clients hold", "p50 ms", "p99 ms",
              "fail", "x base", "target");
  const Latency baseline = with_crowd(0, [](RawSocket&) {}, samples);
  latency_row("nothing (baseline)", baseline, nullptr, "");
  const std::string health = test::get_request("/__admin/health");
  latency_row("256 idle keep-alive connections",
              with_crowd(256, [&](RawSocket& s) { s.send(health); s.read_response(5s); }, samples),
              &baseline, "p99 <= 100 ms");
  latency_row("1,000 idle connections (no request)", with_crowd(1000, [](RawSocket&) {}, samples),
              &baseline, "p99 <= 1 s");
  latency_row("200 slowloris connections",
              with_crowd(200, [](RawSocket& s) { s.send("GET /v5/pins HTTP/1.1\r\nHost: x\r\n"); },
                         samples),
              &baseline, "p99 <= 1 s");
  std::printf("  %-44s %8d / 500                  target 500\n", "500 simultaneous connects answered",
              simultaneous_connects(500));
  std::printf("  %-44s %8d / 100                  target 100\n", "100 pipelined requests, in order",
              pipelined_in_order(100));
  std::printf("  %-44s %8.3f s                     target <= 1 s\n",
              "stop() with 30 stalled clients", stop_seconds_with_stalled_clients());
}

} // namespace pinsmock::bench

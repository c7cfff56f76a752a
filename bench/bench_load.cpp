#include "bench_load.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>
#include <unistd.h>
#include <vector>

namespace pinsmock::bench {

using SteadyClock = std::chrono::steady_clock;

Figures load(const std::string& base_url, const std::string& token, int connections,
             double seconds, const Request& request) {
  std::atomic<bool> stop{false};
  std::atomic<bool> go{false};
  std::atomic<int> connected{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(connections));
  std::vector<std::uint64_t> errors(static_cast<std::size_t>(connections), 0);
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c)
    threads.emplace_back([&, c] {
      test::PinsClient client(base_url, token);
      auto& mine = latencies[static_cast<std::size_t>(c)];
      mine.reserve(1 << 16);
      // Connect first, untimed: httplib's listen backlog of 5 would otherwise make a burst of
      // new connections wait for SYN retransmits (~1 s), which says nothing about either server.
      request(client, -1);
      ++connected;
      while (!go.load())
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      for (int i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        const auto t0 = SteadyClock::now();
        const int status = request(client, i);
        mine.push_back(std::chrono::duration<double, std::micro>(SteadyClock::now() - t0).count());
        errors[static_cast<std::size_t>(c)] += status >= 200 && status < 300 ? 0 : 1;
      }
    });
  while (connected.load() < connections)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto started = SteadyClock::now();
  go = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads)
    t.join();
  const double elapsed = std::chrono::duration<double>(SteadyClock::now() - started).count();
  std::vector<double> all;
  Figures f;
  for (std::size_t c = 0; c < latencies.size(); ++c) {
    all.insert(all.end(), latencies[c].begin(), latencies[c].end());
    f.errors += errors[c];
  }
  if (all.empty())
    return f;
  std::sort(all.begin(), all.end());
  f.requests = all.size();
  f.requests_per_second = static_cast<double>(all.size()) / elapsed;
  f.p50_us = all[all.size() / 2];
  f.p99_us = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  return f;
}

struct BareServer::Impl {
  std::string body;
  int status = 200;
  httplib::Server server;
  std::thread thread;
  int port = 0;
};

BareServer::BareServer(std::string body, int status) : impl_(std::make_unique<Impl>()) {
  impl_->body = std::move(body);
  impl_->status = status;
  httplib::Server& server = impl_->server;
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  server.set_keep_alive_timeout(1);
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::max<std::size_t>(8, 4 * hardware);
  server.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  auto answer = [this](const httplib::Request&, httplib::Response& res) {
    res.status = impl_->status;
    res.set_content(impl_->body, "application/json");
  };
  server.Get(".*", answer);
  server.Post(".*", answer);
  server.Patch(".*", answer);
  impl_->port = server.bind_to_any_port("127.0.0.1");
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  while (!server.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

BareServer::~BareServer() {
  impl_->server.stop();
  impl_->thread.join();
}

std::string BareServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + "/v5";
}

long resident_kib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

} // namespace pinsmock::bench

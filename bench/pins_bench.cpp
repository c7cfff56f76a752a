// pins-bench: how fast is pins-mock next to a bare cpp-httplib server configured the same way?
// Both run in this process on loopback, measured in the same run (these machines are noisy, so
// only ratios against the same-run baseline mean anything). Prints a table; asserts nothing.
#include "fault_stage_cost.hpp"
#include "hostile_scenarios.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/mock_server.hpp"
#include "support/pins_client.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace pinsmock;
using namespace pinsmock::test;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  double seconds = 3;
  int connections = 8;
  int memory_pins = 20000;
};

struct Figures {
  double requests_per_second = 0;
  double p50_us = 0;
  double p99_us = 0;
  std::uint64_t errors = 0;
};

// `connections` threads, each with one keep-alive client, call `request` until time is up.
Figures load(const std::string& base_url, const std::string& token, const Options& options,
             const std::function<int(PinsClient&, int)>& request) {
  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> latencies(options.connections);
  std::vector<std::uint64_t> errors(options.connections, 0);
  std::vector<std::thread> threads;
  const auto started = Clock::now();
  for (int c = 0; c < options.connections; ++c)
    threads.emplace_back([&, c] {
      PinsClient client(base_url, token);
      for (int i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        const auto t0 = Clock::now();
        const int status = request(client, i);
        latencies[c].push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        errors[c] += status >= 200 && status < 300 ? 0 : 1;
      }
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
  stop = true;
  for (auto& t : threads)
    t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  std::vector<double> all;
  Figures f;
  for (int c = 0; c < options.connections; ++c) {
    all.insert(all.end(), latencies[c].begin(), latencies[c].end());
    f.errors += errors[c];
  }
  if (all.empty())
    return f;
  std::sort(all.begin(), all.end());
  f.requests_per_second = static_cast<double>(all.size()) / elapsed;
  f.p50_us = all[all.size() / 2];
  f.p99_us = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  return f;
}

// The baseline: cpp-httplib with the mock's socket settings, answering fixed bytes.
class BareServer {
public:
  explicit BareServer(std::string body) : body_(std::move(body)) {
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(100000);
    server_.set_keep_alive_timeout(1);
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::max<std::size_t>(8, 4 * hardware);
    server_.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
    server_.Get(".*", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(body_, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~BareServer() {
    server_.stop();
    thread_.join();
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v5"; }

private:
  std::string body_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

long resident_kib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

void row(const std::string& name, const Figures& f, const Figures* baseline) {
  std::printf("  %-34s %10.0f %9.0f %9.0f %7llu", name.c_str(), f.requests_per_second, f.p50_us,
              f.p99_us, static_cast<unsigned long long>(f.errors));
  if (baseline && baseline->requests_per_second > 0)
    std::printf("   %5.2f", f.requests_per_second / baseline->requests_per_second);
  std::printf("\n");
}

} // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--seconds" && i + 1 < argc)
      options.seconds = std::stod(argv[++i]);
    else if (arg == "--connections" && i + 1 < argc)
      options.connections = std::stoi(argv[++i]);
    else if (arg == "--memory-pins" && i + 1 < argc)
      options.memory_pins = std::stoi(argv[++i]);
    else {
      std::cerr << "usage: pins-bench [--seconds S] [--connections C] [--memory-pins N]\n";
      return 2;
    }
  }
  const std::string pin_id = "1300000000000000001";

  ServerOptions report_options;
  report_options.response_check = ValidationMode::Report; // what `pins-mock` runs with
  MockServer mock(report_options);
  mock.start();
  ServerOptions off_options;
  off_options.response_check = ValidationMode::Off;
  MockServer unchecked(off_options);
  unchecked.start();
  const std::string token = mock.default_token();

  // The baseline serves the very bytes the mock answers for this pin.
  PinsClient probe(mock.base_url(), token);
  BareServer bare(probe.pins_get(pin_id).body);

  auto get_pin = [&](PinsClient& c, int) { return c.pins_get(pin_id).status; };
  auto list_page = [&](PinsClient& c, int) { return c.pins_list({{"page_size", "25"}}).status; };
  const std::string create_body =
      "{\"board_id\": \"1100000000000000001\", \"title\": \"bench\", \"media_source\": "
      "{\"source_type\": \"image_url\", \"url\": \"https://example.com/a.jpg\"}}";
  auto create_pin = [&](PinsClient& c, int) { return c.pins_create(create_body).status; };

  std::printf("pins-bench: %d keep-alive connections, %.1f s per scenario, %u hardware threads\n",
              options.connections, options.seconds, std::thread::hardware_concurrency());
  std::printf("  %-34s %10s %9s %9s %7s   %s\n", "scenario", "req/s", "p50 us", "p99 us",
              "errors", "x baseline");
  const Figures baseline = load(bare.base_url(), token, options, get_pin);
  row("baseline: bare httplib, same bytes", baseline, nullptr);
  row("GET /pins/{id} (response check on)", load(mock.base_url(), token, options, get_pin), &baseline);
  row("GET /pins/{id} (response check off)", load(unchecked.base_url(), token, options, get_pin),
      &baseline);
  row("GET /pins?page_size=25 (check on)", load(mock.base_url(), token, options, list_page),
      &baseline);
  row("GET /pins?page_size=25 (check off)", load(unchecked.base_url(), token, options, list_page),
      &baseline);
  row("POST /pins", load(mock.base_url(), token, options, create_pin), &baseline);

  // Failure simulation: the same GET with the stage busy (rate limits on, 10 rules that do not
  // match), and the idle stage's own cost next to one map lookup.
  char limits_path[] = "/tmp/pins-bench-limits-XXXXXX";
  const int limits_fd = mkstemp(limits_path);
  const std::string limits = "{\"org_read\": {\"limit\": 1000000000, \"window_seconds\": 60}}";
  if (limits_fd < 0 || write(limits_fd, limits.data(), limits.size()) != static_cast<ssize_t>(limits.size()))
    return 1;
  close(limits_fd);
  ServerOptions busy_options = report_options;
  busy_options.rate_limits = limits_path; // on, but never reached
  MockServer busy(busy_options);
  std::remove(limits_path);
  busy.start();
  for (int i = 0; i < 10; ++i)
    busy.add_fault("{\"operation\": \"pins/create\", \"status\": 503}");
  row("GET /pins/{id}, rate limits + 10 rules", load(busy.base_url(), token, options, get_pin),
      &baseline);
  busy.stop();
  const auto cost = pinsmock::bench::measure_fault_stage(
      static_cast<std::size_t>(std::max(200000.0, options.seconds * 2e6)));
  std::printf("  fault stage, nothing configured: %.1f ns per request; one std::map lookup of the "
              "operation id: %.1f ns (ratio %.2f)\n",
              cost.stage_ns, cost.lookup_ns, cost.lookup_ns > 0 ? cost.stage_ns / cost.lookup_ns : 0);

  // Memory: resident growth per stored pin, measured with the in-process store.
  mock.reset();
  PinsClient writer(unchecked.base_url(), token);
  unchecked.reset();
  const long before = resident_kib();
  for (int i = 0; i < options.memory_pins; ++i)
    writer.pins_create(create_body);
  const long after = resident_kib();
  std::printf("  memory: %d pins created, resident +%ld KiB (%.2f KiB per pin)\n",
              options.memory_pins, after - before,
              options.memory_pins ? static_cast<double>(after - before) / options.memory_pins : 0);

  // Connection scenarios: as many samples as a scenario's time allows (the smoke run: few).
  pinsmock::bench::run_hostile_scenarios(std::clamp(static_cast<int>(options.seconds * 100), 10, 500));
  return 0;
}

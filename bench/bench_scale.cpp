#include "bench_scale.hpp"

#include "bench_load.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/mock_server.hpp"
#include "support/pins_client.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace pinsmock::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double ms_since(SteadyClock::time_point t0) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

double median(std::vector<double> v) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

long vm_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0)
      return std::stol(line.substr(6));
  return -1;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A fixture set: the default one plus `extra` copies of its first pin under fresh ids.
fs::path write_fixture_set(const std::string& fixtures_dir, int extra) {
  const fs::path dir = fs::temp_directory_path() /
                       ("pins-bench-fixtures-" + std::to_string(getpid()) + "-" +
                        std::to_string(extra));
  fs::remove_all(dir);
  fs::copy(fixtures_dir, dir, fs::copy_options::recursive);
  json::Document doc;
  if (json::parse_into(doc, read_file(dir / "pins.json")))
    throw std::runtime_error("pins-bench: cannot parse " + (dir / "pins.json").string());
  const json::Value& pins = doc["pins"];
  std::ofstream out(dir / "pins.json", std::ios::binary | std::ios::trunc);
  out << "{\"pins\": [";
  for (rapidjson::SizeType i = 0; i < pins.Size(); ++i)
    out << (i ? ",\n" : "\n") << json::dump(pins[i]);
  json::Document entry;
  entry.CopyFrom(pins[0], entry.GetAllocator());
  json::Value& pin = entry["pin"];
  for (int i = 0; i < extra; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "13500%014d", i);
    pin["id"].SetString(id, entry.GetAllocator());
    out << ",\n" << json::dump(entry);
  }
  out << "\n]}\n";
  return dir;
}

std::string generated_id(int i) {
  char id[32];
  std::snprintf(id, sizeof id, "13500%014d", i);
  return id;
}

struct Latency {
  double get_p50 = 0, page_p50 = 0;
};

Latency latency(MockServer& server, int pins) {
  test::PinsClient client(server.base_url(), server.default_token());
  std::vector<double> gets, pages;
  for (int i = 0; i < 2000; ++i) {
    const auto t0 = SteadyClock::now();
    client.pins_get(generated_id(static_cast<int>((i * 7919LL) % pins)));
    gets.push_back(ms_since(t0) * 1000);
  }
  for (int i = 0; i < 1000; ++i) {
    const auto t0 = SteadyClock::now();
    client.pins_list({{"page_size", "25"}});
    pages.push_back(ms_since(t0) * 1000);
  }
  return {median(gets), median(pages)};
}

} // namespace

StartupFigures measure_startup(const std::string& program, const std::string& token,
                               const std::string& pin_id) {
  StartupFigures f;
  const std::string port_file =
      (fs::temp_directory_path() / ("pins-bench-port-" + std::to_string(getpid()))).string();
  fs::remove(port_file);
  const auto t0 = SteadyClock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    // The program's banner would mix with the table.
    if (FILE* null = std::fopen("/dev/null", "w")) {
      dup2(fileno(null), STDOUT_FILENO);
      dup2(fileno(null), STDERR_FILENO);
    }
    execl(program.c_str(), program.c_str(), "--port", "0", "--port-file", port_file.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pid < 0)
    return f;
  int port = 0;
  while (ms_since(t0) < 10000 && port == 0) {
    std::ifstream in(port_file);
    std::string text;
    if (std::getline(in, text) && !in.eof())
      port = std::stoi(text);
    else
      std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  if (port != 0) {
    httplib::Client client("127.0.0.1", port);
    const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
    while (ms_since(t0) < 10000) {
      auto res = client.Get(("/v5/pins/" + pin_id).c_str(), auth);
      if (res && res->status == 200) {
        f.first_answer_ms = ms_since(t0);
        break;
      }
    }
    f.idle_rss_kib = vm_rss_kib(pid);
    std::vector<double> resets;
    for (int i = 0; i < 21; ++i) {
      const auto r0 = SteadyClock::now();
      if (auto res = client.Post("/__admin/reset"); res && res->status < 300)
        resets.push_back(ms_since(r0));
    }
    f.reset_ms = resets.empty() ? -1 : median(resets);
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  fs::remove(port_file);
  return f;
}

MemoryFigures measure_memory(int pins, const std::string& create_body) {
  ServerOptions options;
  options.response_check = ValidationMode::Report;
  MockServer server(options);
  server.start();
  const long before = resident_kib();
  constexpr int kWriters = 4;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      test::PinsClient client(server.base_url(), server.default_token());
      for (int i = w; i < pins; i += kWriters)
        client.pins_create(create_body);
    });
  for (auto& t : writers)
    t.join();
  const long after = resident_kib();
  return {pins, pins ? static_cast<double>(after - before) / pins : 0};
}

SessionFigures measure_sessions(int count) {
  ServerOptions options;
  options.response_check = ValidationMode::Report;
  MockServer server(options);
  server.start();
  std::vector<Session> sessions;
  sessions.reserve(static_cast<std::size_t>(count));
  const long before = resident_kib();
  for (int i = 0; i < count; ++i)
    sessions.push_back(server.new_session());
  const long created = resident_kib();
  for (const Session& session : sessions)
    test::PinsClient(server.base_url(), session.token()).pins_list({{"page_size", "1"}});
  const long used = resident_kib();
  const double n = count > 0 ? count : 1;
  return {count, static_cast<double>(created - before) / n, static_cast<double>(used - before) / n};
}

FixtureFigures measure_fixture_load(const std::string& fixtures_dir, int pins) {
  FixtureFigures f;
  f.pins = pins;
  const fs::path dir = write_fixture_set(fixtures_dir, pins);
  {
    ServerOptions options;
    options.fixtures_dir = fixtures_dir;
    const auto t0 = SteadyClock::now();
    MockServer server(options);
    f.default_ms = ms_since(t0);
  }
  {
    ServerOptions options;
    options.fixtures_dir = dir.string();
    const auto t0 = SteadyClock::now();
    MockServer server(options);
    f.load_ms = ms_since(t0);
  }
  fs::remove_all(dir);
  return f;
}

ScaleFigures measure_scale(const std::string& fixtures_dir, int pins) {
  ScaleFigures f;
  f.small_pins = 1000;
  f.large_pins = pins;
  {
    const fs::path dir = write_fixture_set(fixtures_dir, f.small_pins);
    ServerOptions options;
    options.fixtures_dir = dir.string();
    MockServer server(options);
    server.start();
    const Latency small = latency(server, f.small_pins);
    f.get_p50_small_us = small.get_p50;
    f.page_p50_small_us = small.page_p50;
    fs::remove_all(dir);
  }
  const fs::path dir = write_fixture_set(fixtures_dir, pins);
  ServerOptions options;
  options.fixtures_dir = dir.string();
  const auto t0 = SteadyClock::now();
  MockServer server(options);
  f.load_seconds = ms_since(t0) / 1000;
  fs::remove_all(dir);
  server.start();
  const Latency large = latency(server, pins);
  f.get_p50_large_us = large.get_p50;
  f.page_p50_large_us = large.page_p50;

  // The whole list, 250 at a time: every page should cost the same wherever it is.
  test::PinsClient client(server.base_url(), server.default_token());
  std::vector<double> page_us;
  std::string bookmark;
  const auto w0 = SteadyClock::now();
  for (;;) {
    test::Query query = {{"page_size", "250"}};
    if (!bookmark.empty())
      query.emplace_back("bookmark", bookmark);
    const auto p0 = SteadyClock::now();
    test::ApiResult page = client.pins_list(query);
    page_us.push_back(ms_since(p0) * 1000);
    json::Document doc;
    if (page.status != 200 || json::parse_into(doc, page.body))
      break;
    auto next = json::get_string(doc, "bookmark");
    if (!next)
      break;
    bookmark = std::string(*next);
  }
  f.walk_seconds = ms_since(w0) / 1000;
  f.walk_pages = static_cast<int>(page_us.size());
  const std::size_t tenth = std::max<std::size_t>(1, page_us.size() / 10);
  double first = 0, last = 0;
  for (std::size_t i = 0; i < tenth; ++i) {
    first += page_us[i];
    last += page_us[page_us.size() - 1 - i];
  }
  f.walk_first_tenth_us_per_page = first / static_cast<double>(tenth);
  f.walk_last_tenth_us_per_page = last / static_cast<double>(tenth);
  return f;
}

} // namespace pinsmock::bench

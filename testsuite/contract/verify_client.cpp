#include "verify_client.hpp"

#include "fault_report.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/mock_server.hpp"
#include "pinsmock/startup_error.hpp"
#include "support/pins_client.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

namespace pinsmock::test {
namespace {

constexpr const char* kUsage =
    "usage: pins-contract verify-client [--report FILE.json] [--fixtures DIR] [--today YYYY-MM-DD]\n"
    "                                   [--timeout SECONDS] [--allow-violations] [--faults FILE.json]\n"
    "                                   -- COMMAND ARGS...\n";

struct Options {
  std::string report_path;
  std::string fixtures_dir;
  std::string today;
  int timeout_seconds = 600;
  bool allow_violations = false;
  std::string faults_path; // a fault script: the report says what the client did after each failure
  std::vector<std::string> command;
};

struct CommandResult {
  int exit_code = -1; // -1: could not start; 124: timed out
  bool timed_out = false;
};

// Runs the client with the mock's coordinates in its environment; kills it after the timeout.
CommandResult run_command(const std::vector<std::string>& command,
                          const std::vector<std::pair<std::string, std::string>>& env,
                          int timeout_seconds) {
  const pid_t pid = fork();
  if (pid < 0)
    return {};
  if (pid == 0) {
    for (const auto& [name, value] : env)
      setenv(name.c_str(), value.c_str(), 1);
    std::vector<char*> argv;
    for (const std::string& arg : command)
      argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    std::perror(("pins-contract: cannot run " + command.front()).c_str());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return {124, true};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status))
    return {WEXITSTATUS(status), false};
  return {128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0), false};
}

json::Document fetch_admin(PinsClient& admin, const std::string& path) {
  ApiResult result = admin.raw("GET", path);
  json::Document doc;
  doc.CopyFrom(result.json, doc.GetAllocator());
  return doc;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width)
    text.append(width - text.size(), ' ');
  return text + " ";
}

void print_report(std::ostream& out, const Options& options, const CommandResult& result,
                  const json::Value& requests, const json::Value& violations,
                  const json::Value& coverage, const std::vector<std::string>& internal_errors) {
  std::string command;
  for (const std::string& arg : options.command)
    command += (command.empty() ? "" : " ") + arg;
  out << "\npins-contract verify-client: " << command << "\n";
  out << "  command: "
      << (result.timed_out ? "timed out after " + std::to_string(options.timeout_seconds) + " s"
                           : "exited with " + std::to_string(result.exit_code))
      << "\n";
  const auto& list = requests["requests"].GetArray();
  std::size_t with_violations = 0;
  for (const auto& r : list)
    with_violations += r["violations"].Empty() ? 0 : 1;
  out << "  requests: " << list.Size() << " (" << with_violations << " with violations)\n";
  for (const auto& r : list)
    out << "    #" << r["id"].GetUint64() << " " << r["method"].GetString() << " "
        << r["path"].GetString() << " -> " << r["status"].GetInt()
        << (r["operation"].GetStringLength() ? "  [" + std::string(r["operation"].GetString()) + "]" : "")
        << "\n";
  const auto& found = violations["violations"].GetArray();
  out << "  violations: " << found.Size() << "\n";
  for (const auto& v : found)
    out << "    #" << v["request_id"].GetUint64() << " "
        << (v["operation"].GetStringLength() ? v["operation"].GetString() : "(no operation)") << " "
        << v["location"].GetString() << ": " << v["rule"].GetString()
        << (v["value"].GetStringLength() ? std::string(" (value: ") + v["value"].GetString() + ")" : "")
        << "\n";
  out << "  coverage: " << coverage["exercised"].GetInt() << " of " << coverage["total"].GetInt()
      << " operations exercised\n";
  out << "    " << pad("operation", 22) << pad("calls", 6) << pad("statuses", 18) << "parameters  errors\n";
  for (const auto& op : coverage["operations"].GetArray()) {
    std::string statuses;
    for (const auto& s : op["statuses"].GetObject())
      statuses += (statuses.empty() ? "" : " ") + std::string(s.name.GetString()) + " x" +
                  std::to_string(s.value.GetUint64());
    std::string details;
    for (const auto& p : op["parameters"].GetArray())
      details += (details.empty() ? "" : ",") + std::string(p.GetString());
    std::string errors;
    for (const auto& e : op["errors"].GetObject())
      errors += (errors.empty() ? "" : ", ") + std::string(e.name.GetString()) + " x" +
                std::to_string(e.value.GetUint64());
    if (!errors.empty())
      details += (details.empty() ? "" : "  ") + std::string("errors: ") + errors;
    out << "    " << pad(op["operation"].GetString(), 22)
        << pad(std::to_string(op["calls"].GetUint64()), 6)
        << pad(statuses.empty() ? "-" : statuses, 18)
        << (op["exercised"].GetBool() ? details : "NOT EXERCISED") << "\n";
  }
  for (const std::string& e : internal_errors)
    out << "  mock internal error (a pins-mock bug, not the client's): " << e << "\n";
}

} // namespace

int run_verify_client(int argc, char** argv) {
  Options options;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg == "--report")
      options.report_path = value();
    else if (arg == "--fixtures")
      options.fixtures_dir = value();
    else if (arg == "--today")
      options.today = value();
    else if (arg == "--timeout")
      options.timeout_seconds = std::max(1, std::atoi(value().c_str()));
    else if (arg == "--allow-violations")
      options.allow_violations = true;
    else if (arg == "--faults")
      options.faults_path = value();
    else {
      std::cerr << kUsage;
      return 2;
    }
  }
  for (; i < argc; ++i)
    options.command.emplace_back(argv[i]);
  if (options.command.empty()) {
    std::cerr << kUsage;
    return 2;
  }

  ServerOptions server_options;
  server_options.fixtures_dir = options.fixtures_dir;
  server_options.today = options.today;
  server_options.response_check = ValidationMode::Enforce;
  server_options.faults_file = options.faults_path;
  std::unique_ptr<MockServer> server;
  try {
    server = std::make_unique<MockServer>(server_options);
    server->start();
  } catch (const StartupError& e) {
    std::cerr << "pins-contract: " << e.what() << "\n";
    return 2;
  }
  const auto boards = server->default_board_ids();
  const CommandResult result =
      run_command(options.command,
                  {{"PINS_BASE_URL", server->base_url()},
                   {"PINS_TOKEN", server->default_token()},
                   {"PINS_BOARD_ID", boards.empty() ? "" : boards[0]},
                   {"PINS_SECOND_BOARD_ID", boards.size() > 1 ? boards[1] : ""}},
                  options.timeout_seconds);

  PinsClient admin(server->root_url(), "");
  const json::Document requests = fetch_admin(admin, "/__admin/requests");
  const json::Document violations = fetch_admin(admin, "/__admin/violations");
  const json::Document coverage = fetch_admin(admin, "/__admin/coverage");
  const std::vector<std::string> internal_errors = server->internal_errors();
  print_report(std::cout, options, result, requests, violations, coverage, internal_errors);
  const std::vector<FaultOutcome> faults = analyse_faults(requests["requests"]);
  if (!options.faults_path.empty())
    print_fault_report(std::cout, faults);

  const bool command_ok = result.exit_code == 0;
  const bool clean = violations["violations"].Empty() || options.allow_violations;
  const char* verdict = !command_ok ? "command failed" : clean ? "pass" : "violations";
  std::cout << "  verdict: " << verdict << "\n";

  if (!options.report_path.empty()) {
    json::Document report(rapidjson::kObjectType);
    auto& a = report.GetAllocator();
    json::Value command(rapidjson::kArrayType);
    for (const std::string& arg : options.command)
      command.PushBack(json::string(arg, a), a);
    report.AddMember("command", std::move(command), a);
    report.AddMember("exit_code", result.exit_code, a);
    report.AddMember("timed_out", result.timed_out, a);
    report.AddMember("verdict", json::string(verdict, a), a);
    report.AddMember("requests", json::Value(requests["requests"], a), a);
    report.AddMember("violations", json::Value(violations["violations"], a), a);
    report.AddMember("coverage", json::Value(coverage, a), a);
    json::Value errors(rapidjson::kArrayType);
    for (const std::string& e : internal_errors)
      errors.PushBack(json::string(e, a), a);
    report.AddMember("mock_internal_errors", std::move(errors), a);
    report.AddMember("faults", fault_report_to_json(faults, a), a);
    std::ofstream(options.report_path) << json::dump_pretty(report) << "\n";
  }
  if (!command_ok)
    return 3;
  return clean ? 0 : 1;
}

} // namespace pinsmock::test

#include "verify_client.hpp"

#include "fault_report.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/mock_server.hpp"
#include "pinsmock/startup_error.hpp"
#include "support/pins_client.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

namespace pinsmock::test {
namespace {

constexpr const char* kUsage = R"(usage: pins-contract verify-client [options] -- COMMAND ARGS...
Starts pins-mock on a free port, runs COMMAND with PINS_BASE_URL, PINS_TOKEN, PINS_BOARD_ID and
PINS_SECOND_BOARD_ID set, and judges what the client sent.
  --report FILE.json      write the full report as JSON
  --fixtures DIR          fixture set to serve (default: the built-in one)
  --today YYYY-MM-DD      the mock's clock
  --timeout SECONDS       kill the command after this long (default 600)
  --allow-violations      report contract violations without failing
  --strict                warnings (unknown body fields, which live ignores) fail too
  --allow-empty           a client that sent no request passes ("nothing exercised" otherwise)
  --require OPS           fail unless these operations were exercised: "all" or a comma list,
                          e.g. pins/create,pins/list
  --require-errors        fail unless the client met an error answer (a status >= 400; with
                          --faults, the failures the rules force count)
  --faults FILE.json      fault rules loaded into the mock; the report says what the client
                          did after each failure
  --proxy BASE_URL        proxy mode: the client talks to this API (e.g. the sandbox) through
                          the mock, with its own PINS_TOKEN and PINS_BOARD_ID; both directions
                          are checked and upstream's contract breaches reported as such
  --proxy-insecure        do not verify the upstream's TLS certificate (test hosts only)
Exit status: 0 pass; 1 violations (or warnings with --strict); 2 usage or start-up error;
3 the command failed or timed out; 4 nothing exercised, or --require/--require-errors not met;
5 the mock itself failed (internal errors): no verdict on the client is possible.
)";

struct Options {
  std::string report_path;
  std::string fixtures_dir;
  std::string today;
  int timeout_seconds = 600;
  bool allow_violations = false;
  std::string faults_path; // a fault script: the report says what the client did after each failure
  bool strict = false;
  bool allow_empty = false;
  bool require_errors = false;
  std::vector<std::string> required; // operation ids; "all" expanded once the mock is known
  std::string proxy;   // proxy mode: the client talks to this API through the mock
  bool proxy_insecure = false;
  std::vector<std::string> command;
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start)
      out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// What the verdict rests on beyond violations: was anything (and enough) exercised?
std::vector<std::string> unmet_requirements(const Options& options, const json::Value& requests,
                                            const json::Value& coverage) {
  std::vector<std::string> unmet;
  const auto& list = requests["requests"].GetArray();
  if (list.Empty() && !options.allow_empty)
    unmet.push_back("nothing exercised: the client sent no request (--allow-empty accepts that)");
  std::string missing;
  for (const std::string& op : options.required)
    for (const auto& c : coverage["operations"].GetArray())
      if (op == c["operation"].GetString() && !c["exercised"].GetBool())
        missing += (missing.empty() ? "" : ", ") + op;
  if (!missing.empty())
    unmet.push_back("required operations not exercised: " + missing);
  if (options.require_errors && !list.Empty()) {
    bool met = false;
    for (const auto& r : list)
      met = met || r["status"].GetInt() >= 400;
    if (!met)
      unmet.push_back("no error path met: every answer was a success (--require-errors)");
  }
  return unmet;
}

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

void print_findings(std::ostream& out, const char* title, const json::Value& findings,
                    const char* note) {
  const auto& list = findings.GetArray();
  out << "  " << title << ": " << list.Size() << (list.Empty() ? "" : note) << "\n";
  for (const auto& v : list) {
    out << "    #" << v["request_id"].GetUint64() << " "
        << (v["operation"].GetStringLength() ? v["operation"].GetString() : "(no operation)") << " "
        << (json::get_string(v, "direction").value_or("") == std::string_view("response") ? "(upstream answer) " : "")
        << v["location"].GetString() << ": " << v["rule"].GetString()
        << (v["value"].GetStringLength() ? std::string(" (value: ") + v["value"].GetString() + ")" : "")
        << "\n";
    if (const auto expected = json::get_string(v, "expected"); expected && !expected->empty())
      out << "        expected: " << *expected << "\n";
  }
}

void print_report(std::ostream& out, const Options& options, const CommandResult& result,
                  const json::Value& requests, const json::Value& violations,
                  const json::Value& warnings, const json::Value& coverage,
                  const std::vector<std::string>& internal_errors) {
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
    out << "    #" << r["id"].GetUint64() << " "
        << (r["method"].GetStringLength() ? std::string(r["method"].GetString()) + " " +
                                                r["path"].GetString()
                                          : std::string("(a request line that is not HTTP)"))
        << " -> " << r["status"].GetInt()
        << (r["operation"].GetStringLength() ? "  [" + std::string(r["operation"].GetString()) + "]" : "")
        << "\n";
  print_findings(out, "violations", violations["violations"], "");
  print_findings(out, "warnings", warnings["warnings"],
                 options.strict ? " (--strict: they fail the verification)"
                                : " (live ignores these; --strict makes them fail)");
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
  if (!internal_errors.empty())
    out << "  mock internal errors: " << internal_errors.size()
        << " (pins-mock failed, not the client: the answers it got were not the API's, so the "
           "client cannot pass)\n";
  for (const std::string& e : internal_errors)
    out << "    mock internal error (a pins-mock bug, not the client's): " << e << "\n";
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
    else if (arg == "--proxy")
      options.proxy = value();
    else if (arg == "--proxy-insecure")
      options.proxy_insecure = true;
    else if (arg == "--strict")
      options.strict = true;
    else if (arg == "--allow-empty")
      options.allow_empty = true;
    else if (arg == "--require-errors")
      options.require_errors = true;
    else if (arg == "--require") {
      for (const std::string& op : split_list(value()))
        options.required.push_back(op);
      if (options.required.empty()) {
        std::cerr << "pins-contract: --require needs operations (all, or e.g. pins/create,pins/list)\n";
        return 2;
      }
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
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
  server_options.proxy.upstream = options.proxy;
  server_options.proxy.insecure = options.proxy_insecure;
  std::unique_ptr<MockServer> server;
  try {
    server = std::make_unique<MockServer>(server_options);
    server->start();
  } catch (const StartupError& e) {
    std::cerr << "pins-contract: " << e.what() << "\n";
    return 2;
  }
  // --require names operations as the mock knows them; "all" means every one.
  std::vector<std::string> known;
  for (const OperationCoverage& c : server->coverage())
    known.push_back(c.operation_id);
  std::vector<std::string> required;
  for (const std::string& op : options.required) {
    if (op == "all") {
      required.insert(required.end(), known.begin(), known.end());
    } else if (std::find(known.begin(), known.end(), op) != known.end()) {
      required.push_back(op);
    } else {
      std::string list;
      for (const std::string& k : known)
        list += (list.empty() ? "" : ", ") + k;
      std::cerr << "pins-contract: --require: unknown operation '" << op << "' (known: " << list
                << ")\n";
      return 2;
    }
  }
  options.required = required;
  const auto boards = server->default_board_ids();
  // Through a proxy, the client keeps its own PINS_TOKEN and boards: fixtures mean nothing there.
  std::vector<std::pair<std::string, std::string>> environment = {
      {"PINS_BASE_URL", server->base_url()}};
  if (options.proxy.empty())
    environment.insert(environment.end(),
                       {{"PINS_TOKEN", server->default_token()},
                        {"PINS_BOARD_ID", boards.empty() ? "" : boards[0]},
                        {"PINS_SECOND_BOARD_ID", boards.size() > 1 ? boards[1] : ""}});
  const CommandResult result = run_command(options.command, environment, options.timeout_seconds);

  PinsClient admin(server->root_url(), "");
  const json::Document requests = fetch_admin(admin, "/__admin/requests");
  const json::Document violations = fetch_admin(admin, "/__admin/violations");
  const json::Document warnings = fetch_admin(admin, "/__admin/warnings");
  const json::Document coverage = fetch_admin(admin, "/__admin/coverage");
  const std::vector<std::string> internal_errors = server->internal_errors();
  print_report(std::cout, options, result, requests, violations, warnings, coverage,
               internal_errors);
  const std::vector<FaultOutcome> faults = analyse_faults(requests["requests"]);
  if (!options.faults_path.empty())
    print_fault_report(std::cout, faults);

  const bool command_ok = result.exit_code == 0;
  const bool clean = violations["violations"].Empty() || options.allow_violations;
  const bool warned = options.strict && !warnings["warnings"].Empty();
  const std::vector<std::string> unmet = unmet_requirements(options, requests, coverage);
  const bool nothing = requests["requests"].GetArray().Empty() && !options.allow_empty;
  // A 500 the mock produced by failing itself (not a configured fault or Prefer) is an answer the
  // API would not give: whatever the client did with it proves nothing, so it cannot pass.
  const bool mock_failed = !internal_errors.empty();
  const char* verdict = mock_failed  ? "mock internal errors"
                        : !command_ok  ? "command failed"
                        : nothing    ? "nothing exercised"
                        : !clean     ? "violations"
                        : warned     ? "warnings"
                        : !unmet.empty() ? "not exercised enough"
                                         : "pass";
  for (const std::string& reason : unmet)
    std::cout << "  unmet: " << reason << "\n";
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
    report.AddMember("warnings", json::Value(warnings["warnings"], a), a);
    report.AddMember("strict", options.strict, a);
    json::Value unmet_list(rapidjson::kArrayType);
    for (const std::string& reason : unmet)
      unmet_list.PushBack(json::string(reason, a), a);
    report.AddMember("unmet", std::move(unmet_list), a);
    report.AddMember("coverage", json::Value(coverage, a), a);
    json::Value errors(rapidjson::kArrayType);
    for (const std::string& e : internal_errors)
      errors.PushBack(json::string(e, a), a);
    report.AddMember("mock_internal_errors", std::move(errors), a);
    report.AddMember("faults", fault_report_to_json(faults, a), a);
    std::ofstream(options.report_path) << json::dump_pretty(report) << "\n";
  }
  if (mock_failed)
    return 5;
  if (!command_ok)
    return 3;
  if (!clean || warned)
    return 1;
  return unmet.empty() ? 0 : 4;
}

} // namespace pinsmock::test

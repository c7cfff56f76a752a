// pins-mock: serves the Pinterest v5 Pins endpoints from memory until SIGINT or SIGTERM.
#include "pinsmock/mock_server.hpp"
#include "pinsmock/startup_error.hpp"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

constexpr int kExitStartupError = 2;

constexpr const char* kUsage = R"(Usage: pins-mock [options]

Serves the Pinterest API v5 Pins endpoints (/v5/pins...) from an in-memory store seeded by
fixtures, and an admin API under /__admin.

Options:
  --host HOST             address to listen on (default 127.0.0.1)
  --port N                port to listen on; 0 picks a free one (default 8080)
  --port-file FILE        write the chosen port to FILE once serving
  --fixtures DIR          fixture set to load (default: the built-in set)
  --contracts DIR         contracts to load (default: the built-in copy)
  --seed N                seed for pin ids and generated analytics (default 1)
  --today YYYY-MM-DD      fix the mock's clock (analytics windows, created_at)
  --response-check MODE   off | report | enforce: check responses against the contracts
                          (default report: an X-Pinsmock-Violations header)
  --strict-formats        enforce format: date-time on created_at (live omits the offset)
  --max-body-bytes N      larger request bodies answer 413 (default 10485760)
  --threads N             worker threads (default max(8, 4 x cores))
  --journal-size N        requests the journal keeps for /__admin/requests (default 1000)
  --log                   print one line per request
  --help                  show this help
  --version               show the version
)";

struct Flags {
  pinsmock::ServerOptions options;
  std::string port_file;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "pins-mock: " << message << " (see --help)\n";
  std::exit(kExitStartupError);
}

std::uint64_t parse_number(const std::string& flag, const std::string& text, std::uint64_t max) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 19)
    usage_error(flag + " expects a non-negative integer, got '" + text + "'");
  const std::uint64_t value = std::stoull(text);
  if (value > max)
    usage_error(flag + " must be at most " + std::to_string(max) + ", got " + text);
  return value;
}

Flags parse_flags(int argc, char** argv) {
  Flags flags;
  flags.options.port = 8080;
  flags.options.response_check = pinsmock::ValidationMode::Report;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc)
        usage_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg == "--version") {
      std::cout << "pins-mock " << pinsmock::MockServer::version() << "\n";
      std::exit(0);
    } else if (arg == "--host") {
      flags.options.host = value();
    } else if (arg == "--port") {
      flags.options.port = static_cast<int>(parse_number(arg, value(), 65535));
    } else if (arg == "--port-file") {
      flags.port_file = value();
    } else if (arg == "--fixtures") {
      flags.options.fixtures_dir = value();
    } else if (arg == "--contracts") {
      flags.options.contracts_dir = value();
    } else if (arg == "--seed") {
      flags.options.seed = parse_number(arg, value(), UINT64_MAX);
    } else if (arg == "--today") {
      flags.options.today = value();
    } else if (arg == "--response-check") {
      const std::string mode = value();
      if (mode == "off")
        flags.options.response_check = pinsmock::ValidationMode::Off;
      else if (mode == "report")
        flags.options.response_check = pinsmock::ValidationMode::Report;
      else if (mode == "enforce")
        flags.options.response_check = pinsmock::ValidationMode::Enforce;
      else
        usage_error("--response-check expects off, report or enforce, got '" + mode + "'");
    } else if (arg == "--strict-formats") {
      flags.options.strict_formats = true;
    } else if (arg == "--max-body-bytes") {
      flags.options.max_body_bytes = parse_number(arg, value(), UINT32_MAX);
    } else if (arg == "--threads") {
      flags.options.threads = static_cast<int>(parse_number(arg, value(), 1024));
    } else if (arg == "--journal-size") {
      flags.options.journal_size = parse_number(arg, value(), 10000000);
    } else if (arg == "--log") {
      flags.options.log = [](std::string_view line) { std::cerr << line << '\n'; };
    } else {
      usage_error("unknown option '" + arg + "'");
    }
  }
  return flags;
}

void print_banner(const pinsmock::MockServer& server) {
  const std::string token = server.default_token();
  const auto boards = server.default_board_ids();
  std::cout << "pins-mock " << pinsmock::MockServer::version() << " serving "
            << server.base_url() << "\n"
            << "  token:     " << token << "\n";
  for (std::size_t i = 0; i < boards.size() && i < 2; ++i)
    std::cout << "  board id:  " << boards[i] << "\n";
  std::cout << "  admin:     " << server.root_url() << "/__admin/accounts\n"
            << "Try:\n"
            << "  curl -H 'Authorization: Bearer " << token << "' '" << server.base_url()
            << "/pins?page_size=2'\n"
            << "Stop with Ctrl-C." << std::endl;
}

} // namespace

int main(int argc, char** argv) {
  Flags flags = parse_flags(argc, argv);

  // Block the stop signals before any thread starts, then wait for them synchronously: no async
  // signal handler, no flag polling.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    pinsmock::MockServer server(flags.options);
    server.start();
    if (!flags.port_file.empty()) {
      std::ofstream(flags.port_file) << server.port() << "\n";
    }
    print_banner(server);
    int received = 0;
    sigwait(&stop_signals, &received);
    std::cout << "pins-mock: stopping (" << (received == SIGINT ? "SIGINT" : "SIGTERM") << ")"
              << std::endl;
    server.stop();
  } catch (const pinsmock::StartupError& e) {
    std::cerr << "pins-mock: " << e.what() << "\n";
    return kExitStartupError;
  }
  return 0;
}

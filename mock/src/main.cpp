// pins-mock: serves the Pinterest v5 Pins endpoints from memory until SIGINT or SIGTERM.
#include "pinsmock/mock_server.hpp"
#include "pinsmock/startup_error.hpp"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
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
  --port-file FILE        write the chosen port to FILE once serving (atomically, before the
                          banner; removed at exit; an unwritable FILE is a start-up error)
  --fixtures DIR          fixture set to load (default: the built-in set)
  --contracts DIR         contracts to load (default: the built-in copy)
  --seed N                seed for pin ids and generated analytics (default 1)
  --today YYYY-MM-DD      fix the mock's clock (analytics windows, created_at)
  --response-check MODE   off | report | enforce: check responses against the contracts
                          (default report: an X-Pinsmock-Violations header)
  --strict-formats        the spec's letter for created_at: served with a "Z" offset (fixtures
                          read as UTC) and format: date-time enforced (live omits the offset)
  --max-body-bytes N      larger request bodies answer 413 (default 10485760)
  --max-connections N     open connections at most; beyond, the longest-idle one is closed,
                          else 503 (default 4096)
  --idle-timeout S        close a keep-alive connection idle this long (default 30)
  --request-timeout S     a request must arrive within S seconds of its first byte, else 408
                          (default 10)
  --write-timeout S       drop a client that reads nothing of an answer for S seconds (default 10)
  --threads N             ignored (each connection has its own thread); kept for old scripts
  --journal-size N        requests the journal keeps for /__admin/requests (default 1000),
                          per session
  --session-ttl S         end sessions idle this long (default 3600; 0 = never); README
                          "Parallel tests and sessions"
  --state FILE            keep the default session's state in FILE (other sessions are not
                          kept): loaded at start when it exists, saved atomically after
                          changes and at exit (a FILE that is not a pins-mock state stops
                          the start and is left alone)
  --state-interval MS     at most one save of --state per MS milliseconds (default 200)
  --log                   print one line per request

HTTPS and CORS (README "HTTPS and CORS"):
  --tls-cert FILE         serve HTTPS with this PEM certificate (chain) ...
  --tls-key FILE          ... and its PEM private key
  --tls-self-signed       serve HTTPS with a throwaway certificate for 127.0.0.1, ::1 and
                          localhost; its path is printed (give it to clients as their CA)
  --cors                  answer CORS preflights and add Access-Control-* headers (browsers)

Failure simulation (README "Simulating failures"):
  --faults FILE.json      fault rules to load at start (as POST /__admin/faults takes them)
  --rate-limits SPEC      standard | trial | FILE.json: rate limits per token and category
                          (default off)
  --rate-limit-headers L,R,S  names of the limit, remaining and reset headers
                          (default x-userendpoint-ratelimit-limit,-remaining,-reset-seconds)
  --max-delay-ms N        the longest delay a Prefer header or a rule may add (default 60000)
  --no-prefer             ignore the Prefer request header (live behaviour only)

Proxy mode (README "Checking the real API"):
  --proxy BASE_URL        forward /v5 requests to BASE_URL (e.g. https://api.pinterest.com/v5)
                          with the client's own token; check both directions
  --proxy-insecure        do not verify upstream certificates (test hosts only)
  --proxy-ca-file FILE    trust the certificates in FILE (PEM) instead of the system's
  --proxy-transparent     no X-Pinsmock-Violations header on forwarded answers
  --proxy-enforce         answer a request that breaks its contract with the mock's 400,
                          never forwarding it
  --proxy-connect-timeout S  connecting upstream, else 504 (default 5)
  --proxy-timeout S       waiting for upstream's answer, else 504 (default 30)
  --strict                check upstream's answers with no tolerance for the live
                          differences documented in API-NOTES.md (created_at offset)
  --record DIR            write what passes through as a fixture set in DIR (merged with
                          one already there); serve it with --fixtures DIR (README
                          "Recording fixtures")

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

// Failure simulation flags (README "Simulating failures"); true when `arg` was one of them.
template <typename Value>
bool parse_failure_flag(const std::string& arg, Value& value, pinsmock::ServerOptions& options) {
  if (arg == "--faults") {
    options.faults_file = value();
  } else if (arg == "--rate-limits") {
    options.rate_limits = value();
  } else if (arg == "--rate-limit-headers") {
    const std::string names = value();
    options.rate_limit_headers.clear();
    for (std::size_t start = 0;;) {
      const std::size_t comma = names.find(',', start);
      options.rate_limit_headers.push_back(names.substr(start, comma - start));
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
    if (options.rate_limit_headers.size() != 3)
      usage_error("--rate-limit-headers expects three comma-separated names, got '" + names + "'");
  } else if (arg == "--max-delay-ms") {
    options.max_delay_ms = static_cast<std::int64_t>(parse_number(arg, value(), 3600000));
  } else if (arg == "--no-prefer") {
    options.prefer = false;
  } else {
    return false;
  }
  return true;
}

std::chrono::milliseconds seconds(const std::string& flag, const std::string& text) {
  const std::uint64_t value = parse_number(flag, text, 86400);
  if (value == 0)
    usage_error(flag + " must be at least 1 second");
  return std::chrono::seconds(value);
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
    } else if (arg == "--max-connections") {
      flags.options.max_connections = parse_number(arg, value(), 1000000);
      if (flags.options.max_connections == 0)
        usage_error("--max-connections must be at least 1");
    } else if (arg == "--idle-timeout") {
      flags.options.idle_timeout = seconds(arg, value());
    } else if (arg == "--request-timeout") {
      flags.options.request_timeout = seconds(arg, value());
    } else if (arg == "--write-timeout") {
      flags.options.write_timeout = seconds(arg, value());
    } else if (arg == "--session-ttl") {
      flags.options.session_ttl = std::chrono::seconds(parse_number(arg, value(), 31536000));
    } else if (arg == "--journal-size") {
      flags.options.journal_size = parse_number(arg, value(), 10000000);
    } else if (arg == "--state") {
      flags.options.state_file = value();
    } else if (arg == "--state-interval") {
      flags.options.state_interval = std::chrono::milliseconds(parse_number(arg, value(), 3600000));
    } else if (arg == "--proxy") {
      flags.options.proxy.upstream = value();
    } else if (arg == "--proxy-insecure") {
      flags.options.proxy.insecure = true;
    } else if (arg == "--proxy-ca-file") {
      flags.options.proxy.ca_file = value();
    } else if (arg == "--proxy-transparent") {
      flags.options.proxy.transparent = true;
    } else if (arg == "--proxy-enforce") {
      flags.options.proxy.enforce = true;
    } else if (arg == "--proxy-connect-timeout") {
      flags.options.proxy.connect_timeout = seconds(arg, value());
    } else if (arg == "--proxy-timeout") {
      flags.options.proxy.read_timeout = seconds(arg, value());
    } else if (arg == "--strict") {
      flags.options.proxy.strict = true;
    } else if (arg == "--record") {
      flags.options.proxy.record_dir = value();
      if (flags.options.proxy.record_dir.empty())
        usage_error("--record needs a directory");
    } else if (arg == "--log") {
      flags.options.log = [](std::string_view line) { std::cerr << line << '\n'; };
    } else if (arg == "--tls-cert") {
      flags.options.tls_cert_file = value();
    } else if (arg == "--tls-key") {
      flags.options.tls_key_file = value();
    } else if (arg == "--tls-self-signed") {
      flags.options.tls_self_signed = true;
    } else if (arg == "--cors") {
      flags.options.cors = true;
    } else if (parse_failure_flag(arg, value, flags.options)) {
      // failure simulation, grouped below
    } else {
      usage_error("unknown option '" + arg + "'");
    }
  }
  if (!flags.options.proxy.record_dir.empty() && flags.options.proxy.upstream.empty())
    usage_error("--record records what passes through a proxy: it needs --proxy BASE_URL");
  return flags;
}

// Written to a temporary file and renamed, so a script polling for FILE never reads half a
// number; false when it cannot be written.
bool write_port_file(const std::string& path, int port) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << "\n";
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

void print_banner(const pinsmock::MockServer& server, const pinsmock::ProxyOptions& proxy) {
  if (!proxy.upstream.empty()) {
    std::cout << "pins-mock " << pinsmock::MockServer::version() << " proxying "
              << server.base_url() << " -> " << proxy.upstream << "\n"
              << "  violations: " << server.root_url() << "/__admin/violations\n"
              << "Stop with Ctrl-C." << std::endl;
    return;
  }
  const std::string token = server.default_token();
  const auto boards = server.default_board_ids();
  std::cout << "pins-mock " << pinsmock::MockServer::version() << " serving "
            << server.base_url() << "\n"
            << "  token:     " << token << "\n";
  for (std::size_t i = 0; i < boards.size() && i < 2; ++i)
    std::cout << "  board id:  " << boards[i] << "\n";
  std::cout << "  admin:     " << server.root_url() << "/__admin/accounts\n"
            << "  dashboard: " << server.root_url() << "/__admin/\n";
  // A self-signed certificate's path: what a client passes as its CA file.
  const std::string cert = server.tls_certificate_file();
  if (!cert.empty())
    std::cout << "  tls cert:  " << cert << "\n";
  std::cout << "Try:\n"
            << "  curl " << (cert.empty() ? "" : "--cacert " + cert + " ")
            << "-H 'Authorization: Bearer " << token << "' '" << server.base_url()
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
    if (!flags.port_file.empty() && !write_port_file(flags.port_file, server.port())) {
      std::cerr << "pins-mock: cannot write the port file '" << flags.port_file << "'\n";
      return kExitStartupError; // the server stops in its destructor
    }
    print_banner(server, flags.options.proxy);
    int received = 0;
    sigwait(&stop_signals, &received);
    std::cout << "pins-mock: stopping (" << (received == SIGINT ? "SIGINT" : "SIGTERM") << ")"
              << std::endl;
    server.stop();
    if (!flags.port_file.empty())
      std::remove(flags.port_file.c_str());
  } catch (const pinsmock::StartupError& e) {
    std::cerr << "pins-mock: " << e.what() << "\n";
    return kExitStartupError;
  }
  return 0;
}

// pins-contract: the contract suite as a program. Judges any base URL (the in-process mock by
// default, a running pins-mock, or Pinterest) and diffs contracts against an OpenAPI document.
// Catch2's runner implementation compiles a std::regex (its Matches matcher): <regex> enters
// through the wrapper first, see why there.
#include "support/std_regex.hpp"

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "outcomes.hpp"
#include "preflight.hpp"
#include "report.hpp"
#include "spec_diff.hpp"
#include "support/conforms_to.hpp"
#include "target.hpp"
#include "verify_client.hpp"

#include "pinsmock/mock_server.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <set>

namespace {

constexpr const char* kUsage = R"(Usage:
  pins-contract [options] [Catch2 options and test specs]
  pins-contract spec-diff OPENAPI.json [--contracts DIR]
  pins-contract verify-client [options] -- COMMAND ARGS...   (pins-contract verify-client --help)
  pins-contract --version

Runs the Pins contract suite against a base URL; with none, against an in-process pins-mock.
First a pre-flight: one authenticated GET /pins must answer like the Pinterest API, or nothing runs.

Target options (or the environment variables in brackets):
  --base-url URL          server to test, e.g. https://api-sandbox.pinterest.com/v5  [PINS_BASE_URL]
  --token TOKEN           bearer token; never printed                                 [PINS_TOKEN]
  --board-id ID           a board the token may create pins on                        [PINS_BOARD_ID]
  --second-board-id ID    another such board (moves and saves)                        [PINS_SECOND_BOARD_ID]
  --allow-writes          run [writes] tests against a server that is not a mock
  --target-is-mock        the base URL is a pins-mock: writes allowed, each test in a session
                          of its own (nobody's state is reset), token and boards read from
                          its /__admin/accounts unless given
  --strict                hold the target to the spec's letter (created_at offset; a short
                          page must be the last one)
  --image-url URL         image used by create tests (a live server must be able to fetch it)
                                                                                      [PINS_IMAGE_URL]
  --report FILE           write a JSON report of every test and failure
  --allow-unchecked       exit 0 even when tests were not checked (nothing to check, e.g. no
                          pins to read, and no writes allowed to create it)

Useful Catch2 options: --list-tests, --list-tags, "[read]", "[writes]", "~[analytics]",
-r junit -o FILE (one testcase per test; tests not checked are <skipped>).
Every run ends with "N passed, M failed, K not checked".
Exit status: 0 every selected test passed; 1 a test failed; 3 none failed but K > 0 (without
--allow-unchecked); 2 usage error, no test matches the filter, the report cannot be written, or
the pre-flight found no Pinterest API at the base URL.
)";

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// Catch2's "-r junit" counts assertions as tests and cannot say "skipped": use ours instead.
void use_own_junit(std::vector<char*>& args) {
  static char ours[] = "pins-junit";
  static std::string joined_short = "-rpins-junit";
  static std::string joined_long = "--reporter=pins-junit";
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string arg = args[i];
    if ((arg == "-r" || arg == "--reporter") && i + 1 < args.size() &&
        std::string(args[i + 1]) == "junit")
      args[i + 1] = ours;
    else if (arg == "-rjunit")
      args[i] = joined_short.data();
    else if (arg == "--reporter=junit")
      args[i] = joined_long.data();
  }
}

bool is_listing(const Catch::ConfigData& data) {
  return data.listTests || data.listTestNamesOnly || data.listTags || data.listReporters ||
         data.showHelp;
}

// A filter that selects nothing must not pass quietly: name the known tags instead.
int no_tests_selected(Catch::Session& session, const std::vector<std::string>& user_specs,
                      bool writes_left_out) {
  std::string filters;
  for (const std::string& spec : user_specs)
    filters += (filters.empty() ? "" : " ") + spec;
  std::set<std::string> tags;
  for (const Catch::TestCase& test : Catch::getAllTestCasesSorted(session.config()))
    for (const std::string& tag : test.tags)
      tags.insert("[" + tag + "]");
  std::string known;
  for (const std::string& tag : tags)
    known += (known.empty() ? "" : " ") + tag;
  std::cerr << "pins-contract: no test matches " << filters
            << (writes_left_out ? " (with [writes] tests left out: --allow-writes)" : "")
            << "\n  known tags: " << known << "\n";
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "spec-diff")
    return pinsmock::test::run_spec_diff(argc - 1, argv + 1);
  if (argc >= 2 && std::string(argv[1]) == "verify-client")
    return pinsmock::test::run_verify_client(argc - 1, argv + 1);

  pinsmock::test::TargetOptions options;
  options.base_url = env_or("PINS_BASE_URL", "");
  options.token = env_or("PINS_TOKEN", "");
  options.board_id = env_or("PINS_BOARD_ID", "");
  options.second_board_id = env_or("PINS_SECOND_BOARD_ID", "");
  options.image_url = env_or("PINS_IMAGE_URL", "");
  std::string report_path;
  bool allow_unchecked = false;
  std::vector<char*> catch_args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "pins-contract: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--base-url")
      options.base_url = value();
    else if (arg == "--token")
      options.token = value();
    else if (arg == "--board-id")
      options.board_id = value();
    else if (arg == "--second-board-id")
      options.second_board_id = value();
    else if (arg == "--allow-writes")
      options.allow_writes = true;
    else if (arg == "--target-is-mock")
      options.target_is_mock = true;
    else if (arg == "--strict")
      options.strict = true;
    else if (arg == "--image-url")
      options.image_url = value();
    else if (arg == "--report")
      report_path = value();
    else if (arg == "--allow-unchecked")
      allow_unchecked = true;
    else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--version") {
      std::cout << "pins-contract " << pinsmock::MockServer::version() << "\n";
      return 0;
    } else
      catch_args.push_back(argv[i]);
  }
  while (!options.base_url.empty() && options.base_url.back() == '/')
    options.base_url.pop_back();
  if (!options.base_url.empty() && !options.target_is_mock &&
      (options.token.empty() || options.board_id.empty())) {
    std::cerr << "pins-contract: a remote target needs --token and --board-id (or PINS_TOKEN and "
                 "PINS_BOARD_ID)\n";
    return 2;
  }
  // A report that cannot be written is found out now, not after a long run against live.
  if (!report_path.empty() && !std::ofstream(report_path, std::ios::app)) {
    std::cerr << "pins-contract: cannot write the report to " << report_path << ": "
              << std::strerror(errno) << "\n";
    return 2;
  }
  pinsmock::test::use_strict_contracts(options.strict);
  pinsmock::test::Target::configure(options);

  use_own_junit(catch_args);
  Catch::Session session;
  if (int rc = session.applyCommandLine(static_cast<int>(catch_args.size()), catch_args.data()))
    return rc;
  if (is_listing(session.configData()))
    return session.run();
  auto& target = pinsmock::test::target();
  const std::vector<std::string> user_specs = session.configData().testsOrTags;
  const bool user_filter = !user_specs.empty();
  // Catch2 v2 has no SKIP: leave write tests out with a test spec instead (DESIGN B10).
  if (!target.writes_allowed()) {
    session.configData().testsOrTags.push_back("~[writes]");
    std::cerr << "pins-contract: leaving out [writes] tests (pass --allow-writes to run them)\n";
  }
  if (target.is_mock())
    session.configData().testsOrTags.push_back("~[live]");
  const auto& config = session.config();
  const std::size_t selected =
      Catch::filterTests(Catch::getAllTestCasesSorted(config), config.testSpec(), config).size();
  if (selected == 0 && user_filter)
    return no_tests_selected(session, user_specs, !target.writes_allowed());
  // Tests the runner left out must not vanish from the count either.
  std::size_t writes_left_out = 0;
  if (!target.writes_allowed()) {
    Catch::ConfigData with_writes = session.configData();
    with_writes.testsOrTags.erase(
        std::remove(with_writes.testsOrTags.begin(), with_writes.testsOrTags.end(), "~[writes]"),
        with_writes.testsOrTags.end());
    with_writes.outputFilename.clear(); // a Config opens its output: not the user's -o file
    const Catch::Config all(with_writes);
    writes_left_out =
        Catch::filterTests(Catch::getAllTestCasesSorted(all), all.testSpec(), all).size() - selected;
  }

  const std::string target_name = options.base_url.empty() ? "in-process" : options.base_url;
  if (const auto problem = pinsmock::test::preflight(target)) {
    std::cerr << "pins-contract: " << *problem << "\n";
    if (!report_path.empty())
      pinsmock::test::write_report(report_path, target_name, *problem);
    return 2;
  }
  const int catch_status = session.run();
  if (const int left = target.delete_tracked(); left > 0)
    std::cerr << "pins-contract: " << left << " pin(s) created by the suite could not be deleted\n";
  if (!report_path.empty() && !pinsmock::test::write_report(report_path, target_name))
    std::cerr << "pins-contract: could not write the report to " << report_path << "\n";
  const pinsmock::test::Tally counts = pinsmock::test::tally();
  std::cerr << "pins-contract: " << pinsmock::test::tally_line(counts);
  if (writes_left_out > 0)
    std::cerr << "; " << writes_left_out << " [writes] test(s) not run (--allow-writes)";
  std::cerr << "\n";
  if (counts.failed > 0 || catch_status != 0)
    return 1;
  if (counts.not_checked > 0 && !allow_unchecked) {
    std::cerr << "pins-contract: " << counts.not_checked
              << " test(s) not checked: exit 3 (--allow-unchecked accepts that)\n";
    return 3;
  }
  return 0;
}

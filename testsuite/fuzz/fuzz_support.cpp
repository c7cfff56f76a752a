#include "fuzz_support.hpp"

#include "core/utf8.hpp"
#include "pinsmock/file_source.hpp"
#include "pinsmock/json.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace pinsmock::fuzz {

const ContractRegistry& contracts() {
  static const std::shared_ptr<const ContractRegistry> registry =
      ContractRegistry::load(FileSource::embedded("contracts/"), false);
  return *registry;
}

const Manifest& manifest() {
  static const Manifest parsed = parse_manifest(contracts().manifest());
  return parsed;
}

const std::shared_ptr<const FixtureSet>& default_fixtures() {
  static const std::shared_ptr<const FixtureSet> set =
      FixtureSet::load(FileSource::embedded("fixtures/default/"), contracts());
  return set;
}

namespace {
WorldSettings fuzz_settings() {
  WorldSettings settings;
  settings.today = Date{2026, 11, 15};
  settings.operation_ids = manifest().operation_ids();
  return settings;
}
} // namespace

// Sessions expire never (TTL 0) and load no fixture directories: inputs stay in memory.
World::World(std::shared_ptr<const FixtureSet> fixtures)
    : sessions(std::move(fixtures), fuzz_settings(), std::chrono::milliseconds(0)),
      pipeline(contracts(), manifest(), sessions, ValidationMode::Enforce) {}

void World::reset() {
  for (const auto& session : sessions.list())
    sessions.end(session->id);
  pinsmock::World& world = sessions.default_world();
  world.reset();
  world.journal.clear();
  world.coverage.clear();
}

std::string_view take_line(std::string_view& text) {
  const std::size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  return line;
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
      return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else if (text[i] == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

Headers parse_query(std::string_view query) {
  Headers pairs;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    if (pair.empty())
      continue;
    const std::size_t eq = pair.find('=');
    pairs.emplace_back(percent_decode(pair.substr(0, eq), true),
                       eq == std::string_view::npos ? std::string()
                                                    : percent_decode(pair.substr(eq + 1), true));
  }
  return pairs;
}

namespace {

HttpRequest parse_one(std::string_view text) {
  HttpRequest request;
  const std::string_view request_line = take_line(text);
  const std::size_t space = request_line.find(' ');
  request.method = std::string(request_line.substr(0, space));
  const std::string_view target =
      space == std::string_view::npos ? std::string_view("/") : request_line.substr(space + 1);
  const std::size_t question = target.find('?');
  request.path = percent_decode(target.substr(0, question), false);
  if (question != std::string_view::npos)
    request.query = parse_query(target.substr(question + 1));

  bool authorization = false;
  while (!text.empty()) {
    std::string_view rest = text;
    const std::string_view line = take_line(rest);
    if (line.empty()) {
      text = rest;
      break;
    }
    const std::size_t colon = line.find(": ");
    const std::string_view name = line.substr(0, colon);
    const bool header_like = colon != std::string_view::npos && colon > 0 &&
                             name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
                                                    "vwxyz0123456789-") == std::string_view::npos;
    if (!header_like)
      break;
    text = rest;
    std::string_view value = line.substr(colon + 2);
    if (name == "Authorization") {
      authorization = true;
      if (value == "-")
        continue;
    }
    request.headers.emplace_back(std::string(name), std::string(value));
  }
  if (!authorization)
    request.headers.emplace_back("Authorization", std::string(kDefaultAuthorization));
  request.body = std::string(text);
  return request;
}

} // namespace

std::vector<HttpRequest> parse_requests(std::string_view text) {
  constexpr std::string_view kSeparator = "\n---\n";
  constexpr std::size_t kMaxRequests = 8; // keeps one input's cost bounded
  std::vector<HttpRequest> requests;
  while (requests.size() < kMaxRequests) {
    const std::size_t end = text.find(kSeparator);
    requests.push_back(parse_one(text.substr(0, end)));
    if (end == std::string_view::npos)
      break;
    text.remove_prefix(end + kSeparator.size());
  }
  return requests;
}

void fail(std::string_view what, std::string_view detail) {
  constexpr std::size_t kShown = 2000;
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n  %.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(std::min(detail.size(), kShown)), detail.data());
  std::abort();
}

void check_answer(const HttpRequest& request, const HttpResponse& response) {
  // PINSMOCK_FUZZ_TRACE=1 prints every exchange: handy when writing seeds.
  static const bool trace = std::getenv("PINSMOCK_FUZZ_TRACE") != nullptr;
  if (trace)
    std::fprintf(stderr, "  %s %s -> %d %.200s\n", request.method.c_str(), request.path.c_str(),
                 response.status, response.body.c_str());
  const std::string exchange = request.method + " " + request.path + " -> " +
                               std::to_string(response.status) + " " + response.body;
  if (response.status < 100 || response.status > 599)
    fail("the status is not an HTTP status", exchange);
  // Whatever came in, everything the mock writes is well-formed UTF-8.
  if (!utf8::is_valid(response.body))
    fail("the answer is not valid UTF-8", utf8::excerpt(exchange, 2000));
  for (const auto& [name, value] : response.headers)
    if (!utf8::is_valid(name) || !utf8::is_valid(value))
      fail("a response header is not valid UTF-8", name);
  if (response.body.empty()) {
    if (response.status >= 400)
      fail("an error answer has no body", exchange);
    return;
  }
  if (response.content_type != "application/json")
    return;
  json::Document body;
  if (auto err = json::parse_into(body, response.body))
    fail("the answer is not JSON (" + err->message + ")", exchange);
  if (response.status >= 400) {
    const auto code = json::get_int(body, "code");
    const auto message = json::get_string(body, "message");
    if (!body.IsObject() || !code || !message || message->empty())
      fail("an error answer is not {code, message}", exchange);
  }
}

void check_no_internal_errors(const Pipeline& pipeline) {
  const std::vector<std::string> errors = pipeline.internal_errors();
  if (!errors.empty())
    fail("the mock recorded an internal error", errors.front());
}

} // namespace pinsmock::fuzz

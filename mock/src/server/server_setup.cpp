#include "server/server_setup.hpp"

#include "pinsmock/startup_error.hpp"
#include "server/response_check.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace pinsmock {

FileSource source_for(const std::string& dir, const char* embedded_prefix) {
  return dir.empty() ? FileSource::embedded(embedded_prefix) : FileSource::directory(dir);
}

std::optional<Date> parse_today(const std::string& today) {
  if (today.empty())
    return std::nullopt;
  auto date = Date::parse(today);
  if (!date)
    throw StartupError("today: expected a date YYYY-MM-DD, got '" + today + "'");
  return date;
}

std::string read_text_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw StartupError(std::string(what) + ": cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

RateLimitConfig rate_limit_config(const ServerOptions& options) {
  RateLimitConfig config;
  if (!options.rate_limits.empty()) {
    const bool preset = options.rate_limits == "standard" || options.rate_limits == "trial";
    auto parsed = parse_rate_limits(preset ? options.rate_limits
                                           : read_text_file(options.rate_limits, "rate limits"));
    if (!parsed)
      throw StartupError("rate limits " + options.rate_limits + ": " + parsed.error().detail);
    config = std::move(*parsed);
  }
  if (!options.rate_limit_headers.empty()) {
    if (options.rate_limit_headers.size() != 3)
      throw StartupError("rate limit headers: expected three names (limit, remaining, reset)");
    config.headers = {options.rate_limit_headers[0], options.rate_limit_headers[1],
                      options.rate_limit_headers[2]};
  }
  return config;
}

ConnectionLimits connection_limits(const ServerOptions& options) {
  ConnectionLimits limits;
  limits.max_connections = std::max<std::size_t>(1, options.max_connections);
  limits.idle_timeout = options.idle_timeout;
  limits.request_timeout = options.request_timeout;
  limits.write_timeout = options.write_timeout;
  limits.framing.max_body_bytes = options.max_body_bytes;
  return limits;
}

// Every connection is a descriptor: the usual soft limit of 1024 would cap the mock far below
// max_connections. Raising the soft limit to the hard one needs no privilege.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// Scripts in a browser may read the headers a client under test acts on.
CorsPolicy cors_policy(const ServerOptions& options, const RateLimitConfig& rate_limits) {
  CorsPolicy policy;
  policy.enabled = options.cors;
  const RateLimitHeaderNames& names = rate_limits.headers;
  policy.exposed_headers = {names.limit, names.remaining, names.reset, "Retry-After",
                            "X-Pinsmock-Violations"};
  return policy;
}

// Proxy mode's handler stage; its answers are checked strictly only when asked (the fixtures,
// like live, have created_at without an offset, so strict_formats would refuse to load them).
std::unique_ptr<ProxyStage> proxy_stage(const ServerOptions& options, const std::string& base_path,
                                        std::shared_ptr<const ContractRegistry> contracts) {
  if (options.proxy.upstream.empty())
    return nullptr;
  if (options.proxy.strict && !options.strict_formats)
    contracts = ContractRegistry::load(source_for(options.contracts_dir, "contracts/"), true);
  std::unique_ptr<Recorder> recorder;
  if (!options.proxy.record_dir.empty()) // media templates from the set the mock would serve
    recorder = std::make_unique<Recorder>(options.proxy.record_dir, *contracts,
                                          source_for(options.fixtures_dir, "fixtures/default/"));
  return std::make_unique<ProxyStage>(options.proxy, base_path, std::move(contracts),
                                      std::move(recorder));
}

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

WorldSettings world_settings(const ServerOptions& options, const Manifest& manifest,
                             const ContractRegistry& contracts) {
  WorldSettings settings;
  settings.seed = options.seed;
  settings.today = parse_today(options.today);
  settings.utc_offset = options.strict_formats;
  settings.max_delay_ms = options.max_delay_ms;
  settings.rate_limits = rate_limit_config(options);
  settings.journal = JournalLimits{options.journal_size, options.journal_body_bytes};
  settings.operation_ids = manifest.operation_ids();
  for (const OperationSpec& operation : manifest.operations)
    settings.declared_statuses[operation.id] = operation.declared_statuses();
  settings.check_pin = pin_check(contracts, options.response_check);
  settings.contracts = &contracts;
  return settings;
}

std::pair<Account, Token> complete_account(const FixtureSet& fixtures, const Manifest& manifest) {
  for (const Account& account : fixtures.accounts)
    for (const Token& token : account.tokens) {
      bool complete = true;
      for (const OperationSpec& op : manifest.operations)
        for (const std::string& scope : op.scopes)
          complete = complete && std::find(token.scopes.begin(), token.scopes.end(), scope) !=
                                     token.scopes.end();
      if (complete)
        return {account, token};
    }
  throw StartupError("fixtures: no token holds every scope the operations need");
}

} // namespace pinsmock

#pragma once
// What the MockServer makes of its options before it serves: the data sources, the settings
// every world shares, connection limits, CORS, the proxy stage. Startup errors throw
// StartupError naming the option.

#include "contract/manifest.hpp"
#include "fixtures/fixture_set.hpp"
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/file_source.hpp"
#include "pinsmock/mock_server.hpp"
#include "server/connection_server.hpp"
#include "server/cors.hpp"
#include "server/proxy_stage.hpp"
#include "server/world.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace pinsmock {

/// The embedded copy under `embedded_prefix` when `dir` is empty, else the directory.
FileSource source_for(const std::string& dir, const char* embedded_prefix);
/// --today, or none when empty.
std::optional<Date> parse_today(const std::string& today);
/// A whole file; throws StartupError naming `what` when it cannot be read.
std::string read_text_file(const std::string& path, const char* what);
RateLimitConfig rate_limit_config(const ServerOptions& options);
ConnectionLimits connection_limits(const ServerOptions& options);
/// Raises the soft descriptor limit to the hard one.
void raise_descriptor_limit();
CorsPolicy cors_policy(const ServerOptions& options, const RateLimitConfig& rate_limits);
/// Proxy mode's handler stage, or null when there is no upstream.
std::unique_ptr<ProxyStage> proxy_stage(const ServerOptions& options, const std::string& base_path,
                                        std::shared_ptr<const ContractRegistry> contracts);
/// A host as it appears in a URL (IPv6 in brackets).
std::string url_host(const std::string& host);
/// What every world of the server shares (sessions may override seed and today).
WorldSettings world_settings(const ServerOptions& options, const Manifest& manifest,
                             const ContractRegistry& contracts);
/// The first account with a token that holds every scope any operation needs (copies: the set
/// may be swapped meanwhile); throws StartupError when there is none.
std::pair<Account, Token> complete_account(const FixtureSet& fixtures, const Manifest& manifest);

} // namespace pinsmock

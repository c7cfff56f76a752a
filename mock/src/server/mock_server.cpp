#include "pinsmock/mock_server.hpp"

#include "admin/fault_admin.hpp"
#include "api/services.hpp"
#include "server/response_check.hpp"
#include "contract/manifest.hpp"
#include "fixtures/fixture_set.hpp"
#include "pinsmock/startup_error.hpp"
#include "server/connection_server.hpp"
#include "server/httplib_adapter.hpp"
#include "server/pipeline.hpp"
#include "server/sessions.hpp"
#include "server/proxy_stage.hpp"
#include "server/tls_options.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace pinsmock {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(5);

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

} // namespace

struct MockServer::Impl {
  ServerOptions options;
  std::shared_ptr<const ContractRegistry> contracts;
  Manifest manifest;
  Sessions sessions;
  Pipeline pipeline;
  CorsPolicy cors;
  std::shared_ptr<const SelfSignedFiles> self_signed;
  std::shared_ptr<const TlsContext> tls;
  ConnectionServer http;
  std::thread thread;
  int port = 0;

  explicit Impl(ServerOptions opts)
      : options(std::move(opts)),
        contracts(ContractRegistry::load(source_for(options.contracts_dir, "contracts/"),
                                         options.strict_formats)),
        manifest(parse_manifest(contracts->manifest())),
        // --strict-formats: the mock speaks the spec's date-time (with an offset) throughout,
        // so its fixtures and answers pass the checks it then enforces (docs/api-notes.md).
        sessions(FixtureSet::load(source_for(options.fixtures_dir, "fixtures/default/"),
                                  *contracts, options.strict_formats),
                 world_settings(), options.session_ttl,
                 [this](const std::string& dir) {
                   return FixtureSet::load(FileSource::directory(dir), *contracts,
                                           options.strict_formats);
                 }),
        pipeline(*contracts, manifest, sessions, options.response_check,
                 FaultStageOptions{options.prefer, options.max_delay_ms},
                 [this] { return port == 0 ? std::string() : root_url() + manifest.base_path; },
                 proxy_stage(options, manifest.base_path, contracts)),
        cors(cors_policy(options, sessions.settings().rate_limits)),
        self_signed(self_signed_files(options)), tls(tls_context(options, self_signed.get())),
        http(connection_limits(options), [this](const HttpRequest& request, const ApiError& error) {
          HttpResponse response = pipeline.reject(request, error);
          add_cors_headers(response, cors);
          if (options.log)
            options.log(request.method + " " + request.path + " -> " +
                        std::to_string(response.status) + " (turned away before routing)");
          return response;
        }, tls) {
    load_fault_script();
    configure_http();
  }

  WorldSettings world_settings() const {
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
    settings.check_pin = pin_check(*contracts, options.response_check);
    return settings;
  }

  World& world() { return sessions.default_world(); }
  const World& world() const { return sessions.default_world(); }

  std::string root_url() const {
    return (tls ? "https://" : "http://") + url_host(options.host) + ":" + std::to_string(port);
  }

  void load_fault_script() {
    if (options.faults_file.empty())
      return;
    json::Document document;
    if (auto err = json::parse_into(document, read_text_file(options.faults_file, "faults")))
      throw StartupError("faults " + options.faults_file + ": not JSON: " + err->message +
                         " (at offset " + std::to_string(err->offset) + ")");
    auto rules = parse_fault_script(document, manifest.operation_ids(), options.max_delay_ms);
    if (!rules)
      throw StartupError("faults " + options.faults_file + ": " + rules.error().detail);
    for (FaultRule& rule : *rules)
      world().faults.add(std::move(rule));
  }

  // The first account with a token that holds every scope any operation needs.
  std::pair<const Account*, const Token*> default_account() const {
    for (const Account& account : world().fixtures->accounts)
      for (const Token& token : account.tokens) {
        bool complete = true;
        for (const OperationSpec& op : manifest.operations)
          for (const std::string& scope : op.scopes)
            complete = complete && std::find(token.scopes.begin(), token.scopes.end(), scope) !=
                                       token.scopes.end();
        if (complete)
          return {&account, &token};
      }
    throw StartupError("fixtures: no token holds every scope the operations need");
  }



  void configure_http() {
    // Measured in DESIGN.md: without TCP_NODELAY, Nagle plus delayed ACK cap a keep-alive client
    // at ~25 requests/s per connection.
    http.set_tcp_nodelay(true);
    // httplib's default sets SO_REUSEPORT on Linux, so a second server could bind a port in use
    // and silently take half its connections: SO_REUSEADDR alone lets start() report the clash.
    http.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof(yes));
    });
    if (options.log)
      http.set_logger([log = options.log](const httplib::Request& req, const httplib::Response& res) {
        log(req.method + " " + req.path + " -> " + std::to_string(res.status));
      });
    install_routes(http, pipeline, cors);
  }
};

MockServer::MockServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

MockServer::~MockServer() { stop(); }

void MockServer::start() {
  if (impl_->thread.joinable())
    throw StartupError("the server is already started");
  Impl& impl = *impl_;
  raise_descriptor_limit();
  if (impl.options.port == 0) {
    impl.port = impl.http.bind_to_any_port(impl.options.host);
    if (impl.port <= 0)
      throw StartupError("cannot bind to " + impl.options.host + " on an ephemeral port");
  } else {
    if (!impl.http.bind_to_port(impl.options.host, impl.options.port))
      throw StartupError("cannot bind to " + impl.options.host + ":" +
                         std::to_string(impl.options.port) + " (in use, or not permitted)");
    impl.port = impl.options.port;
  }
  impl.http.after_bind();
  impl.thread = std::thread([&impl] { impl.http.listen_after_bind(); });
  // cpp-httplib 0.11.4 has no wait_until_ready(), and stop() is a no-op until the accept loop
  // has set is_running(): wait for it so an immediate stop() cannot hang.
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (!impl.http.is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw StartupError("the server did not start within 5 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void MockServer::stop() noexcept {
  if (!impl_->thread.joinable())
    return;
  impl_->http.close_connections();
  impl_->http.stop();
  impl_->thread.join();
}

bool MockServer::running() const { return impl_->thread.joinable() && impl_->http.is_running(); }

int MockServer::port() const { return impl_->port; }

std::string MockServer::root_url() const { return impl_->root_url(); }

std::string MockServer::base_url() const { return root_url() + impl_->manifest.base_path; }

std::string MockServer::tls_certificate_file() const {
  if (impl_->self_signed)
    return impl_->self_signed->cert_file;
  return impl_->tls ? impl_->options.tls_cert_file : std::string();
}

void MockServer::reset() { impl_->world().reset(); }

std::vector<RecordedRequest> MockServer::requests() const {
  return impl_->world().journal.entries();
}

std::vector<RecordedViolation> MockServer::violations() const {
  return impl_->world().journal.violations();
}

std::vector<RecordedWarning> MockServer::warnings() const {
  return impl_->world().journal.warnings();
}

std::vector<OperationCoverage> MockServer::coverage() const {
  return impl_->world().coverage.snapshot();
}

void MockServer::clear_requests() {
  impl_->world().journal.clear();
  impl_->world().coverage.clear();
}

std::uint64_t MockServer::add_fault(std::string_view rule_json) {
  json::Document document;
  if (auto err = json::parse_into(document, rule_json))
    throw std::invalid_argument("fault rule is not JSON: " + err->message);
  auto rule =
      parse_fault_rule(document, impl_->manifest.operation_ids(), impl_->options.max_delay_ms);
  if (!rule)
    throw std::invalid_argument(rule.error().detail);
  return impl_->world().faults.add(std::move(*rule)).id;
}

bool MockServer::remove_fault(std::uint64_t id) { return impl_->world().faults.remove(id); }

void MockServer::clear_faults() { impl_->world().faults.clear(); }

std::string MockServer::faults_json() const {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  for (const FaultRule& rule : impl_->world().faults.list())
    list.PushBack(fault_rule_to_json(rule, a), a);
  body.AddMember("faults", std::move(list), a);
  return json::dump(body);
}

std::string MockServer::clock_now() const { return impl_->world().clock.now_text(); }

void MockServer::set_clock(std::string_view timestamp) {
  const auto seconds = parse_timestamp(timestamp);
  if (!seconds)
    throw std::invalid_argument("clock: expected YYYY-MM-DDTHH:MM:SS, got '" +
                                std::string(timestamp) + "'");
  if (!impl_->world().clock.set(*seconds))
    throw std::invalid_argument("clock: cannot move backwards to " + std::string(timestamp) +
                                " (now " + impl_->world().clock.now_text() + ")");
}

void MockServer::advance_clock(std::int64_t seconds) {
  if (!impl_->world().clock.advance(seconds))
    throw std::invalid_argument("clock: cannot move backwards");
}

std::vector<std::string> MockServer::internal_errors() const {
  return impl_->pipeline.internal_errors();
}

std::string MockServer::default_token() const { return impl_->default_account().second->token; }

std::vector<std::string> MockServer::default_board_ids() const {
  std::vector<std::string> ids;
  const std::string& user = impl_->default_account().first->username;
  for (const Board& board : impl_->world().fixtures->boards)
    if (board.owner == user && board.privacy == BoardPrivacy::Public)
      ids.push_back(board.id);
  return ids;
}

Session MockServer::new_session(const SessionOptions& options) {
  SessionSpec spec;
  spec.fixtures = options.fixtures;
  spec.seed = options.seed;
  if (!options.today.empty()) {
    spec.today = Date::parse(options.today);
    if (!spec.today)
      throw std::invalid_argument("today: expected a date YYYY-MM-DD, got '" + options.today + "'");
  }
  Result<std::shared_ptr<World>> world = impl_->sessions.create(spec);
  if (!world)
    throw std::invalid_argument(world.error().detail);
  const std::string id = (*world)->id;
  return Session(this, std::move(*world), session_token(default_token(), id));
}

std::size_t MockServer::session_count() const { return impl_->sessions.size(); }

void MockServer::end_session(const std::string& id) noexcept { impl_->sessions.end(id); }

std::string_view MockServer::version() { return PINSMOCK_VERSION; }

} // namespace pinsmock

#include "pinsmock/mock_server.hpp"

#include "admin/fault_admin.hpp"
#include "admin/world_admin.hpp"
#include "api/services.hpp"
#include "server/response_check.hpp"
#include "contract/manifest.hpp"
#include "control/state_saver.hpp"
#include "fixtures/fixture_set.hpp"
#include "fixtures/live_fixtures.hpp"
#include "pinsmock/startup_error.hpp"
#include "server/connection_server.hpp"
#include "server/httplib_adapter.hpp"
#include "server/pipeline.hpp"
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

FailureSimulation failure_simulation(const ServerOptions& options) {
  FailureSimulation simulation;
  simulation.seed = options.seed;
  simulation.stage.prefer = options.prefer;
  simulation.stage.max_delay_ms = options.max_delay_ms;
  if (!options.rate_limits.empty()) {
    const bool preset = options.rate_limits == "standard" || options.rate_limits == "trial";
    auto config = parse_rate_limits(preset ? options.rate_limits
                                           : read_text_file(options.rate_limits, "rate limits"));
    if (!config)
      throw StartupError("rate limits " + options.rate_limits + ": " + config.error().detail);
    simulation.rate_limits = std::move(*config);
  }
  if (!options.rate_limit_headers.empty()) {
    if (options.rate_limit_headers.size() != 3)
      throw StartupError("rate limit headers: expected three names (limit, remaining, reset)");
    RateLimitHeaderNames& names = simulation.rate_limits.headers;
    names = {options.rate_limit_headers[0], options.rate_limit_headers[1],
             options.rate_limit_headers[2]};
  }
  return simulation;
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
CorsPolicy cors_policy(const ServerOptions& options, const FailureSimulation& simulation) {
  CorsPolicy policy;
  policy.enabled = options.cors;
  const RateLimitHeaderNames& names = simulation.rate_limits.headers;
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
  const FixtureSnapshot initial; // referenced by the plain Services and AdminContext
  mutable std::mutex base_mutex;
  FixtureSnapshot base; // what a reset returns to: --fixtures (re-read by a reset) or built in
  LiveFixtures fixtures; // the world as it stands (admin edits and imports swap it)
  PinStore store;
  IdSource ids;
  Clock clock;
  Services services;
  FailureSimulation simulation;
  WorldAdmin world_admin;
  Pipeline pipeline;
  CorsPolicy cors;
  std::shared_ptr<const SelfSignedFiles> self_signed;
  std::shared_ptr<const TlsContext> tls;
  ConnectionServer http;
  std::thread thread;
  int port = 0;
  std::unique_ptr<StateSaver> saver; // last: stopped (with a final save) before the rest goes

  explicit Impl(ServerOptions opts)
      : options(std::move(opts)),
        contracts(ContractRegistry::load(source_for(options.contracts_dir, "contracts/"),
                                         options.strict_formats)),
        manifest(parse_manifest(contracts->manifest())),
        // --strict-formats: the mock speaks the spec's date-time (with an offset) throughout,
        // so its fixtures and answers pass the checks it then enforces (docs/api-notes.md).
        initial(load_fixtures()), base(initial), fixtures(base),
        ids(options.seed), clock(parse_today(options.today), options.strict_formats),
        services{store, *initial, ids, clock, options.seed,
                 pin_check(*contracts, options.response_check)},
        simulation(failure_simulation(options)),
        world_admin{WorldState{fixtures, store, ids, clock, options.seed}, *contracts,
                    options.strict_formats, [this] { return reload(); }},
        pipeline(*contracts, manifest, services, admin_context(), options.response_check,
                 JournalLimits{options.journal_size, options.journal_body_bytes},
                 simulation, proxy_stage(options, manifest.base_path, contracts)),
        cors(cors_policy(options, simulation)),
        self_signed(self_signed_files(options)), tls(tls_context(options, self_signed.get())),
        http(connection_limits(options), [this](const HttpRequest& request, const ApiError& error) {
          HttpResponse response = pipeline.reject(request, error);
          add_cors_headers(response, cors);
          if (options.log)
            options.log(request.method + " " + request.path + " -> " +
                        std::to_string(response.status) + " (turned away before routing)");
          return response;
        }, tls) {
    pipeline.use_live_fixtures(fixtures);
    reset();
    load_state_file();
    load_fault_script();
    configure_http();
  }

  FixtureSnapshot load_fixtures() const {
    return FixtureSet::load(source_for(options.fixtures_dir, "fixtures/default/"), *contracts,
                            options.strict_formats);
  }

  AdminContext admin_context() {
    AdminContext context{store, *initial, [this] { reset(); }};
    context.world = &world_admin;
    context.changed = [this] {
      if (saver)
        saver->changed();
    };
    return context;
  }

  // A --fixtures directory is read again; the built-in set cannot change.
  std::optional<std::string> reload() {
    if (options.fixtures_dir.empty())
      return std::nullopt;
    try {
      FixtureSnapshot fresh = load_fixtures();
      std::lock_guard lock(base_mutex);
      base = std::move(fresh);
      return std::nullopt;
    } catch (const StartupError& e) {
      return std::string(e.what());
    }
  }

  // --state FILE: a state saved earlier replaces the fixtures' state. A file that is not one
  // stops the start (and is never overwritten: the saver starts only after it loaded).
  void load_state_file() {
    if (options.state_file.empty())
      return;
    std::ifstream probe(options.state_file, std::ios::binary);
    if (probe) {
      json::Document document;
      if (auto err = json::parse_into(document, read_text_file(options.state_file, "state")))
        throw StartupError("state " + options.state_file + ": not a pins-mock state file: not JSON (" +
                           err->message + " at offset " + std::to_string(err->offset) + ")");
      Result<FixtureSnapshot> set =
          read_state(document, *contracts, options.strict_formats, options.state_file);
      if (!set)
        throw StartupError("state " + set.error().detail);
      apply_state(world_admin.world, *set);
    }
    saver = std::make_unique<StateSaver>(
        options.state_file, options.state_interval,
        [this] { return json::dump_pretty(pinsmock::export_state(world_admin.world)); }, options.log);
    store.on_change([this] { saver->changed(); });
  }

  // Through the admin pipeline, so the library and the HTTP API cannot differ.
  std::string admin_call(std::string method, std::string path, std::string_view body) {
    HttpRequest request;
    request.method = std::move(method);
    request.path = std::string(kAdminPrefix) + path;
    request.body = std::string(body);
    HttpResponse response = pipeline.handle(request);
    if (response.status >= 300) {
      json::Document doc;
      const bool parsed = !json::parse_into(doc, response.body);
      throw std::invalid_argument(parsed ? std::string(json::get_string(doc, "message").value_or(
                                               response.body))
                                         : response.body);
    }
    return response.body;
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
      pipeline.fault_rules().add(std::move(rule));
  }

  // The first account with a token that holds every scope any operation needs.
  // Copies: the set may be swapped while the caller uses them.
  std::pair<Account, Token> default_account() const {
    const FixtureSnapshot now = fixtures.get();
    for (const Account& account : now->accounts)
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

  void reset() {
    FixtureSnapshot to;
    {
      std::lock_guard lock(base_mutex);
      to = base;
    }
    apply_state(world_admin.world, std::move(to));
    pipeline.fault_rules().clear();
    pipeline.rate_limiter().reset();
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
    // Short naps: the program's first answer waits for this loop (issue 11).
    std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
}

void MockServer::stop() noexcept {
  if (!impl_->thread.joinable())
    return;
  impl_->http.close_connections();
  impl_->http.stop();
  impl_->thread.join();
  if (impl_->saver)
    impl_->saver->flush(); // the last changes reach the state file before the mock exits
}

bool MockServer::running() const { return impl_->thread.joinable() && impl_->http.is_running(); }

int MockServer::port() const { return impl_->port; }

std::string MockServer::root_url() const {
  return (impl_->tls ? "https://" : "http://") + url_host(impl_->options.host) + ":" + std::to_string(impl_->port);
}

std::string MockServer::base_url() const { return root_url() + impl_->manifest.base_path; }

std::string MockServer::tls_certificate_file() const {
  if (impl_->self_signed)
    return impl_->self_signed->cert_file;
  return impl_->tls ? impl_->options.tls_cert_file : std::string();
}

void MockServer::reset() { impl_->admin_call("POST", "/reset", ""); }

std::string MockServer::export_state() const {
  return json::dump(pinsmock::export_state(impl_->world_admin.world));
}

void MockServer::import_state(std::string_view document) {
  impl_->admin_call("PUT", "/state", document);
}

std::string MockServer::add_account(std::string_view account_json) {
  return impl_->admin_call("POST", "/accounts", account_json);
}

std::string MockServer::add_board(std::string_view board_json) {
  return impl_->admin_call("POST", "/boards", board_json);
}

std::string MockServer::add_section(std::string_view board_id, std::string_view section_json) {
  return impl_->admin_call("POST", "/boards/" + std::string(board_id) + "/sections", section_json);
}

std::string MockServer::seed_pin(std::string_view entry_json) {
  return impl_->admin_call("POST", "/pins", entry_json);
}

std::vector<RecordedRequest> MockServer::requests() const {
  return impl_->pipeline.journal().entries();
}

std::vector<RecordedViolation> MockServer::violations() const {
  return impl_->pipeline.journal().violations();
}

std::vector<RecordedWarning> MockServer::warnings() const {
  return impl_->pipeline.journal().warnings();
}

std::vector<OperationCoverage> MockServer::coverage() const {
  return impl_->pipeline.coverage().snapshot();
}

void MockServer::clear_requests() {
  impl_->pipeline.journal().clear();
  impl_->pipeline.coverage().clear();
}

std::uint64_t MockServer::add_fault(std::string_view rule_json) {
  json::Document document;
  if (auto err = json::parse_into(document, rule_json))
    throw std::invalid_argument("fault rule is not JSON: " + err->message);
  auto rule =
      parse_fault_rule(document, impl_->manifest.operation_ids(), impl_->options.max_delay_ms);
  if (!rule)
    throw std::invalid_argument(rule.error().detail);
  return impl_->pipeline.fault_rules().add(std::move(*rule)).id;
}

bool MockServer::remove_fault(std::uint64_t id) { return impl_->pipeline.fault_rules().remove(id); }

void MockServer::clear_faults() { impl_->pipeline.fault_rules().clear(); }

std::string MockServer::faults_json() const {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  for (const FaultRule& rule : impl_->pipeline.fault_rules().list())
    list.PushBack(fault_rule_to_json(rule, a), a);
  body.AddMember("faults", std::move(list), a);
  return json::dump(body);
}

std::string MockServer::clock_now() const { return impl_->clock.now_text(); }

void MockServer::set_clock(std::string_view timestamp) {
  const auto seconds = parse_timestamp(timestamp);
  if (!seconds)
    throw std::invalid_argument("clock: expected YYYY-MM-DDTHH:MM:SS, got '" +
                                std::string(timestamp) + "'");
  if (!impl_->clock.set(*seconds))
    throw std::invalid_argument("clock: cannot move backwards to " + std::string(timestamp) +
                                " (now " + impl_->clock.now_text() + ")");
}

void MockServer::advance_clock(std::int64_t seconds) {
  if (!impl_->clock.advance(seconds))
    throw std::invalid_argument("clock: cannot move backwards");
}

std::vector<std::string> MockServer::internal_errors() const {
  return impl_->pipeline.internal_errors();
}

std::string MockServer::default_token() const { return impl_->default_account().second.token; }

std::vector<std::string> MockServer::default_board_ids() const {
  std::vector<std::string> ids;
  const std::string user = impl_->default_account().first.username;
  const FixtureSnapshot now = impl_->fixtures.get();
  for (const Board& board : now->boards)
    if (board.owner == user && board.privacy == BoardPrivacy::Public)
      ids.push_back(board.id);
  return ids;
}

std::string_view MockServer::version() { return PINSMOCK_VERSION; }

} // namespace pinsmock

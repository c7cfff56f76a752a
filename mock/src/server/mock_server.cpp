#include "pinsmock/mock_server.hpp"

#include "admin/fault_admin.hpp"
#include "admin/state_document.hpp"
#include "pinsmock/startup_error.hpp"
#include "server/httplib_adapter.hpp"
#include "server/mock_server_impl.hpp"
#include "server/server_setup.hpp"

#include <chrono>
#include <fstream>
#include <thread>

namespace pinsmock {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(5);

} // namespace

MockServer::Impl::Impl(ServerOptions opts)
    : options(std::move(opts)),
      contracts(ContractRegistry::load(source_for(options.contracts_dir, "contracts/"),
                                       options.strict_formats)),
      manifest(parse_manifest(contracts->manifest())),
      // A reset re-reads --fixtures (a session of a directory re-reads that one).
      sessions(std::make_shared<FixtureOrigin>(
                   load_fixtures(options.fixtures_dir), options.fixtures_dir,
                   [this](const std::string& dir) { return load_fixtures(dir); }),
               world_settings(options, manifest, *contracts), options.session_ttl,
               [this](const std::string& dir) { return load_fixtures(dir); }),
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
  load_state_file();
  load_fault_script();
  configure_http();
}

// --strict-formats: the mock speaks the spec's date-time (with an offset) throughout, so its
// fixtures and answers pass the checks it then enforces (docs/api-notes.md).
FixtureSnapshot MockServer::Impl::load_fixtures(const std::string& dir) const {
  return FixtureSet::load(source_for(dir, "fixtures/default/"), *contracts,
                          options.strict_formats);
}

std::string MockServer::Impl::root_url() const {
  return (tls ? "https://" : "http://") + url_host(options.host) + ":" + std::to_string(port);
}

std::pair<Account, Token> MockServer::Impl::default_account() const {
  return complete_account(*world().fixtures.get(), manifest);
}

// --state FILE follows the default session: a state saved earlier replaces its fixtures' state,
// and its changes are saved (sessions are for tests and are not kept). A file that is not a
// state stops the start, and is never overwritten: the saver starts only after it loaded.
void MockServer::Impl::load_state_file() {
  if (options.state_file.empty())
    return;
  World& target = world();
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
    apply_state(target.state_admin->world, *set);
  }
  saver = std::make_unique<StateSaver>(
      options.state_file, options.state_interval,
      [&target] { return json::dump_pretty(pinsmock::export_state(target.state_admin->world)); },
      options.log);
  target.store.on_change([this] { saver->changed(); });
  target.admin.changed = [this] { saver->changed(); };
}

void MockServer::Impl::load_fault_script() {
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

void MockServer::Impl::configure_http() {
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

std::string MockServer::root_url() const { return impl_->root_url(); }

std::string MockServer::base_url() const { return root_url() + impl_->manifest.base_path; }

std::string MockServer::tls_certificate_file() const {
  if (impl_->self_signed)
    return impl_->self_signed->cert_file;
  return impl_->tls ? impl_->options.tls_cert_file : std::string();
}

std::string_view MockServer::version() { return PINSMOCK_VERSION; }

} // namespace pinsmock

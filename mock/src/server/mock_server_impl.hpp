#pragma once
// MockServer's insides, shared by its two units: mock_server.cpp (the program: set-up from the
// options, state file, start and stop) and mock_server_admin.cpp (the C++ admin API, which goes
// through the same admin routes as HTTP).

#include "contract/manifest.hpp"
#include "control/state_saver.hpp"
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/mock_server.hpp"
#include "server/connection_server.hpp"
#include "server/cors.hpp"
#include "server/pipeline.hpp"
#include "server/sessions.hpp"
#include "server/tls_options.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace pinsmock {

struct MockServer::Impl {
  ServerOptions options;
  std::shared_ptr<const ContractRegistry> contracts;
  Manifest manifest;
  Sessions sessions; // the default world and every session's
  Pipeline pipeline;
  CorsPolicy cors;
  std::shared_ptr<const SelfSignedFiles> self_signed;
  std::shared_ptr<const TlsContext> tls;
  ConnectionServer http;
  std::thread thread;
  int port = 0;
  std::unique_ptr<StateSaver> saver; // last: stopped (with a final save) before the rest goes

  explicit Impl(ServerOptions opts);

  World& world() { return sessions.default_world(); }
  const World& world() const { return sessions.default_world(); }
  std::string root_url() const;
  /// The server's fixtures (--fixtures, else built in); `dir` for a session's own directory.
  FixtureSnapshot load_fixtures(const std::string& dir) const;
  std::pair<Account, Token> default_account() const;

  /// An admin request through the pipeline, so the library and the HTTP API cannot differ:
  /// the answer's body, or std::invalid_argument with its message. `session` "" = default.
  std::string admin_call(std::string method, std::string path, std::string_view body,
                         const std::string& session = "");

private:
  void load_state_file();
  void load_fault_script();
  void configure_http();
};

} // namespace pinsmock

#pragma once
// One request, one order (DESIGN B4): choose the session's world, route, authenticate, validate,
// handle, check the response, record. HTTP-library-free, so it can be tested without sockets.

#include "admin/admin_handlers.hpp"
#include "api/services.hpp"
#include "contract/manifest.hpp"
#include "fixtures/live_fixtures.hpp"
#include "control/coverage.hpp"
#include "control/request_journal.hpp"
#include "core/api_types.hpp"
#include "core/error_catalog.hpp" // error_http_response
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/mock_server.hpp"
#include "pinsmock/result.hpp"
#include "server/fault_stage.hpp"
#include "server/proxy_stage.hpp"
#include "server/router.hpp"
#include "server/session_stage.hpp"
#include "server/sessions.hpp"
#include "server/verdict_cache.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

namespace pinsmock {

/// What the pipeline learns about one API request while answering it (for journal and coverage).
struct Exchange {
  std::string operation_id;
  std::vector<RecordedViolation> violations;
  std::vector<RecordedWarning> warnings;
  std::vector<std::string> parameters;
  std::string error_name;
  std::optional<RecordedFault> shaped_by; // set by the fault stage
};

class Pipeline {
public:
  /// The pipeline answers for every world of `sessions`: each request runs in the world its
  /// session stage chooses, and is journaled and counted there.
  /// `base_url` tells POST /__admin/sessions where the API is ("http://host:port/v5").
  Pipeline(const ContractRegistry& contracts, const Manifest& manifest, Sessions& sessions,
           ValidationMode response_check, FaultStageOptions fault_options = {},
           std::function<std::string()> base_url = {},
           std::unique_ptr<ProxyStage> proxy = nullptr);
  ~Pipeline();

  Sessions& sessions() { return sessions_; }

  /// Answers any request: API routes, /__admin routes, and JSON 404/405 for the rest. API
  /// requests are journaled and counted; admin requests are not.
  HttpResponse handle(const HttpRequest& request);

  /// Answers a request the connection layer turned away before routing (413, 408, 405 for an
  /// unknown method, ...) and journals it like any API request; admin requests are not.
  HttpResponse reject(const HttpRequest& request, const ApiError& error);

  /// Records a failure of the mock itself (exceptions, contract violations in Enforce mode).
  void record_internal_error(std::string message);
  std::vector<std::string> internal_errors() const;

private:
  HttpResponse handle_admin_request(const HttpRequest& request);
  HttpResponse handle_api(const HttpRequest& request, Exchange& exchange,
                          const SessionChoice& session);
  void record(World& world, const HttpRequest& request, const HttpResponse& response,
              Exchange& exchange, std::chrono::steady_clock::time_point started);
  Result<ApiRequest> prepare(const HttpRequest& request, const RouteMatch& route,
                             const FixtureSet& fixtures, Exchange& exchange,
                             const SessionChoice& session);
  HttpResponse finish(const OperationSpec& operation, ApiResponse response, Exchange& exchange);

  const ContractRegistry& contracts_;
  Sessions& sessions_;
  FaultStage faults_;
  ValidationMode response_check_;
  VerdictCache verdicts_; // whole-body checks by shape (verdict_cache.hpp)
  Router router_;
  std::function<std::string()> base_url_;
  std::unique_ptr<ProxyStage> proxy_; // proxy mode: upstream instead of the handlers
  mutable std::mutex errors_mutex_;
  std::vector<std::string> internal_errors_;
};


} // namespace pinsmock

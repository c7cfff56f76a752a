#include "server/pipeline.hpp"

#include "api/handlers.hpp"
#include "contract/unknown_fields.hpp"
#include "core/error_catalog.hpp"
#include "core/utf8.hpp"
#include "server/auth.hpp"
#include "server/proxy_stage.hpp"
#include "server/request_validation.hpp"
#include "server/response_check.hpp"
#include "server/session_admin.hpp"
#include "server/violation_header.hpp"

#include <algorithm>
#include <chrono>

namespace pinsmock {
namespace {


std::string first_violation(const std::vector<Violation>& violations) {
  const Violation& v = violations.front();
  return (v.pointer.empty() ? std::string("/") : v.pointer) + ": " + v.message;
}

} // namespace

Pipeline::Pipeline(const ContractRegistry& contracts, const Manifest& manifest,
                   Sessions& sessions, ValidationMode response_check,
                   FaultStageOptions fault_options, std::function<std::string()> base_url,
                   std::unique_ptr<ProxyStage> proxy)
    : contracts_(contracts), sessions_(sessions), faults_(fault_options),
      response_check_(response_check), router_(manifest), base_url_(std::move(base_url)),
      proxy_(std::move(proxy)) {}

Pipeline::~Pipeline() = default;

namespace {
bool is_admin(const std::string& path) {
  return path.compare(0, kAdminPrefix.size(), kAdminPrefix) == 0 &&
         (path.size() == kAdminPrefix.size() || path[kAdminPrefix.size()] == '/');
}
} // namespace

HttpResponse Pipeline::handle(const HttpRequest& request) {
  if (is_admin(request.path))
    return handle_admin_request(request);
  const auto started = std::chrono::steady_clock::now();
  const SessionChoice session = choose_session(request, sessions_);
  Exchange exchange;
  HttpResponse response = handle_api(request, exchange, session);
  // Proxy mode: the proxy stage summarizes both directions itself, or stays silent (transparent).
  if (!proxy_ || !proxy_->transparent())
    add_violation_header(response, exchange.violations);
  record(*session.world, request, response, exchange, started);
  return response;
}

HttpResponse Pipeline::handle_admin_request(const HttpRequest& request) {
  if (auto answer = handle_session_admin(request, sessions_, base_url_ ? base_url_() : ""))
    return *answer;
  const SessionChoice session = choose_admin_session(request, sessions_);
  if (session.unknown)
    return unknown_session_answer(*session.unknown);
  return handle_admin(request, session.world->admin);
}

HttpResponse Pipeline::reject(const HttpRequest& request, const ApiError& error) {
  HttpResponse response = error_http_response(error);
  if (is_admin(request.path))
    return response;
  const SessionChoice session = choose_session(request, sessions_);
  Exchange exchange;
  const RouteMatch route = router_.match(request.method, request.path);
  if (route.outcome == RouteMatch::Outcome::Matched)
    exchange.operation_id = route.operation->id;
  exchange.error_name = std::string(error_spec(error.id).name);
  exchange.violations.push_back({0, exchange.operation_id, "request", error_message(error), ""});
  add_violation_header(response, exchange.violations);
  record(*session.world, request, response, exchange, std::chrono::steady_clock::now());
  return response;
}

void Pipeline::record(World& world, const HttpRequest& request, const HttpResponse& response,
                      Exchange& exchange, std::chrono::steady_clock::time_point started) {
  RecordedRequest entry;
  entry.operation_id = exchange.operation_id;
  entry.status = status_seen_by_client(response);
  entry.error = exchange.error_name;
  entry.violations = std::move(exchange.violations);
  entry.shaped_by = exchange.shaped_by;
  entry.warnings = std::move(exchange.warnings);
  entry.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  world.journal.record(request, std::move(entry));
  if (!exchange.operation_id.empty())
    world.coverage.record(exchange.operation_id, status_seen_by_client(response),
                          exchange.parameters, exchange.error_name, exchange.shaped_by);
}

HttpResponse Pipeline::handle_api(const HttpRequest& request, Exchange& exchange,
                                  const SessionChoice& session) {
  const RouteMatch route = router_.match(request.method, request.path);
  if (proxy_ && route.outcome != RouteMatch::Outcome::Matched) // not ours to judge: relayed
    return proxy_->answer(request, nullptr, exchange);
  if (route.outcome == RouteMatch::Outcome::NotFound) {
    exchange.error_name = std::string(error_spec(ErrorId::RouteNotFound).name);
    // The path is shown, never echoed: its bytes may be anything a client percent-encoded.
    const std::string shown = utf8::excerpt(request.method + " " + request.path);
    exchange.violations.push_back(
        {0, "", "route", "no operation has this path", shown, "a path of the manifest"});
    return error_http_response({ErrorId::RouteNotFound, "No route for " + shown + ".", ""});
  }
  if (route.outcome == RouteMatch::Outcome::MethodNotAllowed) {
    std::string allowed;
    for (const std::string& m : route.allowed_methods)
      allowed += (allowed.empty() ? "" : ", ") + m;
    exchange.error_name = std::string(error_spec(ErrorId::MethodNotAllowed).name);
    exchange.violations.push_back({0, "", "route", "method not allowed here (allowed: " + allowed + ")",
                                   utf8::excerpt(request.method + " " + request.path),
                                   "one of " + allowed});
    HttpResponse response = error_http_response(
        {ErrorId::MethodNotAllowed,
         "Method " + utf8::excerpt(request.method) + " is not allowed on " +
             utf8::excerpt(request.path) + " (allowed: " + allowed + ").",
         ""});
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  const OperationSpec& operation = *route.operation;
  exchange.operation_id = operation.id;
  for (const auto& [name, value] : route.path_params)
    exchange.parameters.push_back(name);
  for (const auto& [name, value] : request.query) {
    std::string shown = utf8::excerpt(name); // coverage is admin output: well-formed names only
    if (std::find(exchange.parameters.begin(), exchange.parameters.end(), shown) ==
        exchange.parameters.end())
      exchange.parameters.push_back(std::move(shown));
  }

  World& world = *session.world;
  // One snapshot of the world's fixtures for the whole request, even if the admin API swaps them.
  const FixtureSnapshot snapshot = world.fixtures.get();
  Result<ApiRequest> api_request = prepare(request, route, *snapshot, exchange, session);
  if (proxy_ && (api_request || !proxy_->enforce())) // proxy mode: the handler stage is upstream
    return proxy_->answer(request, &operation, exchange);
  if (!api_request)
    return faults_.deliver_refused(request, operation, api_request.error(),
                                   finish(operation, error_response(api_request.error()), exchange),
                                   world);
  FaultPlan plan = faults_.before(request, *api_request, operation, world);
  Services services = world.services(*snapshot);
  ApiResponse response = plan.answer ? std::move(*plan.answer)
                                     : find_handler(operation.id)(*api_request, services);
  faults_.after(plan, response, operation);
  HttpResponse out = finish(operation, std::move(response), exchange);
  exchange.shaped_by = FaultStage::deliver(plan, out);
  return out;
}

Result<ApiRequest> Pipeline::prepare(const HttpRequest& request, const RouteMatch& route,
                                     const FixtureSet& fixtures, Exchange& exchange,
                                     const SessionChoice& session) {
  const OperationSpec& operation = *route.operation;
  const ViolationSink violation = [&](std::string location, std::string rule,
                                      std::string value, std::string expected) {
    exchange.violations.push_back({0, operation.id, std::move(location), std::move(rule),
                                   std::move(value), std::move(expected)});
  };
  ApiRequest api;
  api.operation_id = operation.id;

  if (session.unknown) {
    const SessionProblem problem = describe_unknown_session(*session.unknown);
    violation(std::string("header ") + std::string(kSessionHeader), problem.rule, problem.value,
              problem.expected);
    return ApiError{ErrorId::AuthenticationFailed, "", std::string(kSessionHeader)};
  }
  Result<Principal> principal = proxy_ ? forwarded_principal(request, operation)
                                      : authenticate(request, operation, fixtures);
  if (!principal) {
    const AuthProblem problem = describe_auth_failure(request, operation, fixtures);
    violation("header Authorization", problem.rule, problem.value, problem.expected);
    return principal.error();
  }
  api.principal = std::move(*principal);

  Result<json::Document> params =
      validate_parameters(contracts_, operation, request, route, violation);
  if (!params)
    return params.error();
  api.params = std::move(*params);

  // Operations without a body schema ignore what they are sent (a stray "{}" on DELETE).
  if (operation.body_schema) {
    Result<json::Document> body = validate_body(contracts_, operation, request.body, violation);
    if (!body)
      return body.error();
    api.body = std::move(*body);
    exchange.warnings = body_warnings(contracts_, operation.id, *operation.body_schema, api.body);
  }

  if (proxy_) // upstream knows the ad accounts; the fixtures do not
    return api;
  if (auto denied = apply_business_access(api.principal, api.params, operation, fixtures))
    return *denied;
  return api;
}

HttpResponse Pipeline::finish(const OperationSpec& operation, ApiResponse response,
                              Exchange& exchange) {
  exchange.error_name = response.error_name;
  HttpResponse out;
  out.status = response.status;
  out.headers = std::move(response.headers);
  if (response_check_ != ValidationMode::Off) {
    const std::vector<Violation> violations =
        check_response(contracts_, operation, response, &verdicts_);
    if (!violations.empty()) {
      const std::string summary = operation.id + " " + std::to_string(response.status) +
                                  " response breaks its contract: " + first_violation(violations);
      if (response_check_ == ValidationMode::Enforce) {
        record_internal_error(summary);
        exchange.error_name = std::string(error_spec(ErrorId::InternalError).name);
        return error_http_response({ErrorId::InternalError, summary, ""});
      }
      out.headers.emplace_back("X-Pinsmock-Violations",
                               std::string(utf8::prefix(summary, kViolationHeaderLimit)));
    }
  }
  out.body = take_body(response);
  return out;
}

void Pipeline::record_internal_error(std::string message) {
  std::lock_guard lock(errors_mutex_);
  internal_errors_.push_back(std::move(message));
}

std::vector<std::string> Pipeline::internal_errors() const {
  std::lock_guard lock(errors_mutex_);
  return internal_errors_;
}

} // namespace pinsmock

#include "server/pipeline.hpp"

#include "api/handlers.hpp"
#include "contract/query_coercion.hpp"
#include "core/error_catalog.hpp"
#include "server/auth.hpp"
#include "server/response_check.hpp"

#include <algorithm>
#include <chrono>

namespace pinsmock {
namespace {

constexpr std::size_t kViolationHeaderLimit = 1024;
constexpr std::size_t kViolationValueLimit = 200;

std::string first_violation(const std::vector<Violation>& violations) {
  const Violation& v = violations.front();
  return (v.pointer.empty() ? std::string("/") : v.pointer) + ": " + v.message;
}

// "/page_size" -> "page_size": parameters are named, not pointed at. A missing required
// parameter is reported at the root, with its name only in the message.
std::string parameter_name(const Violation& violation) {
  std::string name = violation.pointer.empty() ? violation.pointer : violation.pointer.substr(1);
  name = name.substr(0, name.find('/'));
  constexpr std::string_view kMissing = "Missing required property '";
  if (name.empty() && violation.message.rfind(kMissing, 0) == 0) {
    const std::size_t end = violation.message.find('\'', kMissing.size());
    name = violation.message.substr(kMissing.size(), end - kMissing.size());
  }
  return name;
}

std::string capped(std::string text) {
  if (text.size() > kViolationValueLimit)
    text = text.substr(0, kViolationValueLimit) + "...";
  return text;
}

std::string value_at(const json::Value& document, const std::string& pointer) {
  const json::Value* value = json::resolve_pointer(document, pointer);
  return value ? capped(json::dump(*value)) : "";
}

bool is_path_parameter(const RouteMatch& route, const std::string& name) {
  return std::any_of(route.path_params.begin(), route.path_params.end(),
                     [&](const auto& p) { return p.first == name; });
}

std::string raw_parameter(const HttpRequest& request, const RouteMatch& route,
                          const std::string& name) {
  for (const auto& [key, value] : route.path_params)
    if (key == name)
      return value;
  for (const auto& [key, value] : request.query)
    if (key == name)
      return value;
  return "";
}

} // namespace

HttpResponse error_http_response(const ApiError& error) {
  HttpResponse response;
  response.status = error_spec(error.id).status;
  response.body = json::dump(error_body(error));
  return response;
}

Pipeline::Pipeline(const ContractRegistry& contracts, const Manifest& manifest,
                   Services& services, AdminContext admin, ValidationMode response_check,
                   JournalLimits limits, FailureSimulation simulation)
    : contracts_(contracts), services_(services),
      journal_(limits.capacity, limits.body_bytes), coverage_(manifest.operation_ids()),
      faults_(std::move(simulation), services.clock), admin_(std::move(admin)),
      response_check_(response_check), router_(manifest) {
  admin_.journal = &journal_;
  admin_.coverage = &coverage_;
  faults_.wire_admin(admin_, services.clock, manifest.operation_ids());
}

namespace {
bool is_admin(const std::string& path) {
  return path.compare(0, kAdminPrefix.size(), kAdminPrefix) == 0 &&
         (path.size() == kAdminPrefix.size() || path[kAdminPrefix.size()] == '/');
}
} // namespace

HttpResponse Pipeline::handle(const HttpRequest& request) {
  if (is_admin(request.path))
    return handle_admin(request, admin_);
  const auto started = std::chrono::steady_clock::now();
  Exchange exchange;
  HttpResponse response = handle_api(request, exchange);
  record(request, response, exchange, started);
  return response;
}

HttpResponse Pipeline::reject(const HttpRequest& request, const ApiError& error) {
  HttpResponse response = error_http_response(error);
  if (is_admin(request.path))
    return response;
  Exchange exchange;
  const RouteMatch route = router_.match(request.method, request.path);
  if (route.outcome == RouteMatch::Outcome::Matched)
    exchange.operation_id = route.operation->id;
  exchange.error_name = std::string(error_spec(error.id).name);
  exchange.violations.push_back({0, exchange.operation_id, "request", error_message(error), ""});
  record(request, response, exchange, std::chrono::steady_clock::now());
  return response;
}

void Pipeline::record(const HttpRequest& request, const HttpResponse& response,
                      Exchange& exchange, std::chrono::steady_clock::time_point started) {
  RecordedRequest entry;
  entry.operation_id = exchange.operation_id;
  entry.status = status_seen_by_client(response);
  entry.error = exchange.error_name;
  entry.violations = std::move(exchange.violations);
  entry.shaped_by = exchange.shaped_by;
  entry.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  journal_.record(request, std::move(entry));
  if (!exchange.operation_id.empty())
    coverage_.record(exchange.operation_id, status_seen_by_client(response), exchange.parameters,
                     exchange.error_name, exchange.shaped_by);
}

HttpResponse Pipeline::handle_api(const HttpRequest& request, Exchange& exchange) {
  const RouteMatch route = router_.match(request.method, request.path);
  if (route.outcome == RouteMatch::Outcome::NotFound) {
    exchange.error_name = std::string(error_spec(ErrorId::RouteNotFound).name);
    exchange.violations.push_back({0, "", "route", "no operation has this path", request.method + " " + request.path});
    return error_http_response({ErrorId::RouteNotFound,
                                "No route for " + request.method + " " + request.path + ".", ""});
  }
  if (route.outcome == RouteMatch::Outcome::MethodNotAllowed) {
    std::string allowed;
    for (const std::string& m : route.allowed_methods)
      allowed += (allowed.empty() ? "" : ", ") + m;
    exchange.error_name = std::string(error_spec(ErrorId::MethodNotAllowed).name);
    exchange.violations.push_back({0, "", "route", "method not allowed here (allowed: " + allowed + ")",
                                   request.method + " " + request.path});
    HttpResponse response = error_http_response(
        {ErrorId::MethodNotAllowed,
         "Method " + request.method + " is not allowed on " + request.path + " (allowed: " +
             allowed + ").",
         ""});
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  const OperationSpec& operation = *route.operation;
  exchange.operation_id = operation.id;
  for (const auto& [name, value] : route.path_params)
    exchange.parameters.push_back(name);
  for (const auto& [name, value] : request.query)
    if (std::find(exchange.parameters.begin(), exchange.parameters.end(), name) ==
        exchange.parameters.end())
      exchange.parameters.push_back(name);

  Result<ApiRequest> api_request = prepare(request, route, exchange);
  if (!api_request)
    return faults_.deliver_refused(request, operation, api_request.error(),
                                   finish(operation, error_response(api_request.error()), exchange));
  FaultPlan plan = faults_.before(request, *api_request, operation);
  ApiResponse response = plan.answer ? std::move(*plan.answer)
                                     : find_handler(operation.id)(*api_request, services_);
  faults_.after(plan, response, operation);
  HttpResponse out = finish(operation, std::move(response), exchange);
  exchange.shaped_by = FaultStage::deliver(plan, out);
  return out;
}

Result<ApiRequest> Pipeline::prepare(const HttpRequest& request, const RouteMatch& route,
                                     Exchange& exchange) {
  const OperationSpec& operation = *route.operation;
  auto violation = [&](std::string location, std::string rule, std::string value) {
    exchange.violations.push_back(
        {0, operation.id, std::move(location), std::move(rule), std::move(value)});
  };
  ApiRequest api;
  api.operation_id = operation.id;

  Result<Principal> principal = authenticate(request, operation, services_.fixtures);
  if (!principal) {
    const bool scope = principal.error().id == ErrorId::InsufficientScope;
    violation("header Authorization",
              scope ? "the token lacks a scope this operation needs"
                    : "a known bearer token is required (Authorization: Bearer <token>)",
              "");
    return principal.error();
  }
  api.principal = std::move(*principal);

  const json::Value& params_schema = contracts_.schema_document(operation.params_schema);
  Result<json::Document> params = coerce_params(params_schema, route.path_params, request.query);
  if (!params) {
    const std::string& name = params.error().pointer;
    violation((is_path_parameter(route, name) ? "path " : "query ") + name, params.error().detail,
              capped(raw_parameter(request, route, name)));
    return params.error();
  }
  if (auto violations = contracts_.validate(operation.params_schema, *params); !violations.empty()) {
    for (const Violation& v : violations) {
      const std::string name = parameter_name(v);
      violation(name.empty() ? "query" : (is_path_parameter(route, name) ? "path " : "query ") + name,
                v.message, value_at(*params, v.pointer));
    }
    const std::string name = parameter_name(violations.front());
    return ApiError{ErrorId::InvalidParameters,
                    "Invalid parameter '" + name + "': " + violations.front().message, name};
  }
  api.params = std::move(*params);

  // Operations without a body schema ignore what they are sent (a stray "{}" on DELETE).
  if (operation.body_schema) {
    const bool blank = request.body.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank) {
      if (operation.body_required) {
        violation("body", "a JSON object is required", "");
        return ApiError{ErrorId::InvalidBody, "Invalid request body: a JSON object is required.",
                        "/"};
      }
      api.body.SetObject();
    } else if (auto err = json::parse_into(api.body, request.body)) {
      violation("body", "not valid JSON: " + err->message + " (at offset " +
                            std::to_string(err->offset) + ")",
                capped(request.body));
      return ApiError{ErrorId::MalformedJson,
                      "Request body is not valid JSON: " + err->message + " (at offset " +
                          std::to_string(err->offset) + ").",
                      "/"};
    }
    contracts_.drop_unset_nulls(*operation.body_schema, api.body);
    if (auto violations = contracts_.validate(*operation.body_schema, api.body); !violations.empty()) {
      for (const Violation& v : violations)
        violation("body " + (v.pointer.empty() ? std::string("/") : v.pointer), v.message,
                  value_at(api.body, v.pointer));
      return ApiError{ErrorId::InvalidBody,
                      "Invalid request body: " + first_violation(violations),
                      violations.front().pointer};
    }
  }

  if (auto denied = apply_business_access(api.principal, api.params, operation, services_.fixtures))
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
    const std::vector<Violation> violations = check_response(contracts_, operation, response);
    if (!violations.empty()) {
      const std::string summary = operation.id + " " + std::to_string(response.status) +
                                  " response breaks its contract: " + first_violation(violations);
      if (response_check_ == ValidationMode::Enforce) {
        record_internal_error(summary);
        exchange.error_name = std::string(error_spec(ErrorId::InternalError).name);
        return error_http_response({ErrorId::InternalError, summary, ""});
      }
      out.headers.emplace_back("X-Pinsmock-Violations", summary.substr(0, kViolationHeaderLimit));
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

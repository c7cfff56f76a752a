#include "server/pipeline.hpp"

#include "api/handlers.hpp"
#include "contract/query_coercion.hpp"
#include "core/error_catalog.hpp"
#include "server/auth.hpp"

namespace pinsmock {
namespace {

constexpr std::size_t kViolationHeaderLimit = 1024;

std::string first_violation(const std::vector<Violation>& violations) {
  const Violation& v = violations.front();
  return (v.pointer.empty() ? std::string("/") : v.pointer) + ": " + v.message;
}

// "/page_size" -> "page_size": parameters are named, not pointed at.
std::string parameter_name(const std::string& pointer) {
  std::string name = pointer.empty() ? pointer : pointer.substr(1);
  return name.substr(0, name.find('/'));
}

} // namespace

HttpResponse error_http_response(const ApiError& error) {
  HttpResponse response;
  response.status = error_spec(error.id).status;
  response.body = json::dump(error_body(error));
  return response;
}

Pipeline::Pipeline(const ContractRegistry& contracts, const Manifest& manifest,
                   Services& services, AdminContext admin, ValidationMode response_check)
    : contracts_(contracts), manifest_(manifest), services_(services), admin_(std::move(admin)),
      response_check_(response_check), router_(manifest) {}

HttpResponse Pipeline::handle(const HttpRequest& request) {
  if (request.path.compare(0, kAdminPrefix.size(), kAdminPrefix) == 0 &&
      (request.path.size() == kAdminPrefix.size() || request.path[kAdminPrefix.size()] == '/'))
    return handle_admin(request, admin_);
  return handle_api(request);
}

HttpResponse Pipeline::handle_api(const HttpRequest& request) {
  const RouteMatch route = router_.match(request.method, request.path);
  if (route.outcome == RouteMatch::Outcome::NotFound)
    return error_http_response({ErrorId::RouteNotFound,
                                "No route for " + request.method + " " + request.path + ".", ""});
  if (route.outcome == RouteMatch::Outcome::MethodNotAllowed) {
    std::string allowed;
    for (const std::string& m : route.allowed_methods)
      allowed += (allowed.empty() ? "" : ", ") + m;
    HttpResponse response = error_http_response(
        {ErrorId::MethodNotAllowed,
         "Method " + request.method + " is not allowed on " + request.path + " (allowed: " +
             allowed + ").",
         ""});
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  const OperationSpec& operation = *route.operation;
  Result<ApiRequest> api_request = prepare(request, route);
  if (!api_request)
    return finish(operation, error_response(api_request.error()));
  return finish(operation, find_handler(operation.id)(*api_request, services_));
}

Result<ApiRequest> Pipeline::prepare(const HttpRequest& request, const RouteMatch& route) {
  const OperationSpec& operation = *route.operation;
  ApiRequest api;
  api.operation_id = operation.id;

  Result<Principal> principal = authenticate(request, operation, services_.fixtures);
  if (!principal)
    return principal.error();
  api.principal = std::move(*principal);

  const json::Value& params_schema = contracts_.schema_document(operation.params_schema);
  Result<json::Document> params = coerce_params(params_schema, route.path_params, request.query);
  if (!params)
    return params.error();
  if (auto violations = contracts_.validate(operation.params_schema, *params); !violations.empty()) {
    const std::string name = parameter_name(violations.front().pointer);
    return ApiError{ErrorId::InvalidParameters,
                    "Invalid parameter '" + name + "': " + violations.front().message, name};
  }
  api.params = std::move(*params);

  // Operations without a body schema ignore what they are sent (a stray "{}" on DELETE).
  if (operation.body_schema) {
    const bool blank = request.body.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank) {
      if (operation.body_required)
        return ApiError{ErrorId::InvalidBody, "Invalid request body: a JSON object is required.",
                        "/"};
      api.body.SetObject();
    } else if (auto err = json::parse_into(api.body, request.body)) {
      return ApiError{ErrorId::MalformedJson,
                      "Request body is not valid JSON: " + err->message + " (at offset " +
                          std::to_string(err->offset) + ").",
                      "/"};
    }
    contracts_.drop_unset_nulls(*operation.body_schema, api.body);
    if (auto violations = contracts_.validate(*operation.body_schema, api.body); !violations.empty())
      return ApiError{ErrorId::InvalidBody,
                      "Invalid request body: " + first_violation(violations),
                      violations.front().pointer};
  }

  if (auto denied = apply_business_access(api.principal, api.params, operation, services_.fixtures))
    return *denied;
  return api;
}

HttpResponse Pipeline::finish(const OperationSpec& operation, ApiResponse response) {
  HttpResponse out;
  out.status = response.status;
  out.headers = std::move(response.headers);
  const bool has_body = !response.body.IsNull();
  if (response_check_ != ValidationMode::Off) {
    std::vector<Violation> violations;
    const std::optional<std::string> schema = operation.response_schema(response.status);
    if (schema && has_body)
      violations = contracts_.validate(*schema, response.body);
    else if (schema && !has_body)
      violations.push_back({"", "a body is required for status " + std::to_string(response.status)});
    else if (!schema && has_body)
      violations.push_back({"", "no body is allowed for status " + std::to_string(response.status)});
    if (!violations.empty()) {
      const std::string summary = operation.id + " " + std::to_string(response.status) +
                                  " response breaks its contract: " + first_violation(violations);
      if (response_check_ == ValidationMode::Enforce) {
        record_internal_error(summary);
        return error_http_response({ErrorId::InternalError, summary, ""});
      }
      out.headers.emplace_back("X-Pinsmock-Violations", summary.substr(0, kViolationHeaderLimit));
    }
  }
  if (has_body)
    out.body = json::dump(response.body);
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

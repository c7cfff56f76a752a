#pragma once
// One request, one order (DESIGN B4): route, authenticate, validate, handle, check the response.
// HTTP-library-free, so it can be tested without sockets.

#include "admin/admin_handlers.hpp"
#include "api/services.hpp"
#include "contract/manifest.hpp"
#include "core/api_types.hpp"
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/mock_server.hpp"
#include "pinsmock/result.hpp"
#include "server/router.hpp"

#include <atomic>
#include <functional>
#include <mutex>

namespace pinsmock {

class Pipeline {
public:
  Pipeline(const ContractRegistry& contracts, const Manifest& manifest, Services& services,
           AdminContext admin, ValidationMode response_check);

  /// Answers any request: API routes, /__admin routes, and JSON 404/405 for the rest.
  HttpResponse handle(const HttpRequest& request);

  /// Records a failure of the mock itself (exceptions, contract violations in Enforce mode).
  void record_internal_error(std::string message);
  std::vector<std::string> internal_errors() const;

private:
  HttpResponse handle_api(const HttpRequest& request);
  Result<ApiRequest> prepare(const HttpRequest& request, const RouteMatch& route);
  HttpResponse finish(const OperationSpec& operation, ApiResponse response);

  const ContractRegistry& contracts_;
  const Manifest& manifest_;
  Services& services_;
  AdminContext admin_;
  ValidationMode response_check_;
  Router router_;
  mutable std::mutex errors_mutex_;
  std::vector<std::string> internal_errors_;
};

/// An error answer as the wire sees it.
HttpResponse error_http_response(const ApiError& error);

} // namespace pinsmock

// pins/get — GET /pins/{pin_id}
#include "api/access.hpp"
#include "api/analytics.hpp"
#include "api/handlers.hpp"
#include "api/pin_json.hpp"

namespace pinsmock {

ApiResponse pins_get(const ApiRequest& request, Services& services) {
  auto pin = find_accessible_pin(request, services, PinAccess::Read);
  if (!pin)
    return error_response(pin.error());
  // Metrics are the owner's business: others' public pins come without them.
  const bool with_metrics = json::get_bool(request.params, "pin_metrics").value_or(false) &&
                            (*pin)->owner == request.principal.operation_user;
  std::string metrics;
  if (with_metrics)
    metrics = pin_metrics_json(**pin, services);
  return rendered_response(200, render_pin(**pin, request.principal.operation_user,
                                           with_metrics ? &metrics : nullptr));
}

} // namespace pinsmock

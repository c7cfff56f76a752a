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
  json::Document body;
  json::Value metrics;
  // Metrics are the owner's business: others' public pins come without them.
  const bool with_metrics = json::get_bool(request.params, "pin_metrics").value_or(false) &&
                            pin->owner == request.principal.operation_user;
  if (with_metrics)
    metrics = pin_metrics(*pin, services, body.GetAllocator());
  json::Value root = render_pin(*pin, request.principal.operation_user,
                                with_metrics ? &metrics : nullptr, body.GetAllocator());
  json::set_root(body, root);
  return json_response(200, std::move(body));
}

} // namespace pinsmock

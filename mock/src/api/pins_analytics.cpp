// pins/analytics — GET /pins/{pin_id}/analytics
#include "api/access.hpp"
#include "api/analytics_rules.hpp"
#include "api/handlers.hpp"

namespace pinsmock {

ApiResponse pins_analytics(const ApiRequest& request, Services& services) {
  // One "today" per request, so a wall clock passing midnight cannot split a response.
  const Date today = services.clock.today();
  // Parameter rules first: a bad request is a 400 whatever the pin (as the schema checks are).
  Result<AnalyticsQuery> query = parse_analytics_query(request.params, today, "pins");
  if (!query)
    return error_response(query.error());
  Result<PinPtr> pin = find_accessible_pin(request, services, PinAccess::Report);
  if (!pin)
    return error_response(pin.error());
  RenderedBody body;
  body.bytes.reserve(pin_analytics_size_hint(*query));
  json::Writer w(body.bytes);
  write_pin_analytics(w, *query, PinSeries(services, pin_profile(**pin)), today);
  return rendered_response(200, std::move(body));
}

} // namespace pinsmock

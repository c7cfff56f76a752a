// multi_pins/analytics — GET /pins/analytics
#include "api/access.hpp"
#include "api/analytics_rules.hpp"
#include "api/handlers.hpp"

#include <algorithm>

namespace pinsmock {

ApiResponse multi_pins_analytics(const ApiRequest& request, Services& services) {
  const Date today = services.clock.today();
  Result<AnalyticsQuery> query = parse_analytics_query(request.params, today, "multi_pins");
  if (!query)
    return error_response(query.error());

  // The schema has checked 1..100 ids of digits; a repeated id is answered once.
  std::vector<std::string> ids;
  if (const json::Value* list = json::find(request.params, "pin_ids"); list && list->IsArray())
    for (const auto& item : list->GetArray()) {
      std::string id(item.GetString(), item.GetStringLength());
      if (std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(std::move(id));
    }

  // One pin the operation user may not report on fails the whole request, as the spec's 404
  // example for this operation shows; the first such id, in request order, decides 404 or 403.
  std::vector<PinProfile> profiles;
  profiles.reserve(ids.size());
  for (const std::string& id : ids) {
    Result<PinPtr> pin = find_accessible_pin(request.principal, id, services, PinAccess::Report);
    if (!pin)
      return error_response({pin.error().id, pin.error().detail, "pin_ids"});
    profiles.push_back(pin_profile(**pin));
  }

  RenderedBody body;
  body.bytes.reserve(profiles.size() * (32 + pin_analytics_size_hint(*query)));
  json::Writer w(body.bytes);
  w.StartObject();
  for (PinProfile& profile : profiles) {
    w.Key(profile.id.data(), static_cast<rapidjson::SizeType>(profile.id.size()));
    write_pin_analytics(w, *query, PinSeries(services, std::move(profile)), today);
  }
  w.EndObject();
  return rendered_response(200, std::move(body));
}

} // namespace pinsmock

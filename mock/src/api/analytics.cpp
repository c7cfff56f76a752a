#include "api/analytics.hpp"

namespace pinsmock {

double metric_value(const Services&, const std::string&, const Date&, std::string_view,
                    std::string_view) {
  return 0;
}

json::Value pin_metrics(const PinRecord&, const Services&, json::Allocator&) {
  return json::Value(rapidjson::kObjectType);
}

} // namespace pinsmock

#pragma once
// Pin analytics: deterministic metric values and the `pin_metrics` summary of get and list.

#include "api/services.hpp"
#include "store/id_source.hpp"

#include <string>
#include <string_view>

namespace pinsmock {

/// The value of one metric for one pin, date and app type: a fixture's pinned value when there
/// is one, otherwise a pure function of (seed, pin id, date, metric, app type).
double metric_value(const Services& services, const std::string& pin_id, const Date& date,
                    std::string_view metric, std::string_view app_type);

/// The `pin_metrics` object served with pin_metrics=true: "90d" sums over the 90 days up to
/// today, and "lifetime_metrics" since the pin was created.
json::Value pin_metrics(const PinRecord& pin, const Services& services, json::Allocator& alloc);

} // namespace pinsmock

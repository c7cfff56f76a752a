#pragma once
// The rules of the two analytics operations that the params schema cannot express (date window,
// metric combinations) and the PinAnalyticsResponse they answer with. The schema has already
// checked types, enums, date patterns and the pin_ids count before these run.

#include "api/analytics.hpp"
#include "pinsmock/result.hpp"

#include <string_view>
#include <vector>

namespace pinsmock {

/// How far back start_date may go, and how far past start_date end_date may go (spec).
inline constexpr std::int64_t kAnalyticsWindowDays = 90;

/// A validated analytics request.
struct AnalyticsQuery {
  Date start;
  Date end;
  std::vector<Metric> metrics; // deduplicated, in the catalogue's order
  AppType app_type = AppType::All;
  bool split_by_app_type = false;
};

/// Checks the analytics rules against today, in this order: both dates are calendar dates, end
/// is not before start, start is at most 90 days before today (AnalyticsDateWindow, the live
/// message), end is at most 90 days after start, metric_types is not empty, no lifetime metric
/// with split_field=APP_TYPE, no mix of lifetime and other metrics. Messages start with
/// "Invalid <operation> analytics parameters: " (`operation` is "pins" or "multi_pins").
Result<AnalyticsQuery> parse_analytics_query(const json::Value& params, const Date& today,
                                             std::string_view operation);

/// Writes one pin's PinAnalyticsResponse: {"all": {...}} without a split (values for the selected
/// app types), or one key per app type ("MOBILE", "TABLET", "WEB"; only the selected one unless
/// app_types is ALL) with split_field=APP_TYPE. Each value holds daily_metrics (one entry per date,
/// ascending), summary_metrics and lifetime_metrics. Generated straight into the writer, without
/// a document; the response check still validates what it wrote (server/response_check.hpp).
void write_pin_analytics(json::Writer& w, const AnalyticsQuery& query, const PinSeries& series,
                         const Date& today);

/// About how many bytes write_pin_analytics writes for one pin (to reserve the body once).
std::size_t pin_analytics_size_hint(const AnalyticsQuery& query);

} // namespace pinsmock

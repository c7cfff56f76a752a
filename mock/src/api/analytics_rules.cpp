#include "api/analytics_rules.hpp"

#include <array>
#include <utility>

namespace pinsmock {
namespace {

json::Value metric_json(const MetricCounts& counts, Metric metric) {
  if (is_ratio(metric))
    return json::Value(counts.value(metric));
  return json::Value(counts[metric]);
}

// The data_status of a date: the pin did not exist yet, the day is not over (today) or has not
// come (a future date), or its data is final.
std::string_view data_status(const Date& date, const Date& created, const Date& today) {
  if (date < created)
    return "BEFORE_PIN_CREATED";
  if (today < date || date == today)
    return "PROCESSING";
  return "READY";
}

// Dates with values: from creation through today. Future dates have none yet.
bool has_values(const Date& date, const Date& created, const Date& today) {
  return !(date < created) && !(today < date);
}

// One app type's PinAnalyticsMetricsResponse; `days[i]` holds the counts of start + i.
json::Value metrics_block(const AnalyticsQuery& query, const PinSeries& series, const Date& today,
                          const std::vector<std::array<MetricCounts, 4>>& days, AppType app,
                          json::Allocator& alloc) {
  const Date& created = series.profile().created;
  const auto index = static_cast<std::size_t>(app);
  json::Value daily(rapidjson::kArrayType);
  daily.Reserve(static_cast<rapidjson::SizeType>(days.size()), alloc);
  MetricCounts sum;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const Date date = query.start.plus_days(static_cast<std::int64_t>(i));
    json::Value metrics(rapidjson::kObjectType);
    if (has_values(date, created, today)) {
      const MetricCounts& counts = days[i][index];
      sum += counts;
      for (const Metric m : query.metrics)
        if (!is_lifetime(m))
          metrics.AddMember(json::string(metric_name(m), alloc), metric_json(counts, m), alloc);
    }
    json::Value entry(rapidjson::kObjectType);
    entry.AddMember("date", json::string(date.to_string(), alloc), alloc);
    entry.AddMember("data_status", json::string(data_status(date, created, today), alloc), alloc);
    entry.AddMember("metrics", std::move(metrics), alloc);
    daily.PushBack(std::move(entry), alloc);
  }
  json::Value summary(rapidjson::kObjectType);
  json::Value lifetime(rapidjson::kObjectType);
  bool wants_lifetime = false;
  for (const Metric m : query.metrics) {
    if (is_lifetime(m))
      wants_lifetime = true;
    else
      summary.AddMember(json::string(metric_name(m), alloc), metric_json(sum, m), alloc);
  }
  if (wants_lifetime) {
    const MetricCounts total = series.lifetime(today, app);
    for (const Metric m : query.metrics)
      if (is_lifetime(m))
        lifetime.AddMember(json::string(metric_name(m), alloc), json::Value(total[m]), alloc);
  }
  json::Value block(rapidjson::kObjectType);
  block.AddMember("daily_metrics", std::move(daily), alloc);
  block.AddMember("summary_metrics", std::move(summary), alloc);
  block.AddMember("lifetime_metrics", std::move(lifetime), alloc);
  return block;
}

} // namespace

Result<AnalyticsQuery> parse_analytics_query(const json::Value& params, const Date& today,
                                             std::string_view operation) {
  const std::string prefix = "Invalid " + std::string(operation) + " analytics parameters: ";
  auto invalid = [&](const std::string& rule, const char* parameter) {
    return ApiError{ErrorId::InvalidAnalyticsParameters, prefix + rule, parameter};
  };
  AnalyticsQuery query;
  // The schema's `format: date` (valijson) lets 2026-02-29 through; Date::parse does not.
  const std::array<std::pair<const char*, Date*>, 2> dates = {
      {{"start_date", &query.start}, {"end_date", &query.end}}};
  for (const auto& [name, target] : dates) {
    const std::string text(json::get_string(params, name).value_or(""));
    const std::optional<Date> date = Date::parse(text);
    if (!date)
      return invalid(std::string(name) + " '" + text + "' is not a calendar date (YYYY-MM-DD).",
                     name);
    *target = *date;
  }
  if (query.end < query.start)
    return invalid("end_date must not be before start_date.", "end_date");
  // Live answers this rule with its own message (API-NOTES.md section 5).
  if (query.start < today.plus_days(-kAnalyticsWindowDays))
    return ApiError{ErrorId::AnalyticsDateWindow, "", "start_date"};
  if (query.start.plus_days(kAnalyticsWindowDays) < query.end)
    return invalid("end_date must be at most 90 days after start_date.", "end_date");

  std::array<bool, kMetricCount> wanted{};
  if (const json::Value* list = json::find(params, "metric_types"); list && list->IsArray())
    for (const auto& item : list->GetArray()) {
      const std::string_view name = item.IsString() ? item.GetString() : "";
      const std::optional<Metric> metric = parse_metric(name);
      if (!metric)
        return invalid("unknown metric type '" + std::string(name) + "'.", "metric_types");
      wanted[static_cast<std::size_t>(*metric)] = true;
    }
  bool lifetime = false;
  bool other = false;
  for (std::size_t i = 0; i < kMetricCount; ++i)
    if (wanted[i]) {
      query.metrics.push_back(static_cast<Metric>(i));
      (is_lifetime(static_cast<Metric>(i)) ? lifetime : other) = true;
    }
  if (query.metrics.empty())
    return invalid("metric_types must name at least one metric type.", "metric_types");

  const std::string_view app_type = json::get_string(params, "app_types").value_or("ALL");
  const std::optional<AppType> parsed_app_type = parse_app_type(app_type);
  if (!parsed_app_type)
    return invalid("unknown app type '" + std::string(app_type) + "'.", "app_types");
  query.app_type = *parsed_app_type;
  query.split_by_app_type =
      json::get_string(params, "split_field").value_or("NO_SPLIT") == "APP_TYPE";

  // The spec forbids metric_types=ALL with a split; ALL is not in the enum at all, so the rule
  // that remains is that lifetime totals have no per-app-type breakdown.
  if (query.split_by_app_type && lifetime)
    return invalid("lifetime metric types (TOTAL_COMMENTS, TOTAL_REACTIONS) cannot be split by "
                   "APP_TYPE; use split_field=NO_SPLIT.",
                   "metric_types");
  // Live refuses to mix them (API-NOTES.md section 5, postiz-app#1851).
  if (lifetime && other)
    return invalid("lifetime metric types (TOTAL_COMMENTS, TOTAL_REACTIONS) cannot be requested "
                   "together with other metric types.",
                   "metric_types");
  return query;
}

json::Value pin_analytics_json(const AnalyticsQuery& query, const PinSeries& series,
                               const Date& today, json::Allocator& alloc) {
  // Each day's counts once, for every app type; dates without values stay zero.
  const Date& created = series.profile().created;
  std::vector<std::array<MetricCounts, 4>> days(
      static_cast<std::size_t>(query.end.days_since_epoch() - query.start.days_since_epoch() + 1));
  for (std::size_t i = 0; i < days.size(); ++i) {
    const Date date = query.start.plus_days(static_cast<std::int64_t>(i));
    if (has_values(date, created, today))
      days[i] = series.day(date);
  }
  json::Value out(rapidjson::kObjectType);
  if (!query.split_by_app_type) {
    out.AddMember("all", metrics_block(query, series, today, days, query.app_type, alloc), alloc);
    return out;
  }
  for (const AppType app : kAppTypeSplits)
    if (query.app_type == AppType::All || query.app_type == app)
      out.AddMember(json::string(app_type_name(app), alloc),
                    metrics_block(query, series, today, days, app, alloc), alloc);
  return out;
}

} // namespace pinsmock

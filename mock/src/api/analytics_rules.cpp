#include "api/analytics_rules.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace pinsmock {
namespace {

void write_metric(json::Writer& w, const MetricCounts& counts, Metric metric) {
  w.Key(metric_name(metric).data(), static_cast<rapidjson::SizeType>(metric_name(metric).size()));
  if (is_ratio(metric))
    w.Double(counts.value(metric));
  else
    w.Uint64(counts[metric]);
}

// One date of the window, as every pin's block needs it.
struct WindowDay {
  std::int64_t number; // days since the epoch
  std::string text;    // YYYY-MM-DD
};

// The data_status of a date: the pin did not exist yet, the day is not over (today) or has not
// come (a future date), or its data is final.
std::string_view data_status(std::int64_t date, std::int64_t created, std::int64_t today) {
  if (date < created)
    return "BEFORE_PIN_CREATED";
  if (today <= date)
    return "PROCESSING";
  return "READY";
}

// Dates with values: from creation through today. Future dates have none yet.
bool has_values(std::int64_t date, std::int64_t created, std::int64_t today) {
  return created <= date && date <= today;
}

// One app type's PinAnalyticsMetricsResponse; `days[i]` holds the counts of start + i. Written
// member by member in the order the document version used, so the bytes did not change.
void write_metrics_block(json::Writer& w, const AnalyticsQuery& query, const PinSeries& series,
                         const Date& today, const std::vector<WindowDay>& window,
                         const std::vector<std::array<MetricCounts, 4>>& days, AppType app) {
  const std::int64_t created = series.profile().created.days_since_epoch();
  const std::int64_t today_number = today.days_since_epoch();
  const auto index = static_cast<std::size_t>(app);
  MetricCounts sum;
  w.StartObject();
  w.Key("daily_metrics");
  w.StartArray();
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::int64_t date = window[i].number;
    w.StartObject();
    w.member("date", window[i].text);
    w.member("data_status", data_status(date, created, today_number));
    w.Key("metrics");
    w.StartObject();
    if (has_values(date, created, today_number)) {
      const MetricCounts& counts = days[i][index];
      sum += counts;
      for (const Metric m : query.metrics)
        if (!is_lifetime(m))
          write_metric(w, counts, m);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.Key("summary_metrics");
  w.StartObject();
  bool wants_lifetime = false;
  for (const Metric m : query.metrics) {
    if (is_lifetime(m))
      wants_lifetime = true;
    else
      write_metric(w, sum, m);
  }
  w.EndObject();
  w.Key("lifetime_metrics");
  w.StartObject();
  if (wants_lifetime) {
    const MetricCounts total = series.lifetime(today, app);
    for (const Metric m : query.metrics)
      if (is_lifetime(m))
        write_metric(w, total, m);
  }
  w.EndObject();
  w.EndObject();
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

void write_pin_analytics(json::Writer& w, const AnalyticsQuery& query, const PinSeries& series,
                         const Date& today) {
  // Each day's counts once, for every app type; dates without values stay zero.
  const std::int64_t created = series.profile().created.days_since_epoch();
  const std::int64_t first = query.start.days_since_epoch();
  std::vector<WindowDay> window(static_cast<std::size_t>(query.end.days_since_epoch() - first + 1));
  std::vector<std::array<MetricCounts, 4>> days(window.size());
  // Without a split only one app type is written; "ALL" needs no splits computed at all.
  const bool all_only = !query.split_by_app_type && query.app_type == AppType::All;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const Date date = Date::from_days_since_epoch(first + static_cast<std::int64_t>(i));
    window[i] = {first + static_cast<std::int64_t>(i), date.to_string()};
    if (!has_values(window[i].number, created, today.days_since_epoch()))
      continue;
    if (all_only)
      days[i][0] = series.counts(date, AppType::All);
    else
      days[i] = series.day(date);
  }
  w.StartObject();
  if (!query.split_by_app_type) {
    w.Key("all");
    write_metrics_block(w, query, series, today, window, days, query.app_type);
  } else {
    for (const AppType app : kAppTypeSplits)
      if (query.app_type == AppType::All || query.app_type == app) {
        const std::string_view name = app_type_name(app);
        w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        write_metrics_block(w, query, series, today, window, days, app);
      }
  }
  w.EndObject();
}

std::size_t pin_analytics_size_hint(const AnalyticsQuery& query) {
  const auto days = static_cast<std::size_t>(
      std::max<std::int64_t>(0, query.end.days_since_epoch() - query.start.days_since_epoch() + 1));
  const std::size_t blocks = query.split_by_app_type ? kAppTypeSplits.size() : 1;
  return blocks * (128 + (days + 1) * (64 + 32 * query.metrics.size()));
}

} // namespace pinsmock

// Pin analytics: metric synthesis (determinism, plausibility, sums) and the endpoint rules.
#include "api/analytics.hpp"
#include "api/analytics_rules.hpp"
#include "core/error_catalog.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock;
using pinsmock::test::fixture_pin;
using pinsmock::test::parse_json;

namespace {

const Date kToday{2026, 11, 28};

// The default fixtures with the mock's clock at kToday.
struct AnalyticsWorld {
  PinStore store;
  IdSource ids{1};
  Clock clock{kToday};
  Services services{store, pinsmock::test::default_fixtures(), ids, clock, 1};

  AnalyticsWorld() { store.reset(pinsmock::test::default_fixtures().pins); }
};

Date day(const char* text) { return *Date::parse(text); }

PinProfile profile_of(const AnalyticsWorld& world, int nn) {
  return pin_profile(*world.store.find(fixture_pin(nn)));
}

std::vector<Date> dates(const Date& first, int count) {
  std::vector<Date> out;
  for (int i = 0; i < count; ++i)
    out.push_back(first.plus_days(i));
  return out;
}

// Analytics params as the pipeline hands them over (typed, defaults filled in).
json::Document params(const std::string& start, const std::string& end, const std::string& metrics,
                      const std::string& app_types = "ALL",
                      const std::string& split_field = "NO_SPLIT") {
  return parse_json(R"({"pin_id": "1300000000000000001", "start_date": ")" + start +
                    R"(", "end_date": ")" + end + R"(", "metric_types": [)" + metrics +
                    R"(], "app_types": ")" + app_types + R"(", "split_field": ")" + split_field +
                    R"("})");
}

Result<AnalyticsQuery> parse(const json::Document& p, std::string_view op = "pins") {
  return parse_analytics_query(p, kToday, op);
}

// What write_pin_analytics writes, parsed back.
json::Document written(const AnalyticsQuery& query, const PinSeries& series) {
  std::string bytes;
  json::Writer w(bytes);
  write_pin_analytics(w, query, series, kToday);
  return parse_json(bytes);
}

} // namespace

TEST_CASE("Metric: names round-trip and classify lifetime, ratio and video types",
          "[unit][analytics]") {
  for (std::size_t i = 0; i < kMetricCount; ++i) {
    const auto metric = static_cast<Metric>(i);
    CHECK(parse_metric(metric_name(metric)) == metric);
  }
  CHECK_FALSE(parse_metric("ALL"));
  CHECK(is_lifetime(Metric::TotalComments));
  CHECK_FALSE(is_lifetime(Metric::Save));
  CHECK(is_ratio(Metric::SaveRate));
  CHECK(is_ratio(Metric::VideoAvgWatchTime));
  CHECK(is_video(Metric::Quartile95PercentView));
  CHECK_FALSE(is_video(Metric::Impression));
  CHECK(parse_app_type("WEB") == AppType::Web);
  CHECK_FALSE(parse_app_type("web"));
}

TEST_CASE("PinSeries: the same seed, pin and date give the same counts; another seed does not",
          "[unit][analytics]") {
  AnalyticsWorld first;
  AnalyticsWorld second;
  const PinSeries a(first.services, profile_of(first, 7));
  const PinSeries b(second.services, profile_of(second, 7));
  AnalyticsWorld reseeded;
  reseeded.services.seed = 2;
  const PinSeries c(reseeded.services, profile_of(reseeded, 7));
  bool any_difference = false;
  for (const Date& date : dates(day("2026-09-01"), 60)) {
    const auto x = a.day(date);
    const auto y = b.day(date);
    for (std::size_t app = 0; app < 4; ++app)
      CHECK(x[app].counts == y[app].counts);
    any_difference = any_difference || c.day(date)[0].counts != x[0].counts;
  }
  CHECK(any_difference);
}

TEST_CASE("PinSeries: mobile, tablet and web add up to the all value for every metric",
          "[unit][analytics]") {
  AnalyticsWorld world;
  for (const int nn : {1, 3, 10, 20}) {
    const PinSeries series(world.services, profile_of(world, nn));
    for (const Date& date : dates(day("2026-10-15"), 45)) {
      const auto d = series.day(date);
      for (std::size_t m = 0; m < kMetricCount; ++m) {
        INFO("pin " << nn << " " << date.to_string() << " " << metric_name(static_cast<Metric>(m)));
        CHECK(d[1].counts[m] + d[2].counts[m] + d[3].counts[m] == d[0].counts[m]);
      }
    }
  }
}

TEST_CASE("PinSeries: impressions bound clicks, saves and video starts in every app type",
          "[unit][analytics]") {
  AnalyticsWorld world;
  for (const int nn : {2, 3, 21, 27}) {
    const PinSeries series(world.services, profile_of(world, nn));
    for (const Date& date : dates(day("2026-10-01"), 58)) {
      const auto d = series.day(date);
      for (std::size_t app = 0; app < 4; ++app) {
        const MetricCounts& c = d[app];
        INFO("pin " << nn << " " << date.to_string() << " app " << app);
        CHECK(c[Metric::Impression] > 0);
        for (const Metric m : {Metric::PinClick, Metric::OutboundClick, Metric::Save,
                               Metric::UserFollow, Metric::ProfileVisit, Metric::VideoStart})
          CHECK(c[m] <= c[Metric::Impression]);
        CHECK(c[Metric::VideoMrcView] <= c[Metric::VideoStart]);
        CHECK(c[Metric::Video10sView] <= c[Metric::VideoMrcView]);
        CHECK(c[Metric::Quartile95PercentView] <= c[Metric::Video10sView]);
        CHECK(c.value(Metric::SaveRate) <= 1.0);
      }
    }
  }
}

TEST_CASE("PinSeries: video metrics are zero for image pins and positive for video pins",
          "[unit][analytics]") {
  AnalyticsWorld world;
  const PinSeries image(world.services, profile_of(world, 1));
  const PinSeries video(world.services, profile_of(world, 3));
  REQUIRE_FALSE(image.profile().video);
  REQUIRE(video.profile().video);
  const MetricCounts image_total = image.total(day("2026-11-01"), day("2026-11-27"), AppType::All);
  const MetricCounts video_total = video.total(day("2026-11-01"), day("2026-11-27"), AppType::All);
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    const auto metric = static_cast<Metric>(m);
    if (!is_video(metric))
      continue;
    INFO(metric_name(metric));
    CHECK(image_total.value(metric) == 0);
    CHECK(video_total.value(metric) > 0);
  }
}

TEST_CASE("PinSeries: pinned fixture values are the all value and the splits still add up",
          "[unit][analytics]") {
  AnalyticsWorld world;
  const PinSeries series(world.services, profile_of(world, 1));
  const auto d = series.day(day("2026-11-10"));
  CHECK(d[0][Metric::Impression] == 1520);
  CHECK(d[0][Metric::PinClick] == 48);
  CHECK(d[0][Metric::OutboundClick] == 12);
  CHECK(d[0][Metric::Save] == 9);
  CHECK(d[0][Metric::TotalComments] == 2);
  CHECK(d[0][Metric::TotalReactions] == 5);
  CHECK(d[0].value(Metric::SaveRate) == Approx(9.0 / 1520.0));
  for (const Metric m : {Metric::Impression, Metric::PinClick, Metric::Save}) {
    CHECK(d[1][m] + d[2][m] + d[3][m] == d[0][m]);
    CHECK(d[1][m] > d[3][m]); // mobile takes the largest share
  }
  CHECK(metric_value(world.services, series.profile(), day("2026-11-14"), Metric::Impression,
                     AppType::All) == 1459);
  // Pin …02 on the same date has its own pinned row.
  CHECK(metric_value(world.services, profile_of(world, 2), day("2026-11-10"), Metric::Impression,
                     AppType::All) == 2310);
}

TEST_CASE("PinSeries: dates before the pin was created have no counts", "[unit][analytics]") {
  AnalyticsWorld world;
  const PinSeries series(world.services, profile_of(world, 30)); // created 2026-10-10
  REQUIRE(series.profile().created == day("2026-10-10"));
  CHECK(series.counts(day("2026-10-09"), AppType::All).counts == MetricCounts{}.counts);
  CHECK(series.counts(day("2026-10-10"), AppType::All)[Metric::Impression] > 0);
  CHECK(series.total(day("2026-09-01"), day("2026-10-10"), AppType::Web).counts ==
        series.counts(day("2026-10-10"), AppType::Web).counts);
}

TEST_CASE("MetricCounts: ratios divide their parts and are 0 without a denominator",
          "[unit][analytics]") {
  MetricCounts c;
  CHECK(c.value(Metric::SaveRate) == 0.0);
  CHECK(c.value(Metric::VideoAvgWatchTime) == 0.0);
  c[Metric::Impression] = 400;
  c[Metric::Save] = 10;
  c[Metric::VideoStart] = 4;
  c[Metric::VideoV50WatchTime] = 10000;
  CHECK(c.value(Metric::SaveRate) == Approx(0.025));
  CHECK(c.value(Metric::VideoAvgWatchTime) == Approx(2500.0));
  CHECK(c.value(Metric::Save) == 10.0);
}

TEST_CASE("parse_analytics_query: accepts the window boundaries and orders metrics",
          "[unit][analytics]") {
  // start exactly 90 days back, end exactly 90 days after start.
  auto query = parse(params("2026-08-30", "2026-11-28", R"("SAVE", "IMPRESSION", "SAVE")", "WEB"));
  REQUIRE(query.ok());
  CHECK(query->start == day("2026-08-30"));
  CHECK(query->end == day("2026-11-28"));
  CHECK(query->metrics == std::vector<Metric>{Metric::Impression, Metric::Save});
  CHECK(query->app_type == AppType::Web);
  CHECK_FALSE(query->split_by_app_type);
  // Dates after today are allowed (they answer PROCESSING without values).
  CHECK(parse(params("2026-11-20", "2026-12-31", R"("IMPRESSION")")).ok());
}

TEST_CASE("parse_analytics_query: each rule answers its own 400", "[unit][analytics]") {
  struct Case {
    const char* start;
    const char* end;
    const char* metrics;
    const char* split_field;
    ErrorId id;
    const char* names;
  };
  const auto c = GENERATE(values<Case>({
      {"2026-02-29", "2026-03-01", R"("SAVE")", "NO_SPLIT", ErrorId::InvalidAnalyticsParameters,
       "start_date '2026-02-29' is not a calendar date"},
      {"2026-11-01", "2026-02-29", R"("SAVE")", "NO_SPLIT", ErrorId::InvalidAnalyticsParameters,
       "end_date '2026-02-29' is not a calendar date"},
      {"2026-11-10", "2026-11-09", R"("SAVE")", "NO_SPLIT", ErrorId::InvalidAnalyticsParameters,
       "end_date must not be before start_date"},
      {"2026-08-29", "2026-09-01", R"("SAVE")", "NO_SPLIT", ErrorId::AnalyticsDateWindow,
       "You can only get data from the last 90 days."},
      {"2026-09-01", "2026-12-01", R"("SAVE")", "NO_SPLIT", ErrorId::InvalidAnalyticsParameters,
       "end_date must be at most 90 days after start_date"},
      {"2026-11-01", "2026-11-02", "", "NO_SPLIT", ErrorId::InvalidAnalyticsParameters,
       "metric_types must name at least one metric type"},
      {"2026-11-01", "2026-11-02", R"("TOTAL_COMMENTS")", "APP_TYPE",
       ErrorId::InvalidAnalyticsParameters, "cannot be split by APP_TYPE"},
      {"2026-11-01", "2026-11-02", R"("TOTAL_REACTIONS", "IMPRESSION")", "NO_SPLIT",
       ErrorId::InvalidAnalyticsParameters, "cannot be requested together with other"},
  }));
  auto query = parse(params(c.start, c.end, c.metrics, "ALL", c.split_field));
  REQUIRE_FALSE(query.ok());
  CHECK(query.error().id == c.id);
  CHECK_THAT(error_message(query.error()), Catch::Contains(c.names));
}

TEST_CASE("parse_analytics_query: messages name the operation", "[unit][analytics]") {
  auto single = parse(params("2026-11-10", "2026-11-09", R"("SAVE")"), "pins");
  auto multi = parse(params("2026-11-10", "2026-11-09", R"("SAVE")"), "multi_pins");
  REQUIRE_FALSE(single.ok());
  REQUIRE_FALSE(multi.ok());
  CHECK_THAT(error_message(single.error()),
             Catch::StartsWith("Invalid pins analytics parameters: "));
  CHECK_THAT(error_message(multi.error()),
             Catch::StartsWith("Invalid multi_pins analytics parameters: "));
}

TEST_CASE("write_pin_analytics: data_status marks creation, today and future dates",
          "[unit][analytics]") {
  AnalyticsWorld world;
  const PinSeries series(world.services, profile_of(world, 30)); // created 2026-10-10
  AnalyticsQuery query{
      day("2026-10-09"), day("2026-10-11"), {Metric::Impression}, AppType::All, false};
  json::Document out = written(query, series);
  const json::Value& daily = out["all"]["daily_metrics"];
  REQUIRE(daily.Size() == 3);
  CHECK(std::string(daily[0]["data_status"].GetString()) == "BEFORE_PIN_CREATED");
  CHECK(daily[0]["metrics"].ObjectEmpty());
  CHECK(std::string(daily[1]["data_status"].GetString()) == "READY");
  CHECK(daily[1]["metrics"]["IMPRESSION"].GetUint64() > 0);

  query.start = day("2026-11-27");
  query.end = day("2026-11-29");
  out = written(query, series);
  const json::Value& recent = out["all"]["daily_metrics"];
  REQUIRE(recent.Size() == 3);
  CHECK(std::string(recent[0]["data_status"].GetString()) == "READY");
  CHECK(std::string(recent[1]["data_status"].GetString()) == "PROCESSING");
  CHECK(recent[1]["metrics"].HasMember("IMPRESSION"));
  CHECK(std::string(recent[2]["data_status"].GetString()) == "PROCESSING");
  CHECK(recent[2]["metrics"].ObjectEmpty());
  CHECK(std::string(recent[2]["date"].GetString()) == "2026-11-29");
}

TEST_CASE("write_pin_analytics: summary_metrics are the sums of daily_metrics",
          "[unit][analytics]") {
  AnalyticsWorld world;
  const PinSeries series(world.services, profile_of(world, 3));
  const AnalyticsQuery query{day("2026-10-01"),
                             day("2026-11-28"),
                             {Metric::Impression, Metric::Save, Metric::SaveRate,
                              Metric::VideoStart, Metric::VideoV50WatchTime,
                              Metric::VideoAvgWatchTime},
                             AppType::Tablet,
                             false};
  const json::Document out = written(query, series);
  const json::Value& block = out["all"];
  std::uint64_t impressions = 0, saves = 0, starts = 0, watch = 0;
  for (const auto& entry : block["daily_metrics"].GetArray()) {
    impressions += entry["metrics"]["IMPRESSION"].GetUint64();
    saves += entry["metrics"]["SAVE"].GetUint64();
    starts += entry["metrics"]["VIDEO_START"].GetUint64();
    watch += entry["metrics"]["VIDEO_V50_WATCH_TIME"].GetUint64();
  }
  const json::Value& summary = block["summary_metrics"];
  CHECK(summary["IMPRESSION"].GetUint64() == impressions);
  CHECK(summary["SAVE"].GetUint64() == saves);
  CHECK(summary["VIDEO_START"].GetUint64() == starts);
  CHECK(summary["SAVE_RATE"].GetDouble() == Approx(double(saves) / double(impressions)));
  CHECK(summary["VIDEO_AVG_WATCH_TIME"].GetDouble() == Approx(double(watch) / double(starts)));
  CHECK(block["lifetime_metrics"].ObjectEmpty());
  CHECK(impressions == series.total(query.start, query.end, AppType::Tablet)[Metric::Impression]);
}

TEST_CASE("write_pin_analytics: lifetime metrics count from creation through today",
          "[unit][analytics]") {
  AnalyticsWorld world;
  const PinSeries series(world.services, profile_of(world, 1));
  const AnalyticsQuery query{day("2026-11-10"),
                             day("2026-11-14"),
                             {Metric::TotalComments, Metric::TotalReactions},
                             AppType::All,
                             false};
  const json::Document out = written(query, series);
  const json::Value& block = out["all"];
  CHECK(block["summary_metrics"].ObjectEmpty());
  for (const auto& entry : block["daily_metrics"].GetArray())
    CHECK(entry["metrics"].ObjectEmpty());
  const MetricCounts lifetime = series.total(day("2026-06-02"), kToday, AppType::All);
  CHECK(block["lifetime_metrics"]["TOTAL_COMMENTS"].GetInt64() ==
        static_cast<std::int64_t>(lifetime[Metric::TotalComments]));
  CHECK(block["lifetime_metrics"]["TOTAL_REACTIONS"].GetUint64() ==
        lifetime[Metric::TotalReactions]);
  // The pinned days alone hold 13 comments and 32 reactions.
  CHECK(lifetime[Metric::TotalComments] >= 13);
  CHECK(lifetime[Metric::TotalReactions] >= 32);
}

TEST_CASE("write_pin_analytics: split_field=APP_TYPE keys the selected app types",
          "[unit][analytics]") {
  AnalyticsWorld world;
  const PinSeries series(world.services, profile_of(world, 2));
  AnalyticsQuery query{
      day("2026-11-01"), day("2026-11-05"), {Metric::PinClick}, AppType::All, true};
  json::Document out = written(query, series);
  CHECK(out.MemberCount() == 3);
  CHECK(out.HasMember("MOBILE"));
  CHECK(out.HasMember("TABLET"));
  CHECK(out.HasMember("WEB"));
  CHECK_FALSE(out.HasMember("all"));
  query.app_type = AppType::Mobile;
  out = written(query, series);
  CHECK(out.MemberCount() == 1);
  CHECK(out.HasMember("MOBILE"));
}

TEST_CASE("pin_metrics: 90d and lifetime_metrics sum the same series", "[unit][analytics]") {
  AnalyticsWorld world;
  const PinRecord pin = *world.store.find(fixture_pin(1));
  json::Document metrics;
  REQUIRE_FALSE(json::parse_into(metrics, pinsmock::pin_metrics_json(pin, world.services)));
  const PinSeries series(world.services, pin_profile(pin));
  const MetricCounts last_90 = series.total(kToday.plus_days(-89), kToday, AppType::All);
  const MetricCounts lifetime = series.total(day("2026-06-02"), kToday, AppType::All);
  CHECK(metrics["90d"]["impression"].GetUint64() == last_90[Metric::Impression]);
  CHECK(metrics["90d"]["pin_click"].GetUint64() == last_90[Metric::PinClick]);
  CHECK(metrics["90d"]["clickthrough"].GetUint64() == last_90[Metric::OutboundClick]);
  CHECK(metrics["90d"]["save"].GetUint64() == last_90[Metric::Save]);
  CHECK(metrics["90d"].MemberCount() == 4);
  CHECK(metrics["lifetime_metrics"]["impression"].GetUint64() == lifetime[Metric::Impression]);
  CHECK(metrics["lifetime_metrics"]["comment"].GetUint64() == lifetime[Metric::TotalComments]);
  CHECK(metrics["lifetime_metrics"]["reaction"].GetUint64() == lifetime[Metric::TotalReactions]);
  CHECK(lifetime[Metric::Impression] > last_90[Metric::Impression]);
}

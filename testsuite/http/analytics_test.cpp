// pins/analytics — GET /pins/{pin_id}/analytics: the series, its rules and its keys.
#include "http/analytics_fixture.hpp"

#include <map>

using namespace pinsmock::test;
using namespace pinsmock::test::analytics;
using pinsmock::MockServer;

TEST_CASE("pins/analytics: answers the pinned fixture series keyed all", "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_analytics(
      fixture_pin(1), window("2026-11-10", "2026-11-14", "IMPRESSION,PIN_CLICK,SAVE_RATE"));
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/analytics"));
  CHECK(member_names(got.json) == std::vector<std::string>{"all"});
  const Value& daily = at(got, "all/daily_metrics");
  REQUIRE(daily.Size() == 5);
  const char* dates[] = {"2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14"};
  for (rapidjson::SizeType i = 0; i < 5; ++i) {
    CHECK(str_at(daily[i], "date") == dates[i]);
    CHECK(str_at(daily[i], "data_status") == "READY");
    CHECK(member_names(daily[i]["metrics"]) ==
          std::vector<std::string>{"IMPRESSION", "PIN_CLICK", "SAVE_RATE"});
  }
  CHECK(int_at(daily[0], "metrics/IMPRESSION") == 1520);
  CHECK(int_at(daily[0], "metrics/PIN_CLICK") == 48);
  CHECK(num(daily[0]["metrics"], "SAVE_RATE") == Approx(9.0 / 1520));
  CHECK(int_at(got.json, "all/summary_metrics/IMPRESSION") == 1520 + 1384 + 1611 + 1702 + 1459);
  CHECK(int_at(got.json, "all/summary_metrics/PIN_CLICK") == 48 + 41 + 55 + 60 + 44);
  CHECK(num(at(got, "all/summary_metrics"), "SAVE_RATE") == Approx(48.0 / 7676));
  CHECK(at(got, "all/lifetime_metrics").ObjectEmpty());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/analytics: summary_metrics are the sums of daily_metrics over the whole window",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_analytics(
      fixture_pin(3), window("2026-08-30", "2026-11-28",
                             "IMPRESSION,OUTBOUND_CLICK,SAVE,SAVE_RATE,VIDEO_START,"
                             "VIDEO_V50_WATCH_TIME,VIDEO_AVG_WATCH_TIME"));
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/analytics"));
  const Value& daily = at(got, "all/daily_metrics");
  REQUIRE(daily.Size() == 91);
  std::map<std::string, double> sums;
  for (const auto& entry : daily.GetArray()) {
    const Value& m = entry["metrics"];
    CHECK(num(m, "IMPRESSION") >= num(m, "OUTBOUND_CLICK"));
    CHECK(num(m, "IMPRESSION") >= num(m, "SAVE"));
    CHECK(num(m, "IMPRESSION") >= num(m, "VIDEO_START"));
    for (const char* key :
         {"IMPRESSION", "OUTBOUND_CLICK", "SAVE", "VIDEO_START", "VIDEO_V50_WATCH_TIME"})
      sums[key] += num(m, key);
  }
  CHECK(str_at(daily[0], "data_status") == "READY");
  CHECK(str_at(daily[90], "date") == "2026-11-28");
  CHECK(str_at(daily[90], "data_status") == "PROCESSING");
  const Value& summary = at(got, "all/summary_metrics");
  for (const auto& [key, sum] : sums)
    CHECK(num(summary, key.c_str()) == sum);
  CHECK(num(summary, "SAVE_RATE") == Approx(sums["SAVE"] / sums["IMPRESSION"]));
  CHECK(num(summary, "VIDEO_AVG_WATCH_TIME") ==
        Approx(sums["VIDEO_V50_WATCH_TIME"] / sums["VIDEO_START"]));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/analytics: the same request gives the same bytes, also after a restart",
          "[http][analytics]") {
  const Query query = window("2026-09-15", "2026-11-28", "IMPRESSION,SAVE,PIN_CLICK",
                             {{"split_field", "APP_TYPE"}});
  std::string first_body;
  {
    MockServer server(analytics_options());
    server.start();
    PinsClient client(server.base_url(), kCreatorToken);
    ApiResult first = client.pins_analytics(fixture_pin(7), query);
    ApiResult second = client.pins_analytics(fixture_pin(7), query);
    REQUIRE_THAT(first, HasStatus(200));
    CHECK(first.body == second.body);
    first_body = first.body;
  }
  MockServer restarted(analytics_options());
  restarted.start();
  PinsClient again(restarted.base_url(), kCreatorToken);
  CHECK(again.pins_analytics(fixture_pin(7), query).body == first_body);

  MockServer reseeded(analytics_options(2));
  reseeded.start();
  PinsClient other(reseeded.base_url(), kCreatorToken);
  ApiResult different = other.pins_analytics(fixture_pin(7), query);
  REQUIRE_THAT(different, HasStatus(200));
  CHECK(different.body != first_body);
}

TEST_CASE("pins/analytics: comma-joined, repeated and raw-comma metric_types answer the same",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string pin = fixture_pin(2);
  ApiResult joined =
      client.pins_analytics(pin, window("2026-11-01", "2026-11-20", "SAVE,IMPRESSION"));
  ApiResult repeated = client.pins_analytics(pin, {{"start_date", "2026-11-01"},
                                                   {"end_date", "2026-11-20"},
                                                   {"metric_types", "SAVE"},
                                                   {"metric_types", "IMPRESSION"}});
  ApiResult raw = client.raw("GET", "/pins/" + pin +
                                        "/analytics?start_date=2026-11-01&end_date=2026-11-20"
                                        "&metric_types=SAVE,IMPRESSION");
  REQUIRE_THAT(joined, HasStatus(200));
  CHECK(repeated.body == joined.body);
  CHECK(raw.body == joined.body);
  CHECK(member_names(at(joined, "all/summary_metrics")) ==
        std::vector<std::string>{"IMPRESSION", "SAVE"});
}

TEST_CASE("pins/analytics: split_field=APP_TYPE answers MOBILE, TABLET and WEB that add up to all",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string metrics = "IMPRESSION,PIN_CLICK,OUTBOUND_CLICK,SAVE,USER_FOLLOW,PROFILE_VISIT";
  ApiResult all =
      client.pins_analytics(fixture_pin(2), window("2026-11-01", "2026-11-20", metrics));
  ApiResult split = client.pins_analytics(
      fixture_pin(2), window("2026-11-01", "2026-11-20", metrics, {{"split_field", "APP_TYPE"}}));
  REQUIRE_THAT(all, HasStatus(200));
  REQUIRE_THAT(split, HasStatus(200));
  CHECK_THAT(split, ConformsTo("pins/analytics"));
  CHECK(member_names(split.json) == std::vector<std::string>{"MOBILE", "TABLET", "WEB"});
  for (const char* metric :
       {"IMPRESSION", "PIN_CLICK", "OUTBOUND_CLICK", "SAVE", "USER_FOLLOW", "PROFILE_VISIT"}) {
    INFO(metric);
    for (rapidjson::SizeType day = 0; day < 20; ++day) {
      double parts = 0;
      for (const char* app : {"MOBILE", "TABLET", "WEB"}) {
        const Value& m =
            at(split, std::string(app) + "/daily_metrics/" + std::to_string(day) + "/metrics");
        parts += num(m, metric);
        CHECK(num(m, "IMPRESSION") >= num(m, metric));
      }
      CHECK(parts == num(at(all, "all/daily_metrics/" + std::to_string(day) + "/metrics"), metric));
    }
    CHECK(num(at(split, "MOBILE/summary_metrics"), metric) +
              num(at(split, "TABLET/summary_metrics"), metric) +
              num(at(split, "WEB/summary_metrics"), metric) ==
          num(at(all, "all/summary_metrics"), metric));
  }
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/analytics: app_types selects the app type reported under all or split",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const Query base = window("2026-11-01", "2026-11-07", "IMPRESSION,SAVE_RATE");
  Query web = base;
  web.emplace_back("app_types", "WEB");
  Query split = base;
  split.emplace_back("split_field", "APP_TYPE");
  Query web_split = web;
  web_split.emplace_back("split_field", "APP_TYPE");
  ApiResult web_only = client.pins_analytics(fixture_pin(4), web);
  ApiResult all_split = client.pins_analytics(fixture_pin(4), split);
  ApiResult one_split = client.pins_analytics(fixture_pin(4), web_split);
  REQUIRE_THAT(web_only, HasStatus(200));
  CHECK_THAT(web_only, ConformsTo("pins/analytics"));
  CHECK(member_names(web_only.json) == std::vector<std::string>{"all"});
  CHECK(at(web_only, "all") == at(all_split, "WEB"));
  CHECK(member_names(one_split.json) == std::vector<std::string>{"WEB"});
  CHECK(at(one_split, "WEB") == at(all_split, "WEB"));
}

TEST_CASE("pins/analytics: a start_date more than 90 days back answers 400 with the live message",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult too_old =
      client.pins_analytics(fixture_pin(1), window("2026-08-29", "2026-09-10", "SAVE"));
  CHECK_THAT(too_old, IsPinterestError(400, 1));
  CHECK_THAT(too_old, ConformsTo("pins/analytics"));
  CHECK(message(too_old) == "You can only get data from the last 90 days.");
  ApiResult oldest =
      client.pins_analytics(fixture_pin(1), window("2026-08-30", "2026-09-10", "SAVE"));
  CHECK_THAT(oldest, HasStatus(200));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/analytics: the 90-day window follows the mock's today", "[http][analytics]") {
  ServerOptions later = analytics_options();
  later.today = "2027-03-01";
  MockServer server(later);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult old = client.pins_analytics(fixture_pin(1), window("2026-11-10", "2026-11-14", "SAVE"));
  CHECK_THAT(old, IsPinterestError(400, 1));
  CHECK(message(old) == "You can only get data from the last 90 days.");
  ApiResult recent =
      client.pins_analytics(fixture_pin(1), window("2026-12-01", "2027-03-01", "SAVE"));
  REQUIRE_THAT(recent, HasStatus(200));
  CHECK(str_at(recent.json, "all/daily_metrics/90/data_status") == "PROCESSING");
}

TEST_CASE("pins/analytics: an end_date more than 90 days after start_date answers 400",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult too_long =
      client.pins_analytics(fixture_pin(1), window("2026-09-01", "2026-12-01", "SAVE"));
  CHECK_THAT(too_long, IsPinterestError(400, 1));
  CHECK_THAT(too_long, ConformsTo("pins/analytics"));
  CHECK(message(too_long) ==
        "Invalid pins analytics parameters: end_date must be at most 90 days after start_date.");
  // 90 days is allowed, even when the last two are still to come.
  ApiResult longest =
      client.pins_analytics(fixture_pin(1), window("2026-09-01", "2026-11-30", "SAVE"));
  REQUIRE_THAT(longest, HasStatus(200));
  CHECK(at(longest, "all/daily_metrics").Size() == 91);
}

TEST_CASE("pins/analytics: an end_date before start_date answers 400", "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult reversed =
      client.pins_analytics(fixture_pin(1), window("2026-11-10", "2026-11-09", "SAVE"));
  CHECK_THAT(reversed, IsPinterestError(400, 1));
  CHECK_THAT(reversed, ConformsTo("pins/analytics"));
  CHECK(message(reversed) ==
        "Invalid pins analytics parameters: end_date must not be before start_date.");
  ApiResult one_day =
      client.pins_analytics(fixture_pin(1), window("2026-11-10", "2026-11-10", "SAVE"));
  REQUIRE_THAT(one_day, HasStatus(200));
  CHECK(at(one_day, "all/daily_metrics").Size() == 1);
}

TEST_CASE("pins/analytics: malformed dates answer 400 naming the parameter", "[http][analytics]") {
  const std::string bad = GENERATE(as<std::string>{}, "2026-02-29", "2026-04-31", "2026-13-01",
                                   "2026-11-1", "20261110", "yesterday", "2026-11-10T00:00:00");
  const std::string param = GENERATE(as<std::string>{}, "start_date", "end_date");
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  Query query = window("2026-11-01", "2026-11-10", "SAVE");
  for (auto& [key, value] : query)
    if (key == param)
      value = bad;
  ApiResult got = client.pins_analytics(fixture_pin(1), query);
  CHECK_THAT(got, IsPinterestError(400, 1));
  CHECK_THAT(got, ConformsTo("pins/analytics"));
  CHECK_THAT(message(got), Catch::Contains(param));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/analytics: missing, empty or unknown metric_types answer 400 naming metric_types",
          "[http][analytics]") {
  const std::string metrics =
      GENERATE(as<std::string>{}, "<none>", ",", "ALL", "IMPRESSION,CLICKS", "IMPRESSIONS");
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  Query query{{"start_date", "2026-11-01"}, {"end_date", "2026-11-10"}};
  if (metrics != "<none>")
    query.emplace_back("metric_types", metrics);
  ApiResult got = client.pins_analytics(fixture_pin(1), query);
  CHECK_THAT(got, IsPinterestError(400, 1));
  CHECK_THAT(got, ConformsTo("pins/analytics"));
  CHECK_THAT(message(got), Catch::Contains("metric_types"));
}

TEST_CASE("pins/analytics: enum values are accepted in any case, as the official quickstart sends them",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const Query base{{"start_date", "2026-11-01"}, {"end_date", "2026-11-10"}};
  Query upper = base;
  upper.insert(upper.end(), {{"metric_types", "IMPRESSION"}, {"app_types", "MOBILE"}});
  Query lower = base;
  lower.insert(lower.end(), {{"metric_types", "impression"}, {"app_types", "mobile"}});
  ApiResult a = client.pins_analytics(fixture_pin(1), upper);
  ApiResult b = client.pins_analytics(fixture_pin(1), lower);
  REQUIRE_THAT(a, HasStatus(200));
  CHECK(a.body == b.body);
}

TEST_CASE("pins/analytics: lifetime metric types answer 400 with a split or mixed with others",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult split =
      client.pins_analytics(fixture_pin(1), window("2026-11-01", "2026-11-10", "TOTAL_COMMENTS",
                                                   {{"split_field", "APP_TYPE"}}));
  CHECK_THAT(split, IsPinterestError(400, 1));
  CHECK_THAT(split, ConformsTo("pins/analytics"));
  CHECK_THAT(message(split), Catch::Contains("cannot be split by APP_TYPE"));
  ApiResult mixed = client.pins_analytics(
      fixture_pin(1), window("2026-11-01", "2026-11-10", "TOTAL_REACTIONS,IMPRESSION"));
  CHECK_THAT(mixed, IsPinterestError(400, 1));
  CHECK_THAT(message(mixed),
             Catch::Contains("cannot be requested together with other metric types"));
}

TEST_CASE("pins/analytics: lifetime metric types are answered in lifetime_metrics as integers",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_analytics(
      fixture_pin(1), window("2026-11-10", "2026-11-14", "TOTAL_COMMENTS,TOTAL_REACTIONS"));
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/analytics"));
  CHECK(at(got, "all/summary_metrics").ObjectEmpty());
  for (const auto& entry : at(got, "all/daily_metrics").GetArray())
    CHECK(entry["metrics"].ObjectEmpty());
  // At least what the fixture pins on 2026-11-10 .. 14 (2+2+3+3+3 comments, 5+6+6+7+8 reactions).
  CHECK(int_at(got.json, "all/lifetime_metrics/TOTAL_COMMENTS") >= 13);
  CHECK(int_at(got.json, "all/lifetime_metrics/TOTAL_REACTIONS") >= 32);
}

TEST_CASE("pins/analytics: data_status marks dates before creation, today and the future",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  // Pin …30 was created on 2026-10-10.
  ApiResult created =
      client.pins_analytics(fixture_pin(30), window("2026-10-08", "2026-10-11", "IMPRESSION"));
  REQUIRE_THAT(created, HasStatus(200));
  CHECK_THAT(created, ConformsTo("pins/analytics"));
  const Value& early = at(created, "all/daily_metrics");
  CHECK(str_at(early[0], "data_status") == "BEFORE_PIN_CREATED");
  CHECK(early[0]["metrics"].ObjectEmpty());
  CHECK(str_at(early[1], "data_status") == "BEFORE_PIN_CREATED");
  CHECK(str_at(early[2], "data_status") == "READY");
  CHECK(num(early[2]["metrics"], "IMPRESSION") > 0);
  CHECK(num(at(created, "all/summary_metrics"), "IMPRESSION") ==
        num(early[2]["metrics"], "IMPRESSION") + num(early[3]["metrics"], "IMPRESSION"));

  ApiResult recent =
      client.pins_analytics(fixture_pin(30), window("2026-11-27", "2026-11-30", "IMPRESSION"));
  REQUIRE_THAT(recent, HasStatus(200));
  const Value& late = at(recent, "all/daily_metrics");
  CHECK(str_at(late[0], "data_status") == "READY");
  CHECK(str_at(late[1], "data_status") == "PROCESSING");
  CHECK(num(late[1]["metrics"], "IMPRESSION") > 0);
  CHECK(str_at(late[2], "data_status") == "PROCESSING");
  CHECK(late[2]["metrics"].ObjectEmpty());
  CHECK(str_at(late[3], "date") == "2026-11-30");

  // A pin created now exists from today.
  const std::string fresh = create_pin(client);
  ApiResult today = client.pins_analytics(fresh, window("2026-11-27", "2026-11-28", "IMPRESSION"));
  REQUIRE_THAT(today, HasStatus(200));
  CHECK(str_at(today.json, "all/daily_metrics/0/data_status") == "BEFORE_PIN_CREATED");
  CHECK(str_at(today.json, "all/daily_metrics/1/data_status") == "PROCESSING");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/analytics: video metrics are zero for an image pin and positive for a video pin",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const Query query =
      window("2026-10-01", "2026-11-27", "VIDEO_START,VIDEO_MRC_VIEW,VIDEO_10S_VIEW");
  ApiResult image = client.pins_analytics(fixture_pin(1), query);
  ApiResult video = client.pins_analytics(fixture_pin(3), query);
  REQUIRE_THAT(image, HasStatus(200));
  REQUIRE_THAT(video, HasStatus(200));
  for (const char* metric : {"VIDEO_START", "VIDEO_MRC_VIEW", "VIDEO_10S_VIEW"}) {
    CHECK(num(at(image, "all/summary_metrics"), metric) == 0);
    CHECK(num(at(video, "all/summary_metrics"), metric) > 0);
  }
}

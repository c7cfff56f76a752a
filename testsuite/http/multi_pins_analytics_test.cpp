// Who may report on which pin, multi_pins/analytics — GET /pins/analytics, and the pin_metrics
// of pins/get and pins/list that come from the same series.
#include "http/analytics_fixture.hpp"

#include <map>

using namespace pinsmock::test;
using namespace pinsmock::test::analytics;
using pinsmock::MockServer;

TEST_CASE("pins/analytics: another user's public pin answers 403, a hidden or unknown pin 404",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const Query query = window("2026-11-01", "2026-11-10", "IMPRESSION");
  ApiResult others = client.pins_analytics(fixture_pin(31), query);
  CHECK_THAT(others, IsPinterestError(403, 29));
  CHECK_THAT(others, ConformsTo("pins/analytics"));
  for (const std::string& pin : {fixture_pin(35), kUnknownPin}) {
    ApiResult missing = client.pins_analytics(pin, query);
    CHECK_THAT(missing, IsPinterestError(404, 50));
    CHECK_THAT(missing, ConformsTo("pins/analytics"));
  }
  // Parameter rules come first: a bad request is a 400 whatever the pin.
  CHECK_THAT(client.pins_analytics(kUnknownPin, window("2026-11-10", "2026-11-01", "SAVE")),
             IsPinterestError(400, 1));
  PinsClient readonly(server.base_url(), kCreatorReadonlyToken);
  CHECK_THAT(readonly.pins_analytics(fixture_pin(1), query), HasStatus(200));
}

TEST_CASE("pins/analytics: an analyst with ad_account_id reports on public pins, not secret ones",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  const Query query =
      window("2026-11-01", "2026-11-10", "IMPRESSION", {{"ad_account_id", kCreatorAdAccount}});
  ApiResult own_public = partner.pins_analytics(fixture_pin(1), query);
  REQUIRE_THAT(own_public, HasStatus(200));
  CHECK_THAT(own_public, ConformsTo("pins/analytics"));
  ApiResult secret = partner.pins_analytics(fixture_pin(15), query);
  CHECK_THAT(secret, IsPinterestError(403, 29));
  CHECK_THAT(partner.pins_analytics(fixture_pin(31), window("2026-11-01", "2026-11-10", "SAVE")),
             HasStatus(200));
}

TEST_CASE("multi_pins/analytics: answers each pin keyed by id, shaped like the single-pin answer",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const Query query = window("2026-11-05", "2026-11-28", "IMPRESSION,SAVE,SAVE_RATE,VIDEO_START",
                             {{"app_types", "MOBILE"}});
  Query multi = query;
  multi.emplace_back("pin_ids", fixture_pin(3) + "," + fixture_pin(1));
  ApiResult got = client.multi_pins_analytics(multi);
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("multi_pins/analytics"));
  CHECK(member_names(got.json) == std::vector<std::string>{fixture_pin(3), fixture_pin(1)});
  for (const int pin : {1, 3}) {
    ApiResult single = client.pins_analytics(fixture_pin(pin), query);
    REQUIRE_THAT(single, HasStatus(200));
    CHECK(at(got, fixture_pin(pin)) == single.json);
  }
  CHECK(server.internal_errors().empty());
}

TEST_CASE("multi_pins/analytics: comma-joined and repeated pin_ids give the same bytes",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  Query joined = window("2026-11-01", "2026-11-10", "PIN_CLICK");
  Query repeated = joined;
  joined.emplace_back("pin_ids", fixture_pin(1) + "," + fixture_pin(2) + "," + fixture_pin(1));
  repeated.emplace_back("pin_ids", fixture_pin(1));
  repeated.emplace_back("pin_ids", fixture_pin(2));
  ApiResult a = client.multi_pins_analytics(joined);
  ApiResult b = client.multi_pins_analytics(repeated);
  REQUIRE_THAT(a, HasStatus(200));
  CHECK(a.body == b.body);
  CHECK(member_names(a.json).size() == 2); // a repeated id is answered once
  // split_field is not a parameter of the multi-pin form: it is ignored.
  Query split = joined;
  split.emplace_back("split_field", "APP_TYPE");
  CHECK(client.multi_pins_analytics(split).body == a.body);
}

TEST_CASE("multi_pins/analytics: zero or more than 100 pin ids answer 400", "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const Query base = window("2026-11-01", "2026-11-02", "SAVE");
  auto with_ids = [&](int count) {
    Query query = base;
    std::string ids;
    for (int i = 0; i < count; ++i)
      ids += (i ? "," : "") + fixture_pin(1 + i % 30);
    query.emplace_back("pin_ids", ids);
    return client.multi_pins_analytics(query);
  };
  CHECK_THAT(with_ids(100), HasStatus(200));
  ApiResult too_many = with_ids(101);
  CHECK_THAT(too_many, IsPinterestError(400, 1));
  CHECK_THAT(too_many, ConformsTo("multi_pins/analytics"));
  CHECK_THAT(message(too_many), Catch::Contains("pin_ids"));
  for (const std::string& empty : {std::string(","), std::string()}) {
    Query query = base;
    query.emplace_back("pin_ids", empty);
    ApiResult none = client.multi_pins_analytics(query);
    CHECK_THAT(none, IsPinterestError(400, 1));
    CHECK_THAT(message(none), Catch::Contains("pin_ids"));
  }
}

TEST_CASE("multi_pins/analytics: one pin that cannot be reported on fails the whole request",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  Query unknown = window("2026-11-01", "2026-11-10", "SAVE");
  Query others = unknown;
  unknown.emplace_back("pin_ids", fixture_pin(1) + "," + kUnknownPin);
  others.emplace_back("pin_ids", fixture_pin(1) + "," + fixture_pin(31));
  ApiResult missing = client.multi_pins_analytics(unknown);
  CHECK_THAT(missing, IsPinterestError(404, 50));
  CHECK_THAT(missing, ConformsTo("multi_pins/analytics"));
  ApiResult forbidden = client.multi_pins_analytics(others);
  CHECK_THAT(forbidden, IsPinterestError(403, 29));
  CHECK_THAT(forbidden, ConformsTo("multi_pins/analytics"));
}

TEST_CASE("multi_pins/analytics: the date and metric rules answer 400 as for a single pin",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  Query old = window("2026-08-01", "2026-08-10", "SAVE", {{"pin_ids", fixture_pin(1)}});
  ApiResult too_old = client.multi_pins_analytics(old);
  CHECK_THAT(too_old, IsPinterestError(400, 1));
  CHECK(message(too_old) == "You can only get data from the last 90 days.");
  Query reversed = window("2026-11-10", "2026-11-01", "SAVE", {{"pin_ids", fixture_pin(1)}});
  ApiResult backwards = client.multi_pins_analytics(reversed);
  CHECK_THAT(backwards, IsPinterestError(400, 1));
  CHECK_THAT(message(backwards), Catch::StartsWith("Invalid multi_pins analytics parameters: "));
  Query mixed =
      window("2026-11-01", "2026-11-10", "SAVE,TOTAL_COMMENTS", {{"pin_ids", fixture_pin(1)}});
  CHECK_THAT(client.multi_pins_analytics(mixed), IsPinterestError(400, 1));
}

TEST_CASE("pins/get: pin_metrics=true serves 90d and lifetime_metrics that match the analytics",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_get(fixture_pin(1), {{"pin_metrics", "true"}});
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(member_names(at(got, "pin_metrics")) ==
        std::vector<std::string>{"90d", "lifetime_metrics"});
  CHECK(member_names(at(got, "pin_metrics/90d")) ==
        std::vector<std::string>{"pin_click", "impression", "clickthrough", "save"});
  CHECK(member_names(at(got, "pin_metrics/lifetime_metrics")) ==
        std::vector<std::string>{"pin_click", "impression", "clickthrough", "save", "reaction",
                                 "comment"});
  // "90d" is the 90 dates up to and including today.
  ApiResult last_90 =
      client.pins_analytics(fixture_pin(1), window("2026-08-31", "2026-11-28",
                                                   "IMPRESSION,PIN_CLICK,OUTBOUND_CLICK,SAVE"));
  REQUIRE_THAT(last_90, HasStatus(200));
  const Value& summary = at(last_90, "all/summary_metrics");
  CHECK(int_at(got.json, "pin_metrics/90d/impression") == num(summary, "IMPRESSION"));
  CHECK(int_at(got.json, "pin_metrics/90d/pin_click") == num(summary, "PIN_CLICK"));
  CHECK(int_at(got.json, "pin_metrics/90d/clickthrough") == num(summary, "OUTBOUND_CLICK"));
  CHECK(int_at(got.json, "pin_metrics/90d/save") == num(summary, "SAVE"));
  ApiResult lifetime = client.pins_analytics(
      fixture_pin(1), window("2026-11-01", "2026-11-28", "TOTAL_COMMENTS,TOTAL_REACTIONS"));
  REQUIRE_THAT(lifetime, HasStatus(200));
  CHECK(int_at(got.json, "pin_metrics/lifetime_metrics/comment") ==
        int_at(lifetime.json, "all/lifetime_metrics/TOTAL_COMMENTS"));
  CHECK(int_at(got.json, "pin_metrics/lifetime_metrics/reaction") ==
        int_at(lifetime.json, "all/lifetime_metrics/TOTAL_REACTIONS"));
  // Pin …01 is older than 90 days, so its lifetime holds more than the last 90 days.
  CHECK(int_at(got.json, "pin_metrics/lifetime_metrics/impression") >
        int_at(got.json, "pin_metrics/90d/impression"));
}

TEST_CASE("pins/list: pin_metrics=true gives each item the pin_metrics of pins/get",
          "[http][analytics]") {
  MockServer server(analytics_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult page = client.pins_list({{"pin_metrics", "true"}, {"page_size", "5"}});
  REQUIRE_THAT(page, HasStatus(200));
  CHECK_THAT(page, ConformsTo("pins/list"));
  const Value& items = at(page, "items");
  REQUIRE(items.Size() == 5);
  for (const auto& item : items.GetArray()) {
    ApiResult got = client.pins_get(str_at(item, "id"), {{"pin_metrics", "true"}});
    REQUIRE_THAT(got, HasStatus(200));
    CHECK(item["pin_metrics"] == at(got, "pin_metrics"));
    CHECK(int_at(item, "pin_metrics/90d/impression") > 0);
  }
}

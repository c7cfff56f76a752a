// pins/analytics — GET /pins/{pin_id}/analytics; multi_pins/analytics — GET /pins/analytics
// (Pinterest's sandbox has no analytics: leave them out there with "~[analytics]".)
#include "contract_checks.hpp"
#include "scoped_pin.hpp"
#include "support/conforms_to.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock::test;

namespace {
const Query kWeek = {{"start_date", utc_date(-7)},
                     {"end_date", utc_date(0)},
                     {"metric_types", "IMPRESSION,SAVE"}};
} // namespace

TEST_CASE("pins/analytics: the last week of a pin answers 200 with daily metrics",
          "[contract][pins/analytics][analytics][writes]") {
  ScopedPin pin;
  REQUIRE_THAT(pin.created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  ApiResult r = client.pins_analytics(pin.id(), kWeek);
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("pins/analytics"));
  REQUIRE(r.json.IsObject());
  CHECK(r.json.MemberCount() >= 1);
}

TEST_CASE("pins/analytics: a start_date more than 90 days back answers 400",
          "[contract][pins/analytics][analytics][read]") {
  PinsClient client = target().client();
  const PinToRead pin = pin_to_read(client);
  if (pin.created)
    REQUIRE_THAT(pin.created->created(), HasStatus(201) && ConformsTo("pins/create"));
  if (pin.id.empty())
    return not_checked(pin.why_not);
  const std::string& id = pin.id;
  ApiResult r = client.pins_analytics(
      id, {{"start_date", utc_date(-120)}, {"end_date", utc_date(-100)}, {"metric_types", "IMPRESSION"}});
  REQUIRE_THAT(r, HasStatus(400));
  REQUIRE_THAT(r, ConformsTo("pins/analytics"));
}

TEST_CASE("pins/analytics: missing metric_types answers 400",
          "[contract][pins/analytics][analytics][read]") {
  PinsClient client = target().client();
  const PinToRead pin = pin_to_read(client);
  if (pin.created)
    REQUIRE_THAT(pin.created->created(), HasStatus(201) && ConformsTo("pins/create"));
  if (pin.id.empty())
    return not_checked(pin.why_not);
  const std::string& id = pin.id;
  ApiResult r = client.pins_analytics(id, {{"start_date", utc_date(-7)}, {"end_date", utc_date(0)}});
  REQUIRE_THAT(r, HasStatus(400));
  REQUIRE_THAT(r, ConformsTo("pins/analytics"));
}

TEST_CASE("multi_pins/analytics: two pins answer 200 keyed by pin id",
          "[contract][multi_pins/analytics][analytics][writes]") {
  ScopedPin first;
  ScopedPin second;
  REQUIRE_THAT(first.created(), HasStatus(201) && ConformsTo("pins/create"));
  REQUIRE_THAT(second.created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  Query query = kWeek;
  query.emplace_back("pin_ids", first.id() + "," + second.id());
  ApiResult r = client.multi_pins_analytics(query);
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("multi_pins/analytics"));
  CHECK(pinsmock::json::find(r.json, first.id()));
  CHECK(pinsmock::json::find(r.json, second.id()));
}

TEST_CASE("multi_pins/analytics: more than 100 pin ids answer 400",
          "[contract][multi_pins/analytics][analytics][read]") {
  PinsClient client = target().client();
  std::string ids;
  for (int i = 1; i <= 101; ++i)
    ids += (i > 1 ? "," : "") + std::to_string(1000 + i);
  Query query = kWeek;
  query.emplace_back("pin_ids", ids);
  ApiResult r = client.multi_pins_analytics(query);
  REQUIRE_THAT(r, HasStatus(400));
  REQUIRE_THAT(r, ConformsTo("multi_pins/analytics"));
}

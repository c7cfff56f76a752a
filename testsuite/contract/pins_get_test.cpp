// pins/get — GET /pins/{pin_id}
#include "contract_checks.hpp"
#include "scoped_pin.hpp"
#include "support/conforms_to.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock::test;

TEST_CASE("pins/get: a listed pin answers 200 with the same id", "[contract][pins/get][read]") {
  PinsClient client = target().client();
  const PinToRead pin = pin_to_read(client);
  if (pin.created)
    REQUIRE_THAT(pin.created->created(), HasStatus(201) && ConformsTo("pins/create"));
  if (pin.id.empty())
    return not_checked(pin.why_not);
  const std::string& id = pin.id;
  ApiResult r = client.pins_get(id);
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("pins/get"));
  CHECK(r.string_member("id") == id);
}

TEST_CASE("pins/get: pin_metrics=true answers a pin_metrics object",
          "[contract][pins/get][read]") {
  PinsClient client = target().client();
  const PinToRead pin = pin_to_read(client);
  if (pin.created)
    REQUIRE_THAT(pin.created->created(), HasStatus(201) && ConformsTo("pins/create"));
  if (pin.id.empty())
    return not_checked(pin.why_not);
  const std::string& id = pin.id;
  ApiResult r = client.pins_get(id, {{"pin_metrics", "true"}});
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("pins/get"));
  const pinsmock::json::Value* metrics = pinsmock::json::find(r.json, "pin_metrics");
  REQUIRE(metrics);
  CHECK(metrics->IsObject());
}

TEST_CASE("pins/get: a created pin reads back as created", "[contract][pins/get][writes]") {
  ScopedPin pin;
  REQUIRE_THAT(pin.created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  ApiResult r = client.pins_get(pin.id());
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("pins/get"));
  CHECK(r.string_member("title") == pin.title());
  CHECK(r.string_member("board_id") == pin.created().string_member("board_id"));
}

TEST_CASE("pins/get: a pin that does not exist answers 404", "[contract][pins/get][read]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_get("1");
  REQUIRE_THAT(r, HasStatus(404));
  REQUIRE_THAT(r, ConformsTo("pins/get"));
}

TEST_CASE("pins/get: a non-numeric pin id answers a declared error", "[contract][pins/get][read]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_get("not-a-pin");
  CHECK((r.status == 400 || r.status == 404));
  REQUIRE_THAT(r, ConformsTo("pins/get"));
}

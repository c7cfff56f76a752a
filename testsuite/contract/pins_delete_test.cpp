// pins/delete — DELETE /pins/{pin_id}
#include "scoped_pin.hpp"
#include "support/conforms_to.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock::test;

TEST_CASE("pins/delete: answers 204 with no body and the pin answers 404 afterwards",
          "[contract][pins/delete][writes]") {
  ScopedPin pin;
  REQUIRE_THAT(pin.created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  ApiResult r = client.pins_delete(pin.id());
  REQUIRE_THAT(r, HasStatus(204));
  REQUIRE_THAT(r, ConformsTo("pins/delete"));
  CHECK(r.body.empty());
  pin.release();
  ApiResult after = client.pins_get(pin.created().string_member("id"));
  REQUIRE_THAT(after, HasStatus(404));
  REQUIRE_THAT(after, ConformsTo("pins/get"));
}

TEST_CASE("pins/delete: a pin that does not exist answers 404", "[contract][pins/delete][writes]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_delete("1");
  REQUIRE_THAT(r, HasStatus(404));
  REQUIRE_THAT(r, ConformsTo("pins/delete"));
}

// Authentication on every operation: the status the spec declares and live's error codes.
#include "support/conforms_to.hpp"
#include "target.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock::test;

TEST_CASE("auth: a request without a token answers 401 code 2", "[contract][auth][read]") {
  PinsClient client = target().client_with_token("");
  ApiResult r = client.pins_list();
  REQUIRE_THAT(r, IsPinterestError(401, 2));
  REQUIRE_THAT(r, ConformsTo("pins/list"));
}

TEST_CASE("auth: an unknown token answers 401 code 2", "[contract][auth][read]") {
  PinsClient client = target().client_with_token("pina_not_a_real_token");
  ApiResult r = client.pins_get("1");
  REQUIRE_THAT(r, IsPinterestError(401, 2));
  REQUIRE_THAT(r, ConformsTo("pins/get"));
}

TEST_CASE("auth: a write without a token answers 401 code 2", "[contract][auth][read]") {
  PinsClient client = target().client_with_token("");
  ApiResult r = client.pins_create("{}");
  REQUIRE_THAT(r, IsPinterestError(401, 2));
  REQUIRE_THAT(r, ConformsTo("pins/create"));
}

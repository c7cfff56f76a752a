// pins/list — GET /pins (single pages; bookmark walks are in pagination_test.cpp)
#include "support/conforms_to.hpp"
#include "target.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock::test;

TEST_CASE("pins/list: a page conforms and holds at most page_size items",
          "[contract][pins/list][read]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_list({{"page_size", "3"}});
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("pins/list"));
  CHECK(r.json["items"].Size() <= 3);
}

TEST_CASE("pins/list: the default page holds at most 25 items", "[contract][pins/list][read]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_list();
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("pins/list"));
  CHECK(r.json["items"].Size() <= 25);
}

TEST_CASE("pins/list: a page_size outside 1..250 answers 400", "[contract][pins/list][read]") {
  const std::string page_size = GENERATE(as<std::string>{}, "0", "251", "abc", "-1");
  CAPTURE(page_size);
  PinsClient client = target().client();
  ApiResult r = client.pins_list({{"page_size", page_size}});
  REQUIRE_THAT(r, HasStatus(400));
  REQUIRE_THAT(r, ConformsTo("pins/list"));
}

TEST_CASE("pins/list: page_size 250 is accepted", "[contract][pins/list][read]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_list({{"page_size", "250"}});
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("pins/list"));
}

TEST_CASE("pins/list: an unknown creative type answers 400", "[contract][pins/list][read]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_list({{"creative_types", "NOT_A_TYPE"}});
  REQUIRE_THAT(r, HasStatus(400));
  REQUIRE_THAT(r, ConformsTo("pins/list"));
}

#include "contract/query_coercion.hpp"

#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <string>

using pinsmock::coerce_params;
using pinsmock::Headers;
using pinsmock::test::contracts;
using pinsmock::test::parse_json;

namespace json = pinsmock::json;

namespace {

const json::Value& list_schema() {
  return contracts().schema_document("operations/pins.list.params.json");
}

// The coerced object as compact JSON, or "error: <parameter>: <detail>".
std::string coerce(const json::Value& schema, const Headers& query, const Headers& path = {}) {
  auto result = coerce_params(schema, path, query);
  if (!result)
    return "error: " + result.error().pointer + ": " + result.error().detail;
  return json::dump(*result);
}

} // namespace

TEST_CASE("QueryCoercion: absent parameters get the schema's defaults only",
          "[unit][query_coercion]") {
  CHECK(coerce(list_schema(), {}) ==
        R"({"pin_metrics":false,"include_protected_pins":false,"page_size":25})");
}

TEST_CASE("QueryCoercion: integers and booleans become typed values", "[unit][query_coercion]") {
  auto out = coerce_params(list_schema(), {},
                           {{"page_size", "10"},
                            {"pin_metrics", "true"},
                            {"include_protected_pins", "FALSE"},
                            {"pin_type", "PRIVATE"}});
  REQUIRE(out.ok());
  CHECK(json::get_int(*out, "page_size") == std::optional<std::int64_t>(10));
  CHECK(json::get_bool(*out, "pin_metrics") == std::optional<bool>(true));
  CHECK(json::get_bool(*out, "include_protected_pins") == std::optional<bool>(false));
  CHECK(json::get_string(*out, "pin_type") == std::optional<std::string_view>("PRIVATE"));
  // Bounds are the schema's job, not coercion's: 0 and 251 are integers.
  CHECK(coerce(list_schema(), {{"page_size", "0"}}).find(R"("page_size":0)") != std::string::npos);
  CHECK(coerce(list_schema(), {{"page_size", "-3"}}).find(R"("page_size":-3)") !=
        std::string::npos);
}

TEST_CASE("QueryCoercion: a value that is not an integer names the parameter",
          "[unit][query_coercion]") {
  const std::string text = GENERATE(as<std::string>{}, "abc", "12abc", "1.5", " 5", "5 ", "0x10",
                                    "99999999999999999999", "+");
  INFO("page_size=" << text);
  auto out = coerce_params(list_schema(), {}, {{"page_size", text}});
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().id == pinsmock::ErrorId::InvalidParameters);
  CHECK(out.error().pointer == "page_size");
  CHECK_THAT(out.error().detail, Catch::Contains("'page_size'") && Catch::Contains("integer"));
}

TEST_CASE("QueryCoercion: a boolean accepts true/false spellings only", "[unit][query_coercion]") {
  CHECK(coerce(list_schema(), {{"pin_metrics", "True"}}).find(R"("pin_metrics":true)") !=
        std::string::npos);
  CHECK(coerce(list_schema(), {{"pin_metrics", "false"}}).find(R"("pin_metrics":false)") !=
        std::string::npos);
  const std::string text = GENERATE(as<std::string>{}, "yes", "1", "0", "tru", "on");
  INFO("pin_metrics=" << text);
  const std::string out = coerce(list_schema(), {{"pin_metrics", text}});
  CHECK_THAT(out, Catch::StartsWith("error: pin_metrics: ") && Catch::Contains("'pin_metrics'"));
}

TEST_CASE("QueryCoercion: arrays accept comma-joined values and repeated keys",
          "[unit][query_coercion]") {
  SECTION("comma-joined") {
    auto out = coerce_params(list_schema(), {}, {{"creative_types", "REGULAR,VIDEO"}});
    REQUIRE(out.ok());
    CHECK(json::dump((*out)["creative_types"]) == R"(["REGULAR","VIDEO"])");
  }
  SECTION("repeated keys, in order") {
    auto out = coerce_params(
        list_schema(), {},
        {{"creative_types", "VIDEO"}, {"page_size", "3"}, {"creative_types", "IDEA"}});
    REQUIRE(out.ok());
    CHECK(json::dump((*out)["creative_types"]) == R"(["VIDEO","IDEA"])");
  }
  SECTION("both, with empty parts skipped") {
    auto out = coerce_params(list_schema(), {},
                             {{"creative_types", "REGULAR,,VIDEO,"}, {"creative_types", "IDEA"}});
    REQUIRE(out.ok());
    CHECK(json::dump((*out)["creative_types"]) == R"(["REGULAR","VIDEO","IDEA"])");
  }
  SECTION("a single value is a one-element array") {
    auto out = coerce_params(list_schema(), {}, {{"creative_types", "CAROUSEL"}});
    REQUIRE(out.ok());
    CHECK(json::dump((*out)["creative_types"]) == R"(["CAROUSEL"])");
  }
}

TEST_CASE("QueryCoercion: array items are typed by the items schema", "[unit][query_coercion]") {
  const auto schema = parse_json(R"({"type": "object", "properties": {
      "ids": {"type": "array", "items": {"type": "integer"}},
      "flags": {"type": "array", "items": {"type": "boolean"}}}})");
  CHECK(coerce(schema, {{"ids", "1,2"}, {"ids", "30"}, {"flags", "true,false"}}) ==
        R"({"ids":[1,2,30],"flags":[true,false]})");
  CHECK_THAT(coerce(schema, {{"ids", "1,x"}}),
             Catch::StartsWith("error: ids: ") && Catch::Contains("'x'"));
}

TEST_CASE("QueryCoercion: an empty value counts as absent", "[unit][query_coercion]") {
  CHECK(coerce(list_schema(), {{"page_size", ""}, {"pin_filter", ""}, {"bookmark", ""}}) ==
        R"({"pin_metrics":false,"include_protected_pins":false,"page_size":25})");
  CHECK(coerce(list_schema(), {{"page_size", ""}, {"page_size", "7"}}).find(R"("page_size":7)") !=
        std::string::npos);
}

TEST_CASE("QueryCoercion: unknown parameters are ignored", "[unit][query_coercion]") {
  CHECK(coerce(list_schema(), {{"utm_source", "x"}, {"page_size", "5"}, {"PAGE_SIZE", "abc"}}) ==
        R"({"pin_metrics":false,"include_protected_pins":false,"page_size":5})");
}

TEST_CASE("QueryCoercion: a scalar given twice keeps the last value", "[unit][query_coercion]") {
  CHECK(coerce(list_schema(), {{"page_size", "5"}, {"page_size", "9"}}).find(R"("page_size":9)") !=
        std::string::npos);
}

TEST_CASE("QueryCoercion: path parameters join the query parameters", "[unit][query_coercion]") {
  const auto& schema = contracts().schema_document("operations/pins.get.params.json");
  auto out = coerce_params(schema, {{"pin_id", "1300000000000000001"}},
                           {{"pin_metrics", "true"}, {"ad_account_id", "549755885175"}});
  REQUIRE(out.ok());
  CHECK(json::dump(*out) ==
        R"({"pin_id":"1300000000000000001","ad_account_id":"549755885175","pin_metrics":true})");
  // Ids stay strings even when they look like numbers (they exceed 2^53).
  CHECK((*out)["pin_id"].IsString());
}

TEST_CASE("QueryCoercion: the coerced object validates against its params schema",
          "[unit][query_coercion]") {
  auto good = coerce_params(list_schema(), {}, {{"page_size", "250"}, {"creative_types", "VIDEO"}});
  REQUIRE(good.ok());
  CHECK(contracts().validate("operations/pins.list.params.json", *good).empty());
  auto too_big = coerce_params(list_schema(), {}, {{"page_size", "251"}});
  REQUIRE(too_big.ok());
  const auto violations = contracts().validate("operations/pins.list.params.json", *too_big);
  REQUIRE_FALSE(violations.empty());
  CHECK(violations.front().pointer == "/page_size");
  auto bad_type = coerce_params(list_schema(), {}, {{"creative_types", "GIF"}});
  REQUIRE(bad_type.ok());
  CHECK_FALSE(contracts().validate("operations/pins.list.params.json", *bad_type).empty());
}

TEST_CASE("QueryCoercion: a schema without properties gives an empty object",
          "[unit][query_coercion]") {
  CHECK(coerce(parse_json(R"({"type": "object"})"), {{"a", "1"}}) == "{}");
}

TEST_CASE("QueryCoercion: enum values behind a $ref match in any case", "[unit][query_coercion]") {
  // creative_types' items are {"$ref": "components/creative_type.json"}: the enum is there.
  auto out = coerce_params(list_schema(), {}, {{"creative_types", "carousel,Video"}}, &contracts());
  REQUIRE(out.ok());
  CHECK(json::dump((*out)["creative_types"]) == R"(["CAROUSEL","VIDEO"])");
}

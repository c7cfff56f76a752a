#include "server/verdict_cache.hpp"

#include "contract/schema_walk.hpp"
#include "core/json_signature.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <string>

using pinsmock::VerdictCache;
using pinsmock::test::contracts;

namespace {

constexpr const char* kAnalytics = "components/pin_analytics.json";

// A PinAnalyticsResponse as the generator writes it, with the values a test picks.
std::string answer(const std::string& impressions, const std::string& status = "READY",
                   const std::string& lifetime = "{}") {
  return R"({"all":{"daily_metrics":[{"date":"2026-11-24","data_status":")" + status +
         R"(","metrics":{"IMPRESSION":)" + impressions +
         R"(}}],"summary_metrics":{"IMPRESSION":)" + impressions +
         R"(},"lifetime_metrics":)" + lifetime + "}}";
}

} // namespace

TEST_CASE("number_blind_signature: only the values of numbers of one class are left out",
          "[unit][verdicts]") {
  using pinsmock::json::number_blind_signature;
  CHECK(number_blind_signature(R"({"a":[1,"x",true,null]})") ==
        number_blind_signature(R"({"a":[7,"x",true,null]})"));
  CHECK(number_blind_signature(R"({"a":1})") != number_blind_signature(R"({"a":1.5})"));
  CHECK(number_blind_signature(R"({"a":1})") != number_blind_signature(R"({"a":-1})"));
  CHECK(number_blind_signature(R"({"a":1})") != number_blind_signature(R"({"b":1})"));
  CHECK(number_blind_signature(R"({"a":"1"})") != number_blind_signature(R"({"a":1})"));
  // Length-prefixed strings: no two different texts share an encoding.
  CHECK(number_blind_signature(R"(["ab","c"])") != number_blind_signature(R"(["a","bc"])"));
  CHECK_FALSE(number_blind_signature("{\"a\":").has_value());
}

TEST_CASE("reads_number_values: numeric keywords anywhere in a schema or its references",
          "[unit][verdicts]") {
  CHECK_FALSE(pinsmock::reads_number_values(contracts(), kAnalytics));
  CHECK_FALSE(pinsmock::reads_number_values(contracts(), "components/bulk_pin_analytics.json"));
  // page_size: minimum 1, maximum 250.
  CHECK(pinsmock::reads_number_values(contracts(), "operations/pins.list.params.json"));
  CHECK(pinsmock::reads_number_values(contracts(), "components/no_such_schema.json"));
}

TEST_CASE("VerdictCache: an answer of a checked shape reuses its verdict",
          "[unit][verdicts]") {
  VerdictCache cache;
  CHECK(cache.check(contracts(), kAnalytics, answer("120")).empty());
  CHECK(cache.check(contracts(), kAnalytics, answer("98765")).empty());
  CHECK(cache.validations() == 1);
}

TEST_CASE("VerdictCache: a generator's non-conforming answer is caught after its shape was "
          "checked",
          "[unit][verdicts]") {
  VerdictCache cache;
  REQUIRE(cache.check(contracts(), kAnalytics, answer("120")).empty());
  // A status outside the enum, a string where a number belongs, a fraction where lifetime
  // metrics must be integers, a member of the wrong type: each a new shape, each validated.
  CHECK_FALSE(cache.check(contracts(), kAnalytics, answer("120", "DONE")).empty());
  CHECK_FALSE(cache.check(contracts(), kAnalytics, answer("\"120\"")).empty());
  CHECK_FALSE(cache.check(contracts(), kAnalytics,
                          answer("120", "READY", R"({"TOTAL_COMMENTS":1.5})"))
                  .empty());
  CHECK_FALSE(cache.check(contracts(), kAnalytics, answer("120", "READY", "[]")).empty());
  CHECK_FALSE(cache.check(contracts(), kAnalytics, "{\"all\":").empty());
  // And a bad answer's verdict is remembered as bad: the same shape with other numbers.
  const auto again = cache.check(contracts(), kAnalytics, answer("7", "DONE"));
  REQUIRE_FALSE(again.empty());
  CHECK(again.front().pointer == "/all/daily_metrics/0/data_status");
  CHECK(cache.validations() == 6);
}

TEST_CASE("VerdictCache: a schema that reads number values is validated every time",
          "[unit][verdicts]") {
  VerdictCache cache;
  const std::string params = "operations/pins.list.params.json";
  CHECK(cache.check(contracts(), params, R"({"page_size": 25})").empty());
  CHECK_FALSE(cache.check(contracts(), params, R"({"page_size": 2500})").empty());
  CHECK(cache.validations() == 2);
}

TEST_CASE("checks_members_alone: the Pin contract is a conjunction over its members",
          "[unit][verdicts]") {
  CHECK(pinsmock::checks_members_alone(contracts(), "components/pin.json"));
  CHECK_FALSE(pinsmock::checks_members_alone(contracts(), "components/pin_media.json")); // allOf
  CHECK_FALSE(pinsmock::checks_members_alone(contracts(), "components/pin_create.json"));
  CHECK_FALSE(pinsmock::checks_members_alone(contracts(), "components/no_such_schema.json"));
}

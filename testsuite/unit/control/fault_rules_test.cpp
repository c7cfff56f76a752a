// Fault rules: every field parses or is refused by name; matching honours order, after, times,
// probability (seeded) and the request conditions.
#include "control/fault_rules.hpp"

#include "unit/catch_optional.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using pinsmock::FaultKind;
using pinsmock::FaultRule;
using pinsmock::FaultRules;
using pinsmock::Headers;
using pinsmock::RequestFacts;
using pinsmock::test::parse_json;

namespace {

const std::vector<std::string> kOperations = {"pins/create", "pins/list", "pins/get", "pins/update",
                                              "pins/delete"};

FaultRule rule(std::string_view json) {
  auto parsed = pinsmock::parse_fault_rule(parse_json(json), kOperations, 60000);
  if (!parsed)
    FAIL("rule refused: " << parsed.error().detail);
  return *parsed;
}

std::string refusal(std::string_view json) {
  auto parsed = pinsmock::parse_fault_rule(parse_json(json), kOperations, 60000);
  return parsed ? std::string("accepted") : parsed.error().pointer + " | " + parsed.error().detail;
}

const Headers kNoQuery;

RequestFacts get_pin(std::string_view token = "t1", const Headers* query = &kNoQuery) {
  return RequestFacts{"pins/get", "GET", "/v5/pins/1300000000000000001", token, query};
}

} // namespace

TEST_CASE("FaultRules: each field parses into the rule", "[unit][fault_rules]") {
  const FaultRule r = rule(R"({"name": "flaky", "operation": "pins/get", "method": "get",
      "path_regex": "^/v5/pins/13", "token": "t1", "query": {"pin_metrics": "true"},
      "after": 2, "times": 3, "probability": 0.5, "when": "after", "status": 503, "code": 77,
      "message": "down", "headers": {"Retry-After": "3"}, "delay_ms": 150})");
  CHECK(r.name == "flaky");
  CHECK(r.method == std::optional<std::string>("GET"));
  CHECK(r.path_regex == std::optional<std::string>("^/v5/pins/13"));
  CHECK(r.token == std::optional<std::string>("t1"));
  CHECK(r.query == Headers{{"pin_metrics", "true"}});
  CHECK(r.after == 2);
  CHECK(r.times == std::optional<std::uint64_t>(3));
  CHECK(r.probability == 0.5);
  CHECK(r.action.when == pinsmock::When::After);
  CHECK(r.action.status == std::optional<int>(503));
  CHECK(r.action.code == std::optional<int>(77));
  CHECK(r.action.message == "down");
  CHECK(r.action.headers == Headers{{"Retry-After", "3"}});
  CHECK(r.action.delay.fixed_ms == 150);
  const FaultRule lognormal = rule(R"({"operation": "*", "delay": {"distribution": "lognormal",
      "median_ms": 100, "sigma": 0.5, "max_ms": 400}})");
  CHECK(lognormal.action.delay.kind == pinsmock::DelaySpec::Kind::Lognormal);
  CHECK(rule(R"({"operation": "*", "fault": "slow_body"})").action.delay.fixed_ms == 1000);
}

TEST_CASE("FaultRules: a bad field answers 400 naming it", "[unit][fault_rules]") {
  CHECK(refusal(R"({"status": 503})").rfind("/operation |", 0) == 0);
  CHECK(refusal(R"({"operation": "pins/lsit", "status": 503})").rfind("/operation |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "probabilty": 0.5, "status": 503})")
            .rfind("/probabilty |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "probability": 1.5, "status": 503})")
            .rfind("/probability |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "status": 302})").rfind("/status |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "times": 0, "status": 503})").rfind("/times |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "after": -1, "status": 503})").rfind("/after |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "when": "during", "status": 503})").rfind("/when |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "fault": "meltdown"})").rfind("/fault |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "delay_ms": 70000})").rfind("/delay_ms |", 0) == 0);
  CHECK(
      refusal(R"({"operation": "*", "delay": {"distribution": "pareto"}})").rfind("/delay |", 0) ==
      0);
  CHECK(refusal(
            R"({"operation": "*", "delay": {"distribution": "uniform", "min_ms": 9, "max_ms": 1}})")
            .rfind("/delay |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "path_regex": "(", "status": 500})")
            .rfind("/path_regex |", 0) == 0);
  CHECK(
      refusal(R"({"operation": "*", "headers": {"X": 1}, "status": 500})").rfind("/headers |", 0) ==
      0);
  CHECK(refusal(R"({"operation": "*", "code": 5})").rfind("/code |", 0) == 0);
  CHECK(refusal(R"({"operation": "*"})").rfind("/status |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "status": 503, "fault": "connection_reset"})")
            .rfind("/status |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "fault": "truncated_body", "when": "before"})")
            .rfind("/when |", 0) == 0);
  CHECK(refusal(R"({"operation": "*", "query": {"a": 1}, "status": 500})").rfind("/query |", 0) ==
        0);
}

TEST_CASE("FaultRules: the first matching rule acts, in the order added", "[unit][fault_rules]") {
  FaultRules rules(1, 60000);
  rules.add(rule(R"({"operation": "pins/create", "status": 500})"));
  const auto second = rules.add(rule(R"({"operation": "pins/get", "status": 503})"));
  rules.add(rule(R"({"operation": "*", "status": 502})"));
  const auto fired = rules.match(get_pin());
  REQUIRE(fired);
  CHECK(fired->rule_id == second.id);
  CHECK(fired->action.status == std::optional<int>(503));
}

TEST_CASE("FaultRules: after lets requests pass, times then stops", "[unit][fault_rules]") {
  FaultRules rules(1, 60000);
  rules.add(rule(R"({"operation": "pins/get", "after": 2, "times": 2, "status": 503})"));
  std::vector<bool> acted;
  for (int i = 0; i < 6; ++i)
    acted.push_back(rules.match(get_pin()).has_value());
  CHECK(acted == std::vector<bool>{false, false, true, true, false, false});
  const FaultRule listed = rules.list().front();
  CHECK(listed.matched == 6);
  CHECK(listed.fired == 2);
}

TEST_CASE("FaultRules: conditions on method, path, token and query must all hold",
          "[unit][fault_rules]") {
  FaultRules rules(1, 60000);
  rules.add(rule(R"({"operation": "*", "method": "GET", "path_regex": "/pins/13\\d+$",
      "token": "t1", "query": {"pin_metrics": "true"}, "status": 503})"));
  const Headers with_metrics = {{"pin_metrics", "true"}};
  CHECK_FALSE(rules.match(get_pin("t1")).has_value());                // query missing
  CHECK_FALSE(rules.match(get_pin("t2", &with_metrics)).has_value()); // another token
  CHECK(rules.match(get_pin("t1", &with_metrics)).has_value());
  CHECK_FALSE(rules
                  .match(RequestFacts{"pins/delete", "DELETE", "/v5/pins/1300000000000000001", "t1",
                                      &with_metrics})
                  .has_value());
}

TEST_CASE("FaultRules: path_regex searches a long client path in one pass",
          "[unit][fault_rules]") {
  // std::regex_search recursed once per character from every start: a long path of digits
  // overflowed the stack (and took quadratic time) before the rule's pattern was Pattern.
  FaultRules rules(1, 60000);
  rules.add(rule(R"({"operation": "*", "path_regex": "/pins/\\d+x", "status": 503})"));
  const std::string digits = "/v5/pins/" + std::string(100000, '7');
  CHECK_FALSE(rules.match(RequestFacts{"pins/get", "GET", digits, "t1", &kNoQuery}).has_value());
  const std::string with_x = digits + "x";
  CHECK(rules.match(RequestFacts{"pins/get", "GET", with_x, "t1", &kNoQuery}).has_value());
}

TEST_CASE("FaultRules: a path_regex outside the subset is refused with the reason",
          "[unit][fault_rules]") {
  const std::string refused =
      refusal(R"json({"operation": "*", "path_regex": "/pins/(13|14)", "status": 500})json");
  CHECK(refused.rfind("/path_regex | ", 0) == 0);
  CHECK_THAT(refused, Catch::Contains("/pins/(13|14)") && Catch::Contains("groups, alternation"));
  CHECK(refusal(R"({"operation": "*", "path_regex": "save$", "status": 500})") == "accepted");
}

TEST_CASE("FaultRules: probability is drawn from the seed, so a run reproduces",
          "[unit][fault_rules]") {
  auto pattern = [](std::uint64_t seed) {
    FaultRules rules(seed, 60000);
    rules.add(rule(R"({"operation": "*", "probability": 0.5, "status": 503})"));
    std::string out;
    for (int i = 0; i < 64; ++i)
      out += rules.match(get_pin()) ? '1' : '0';
    return out;
  };
  const std::string first = pattern(7);
  CHECK(first == pattern(7));
  CHECK(first != pattern(8));
  const auto ones = std::count(first.begin(), first.end(), '1');
  CHECK(ones > 16);
  CHECK(ones < 48);
}

TEST_CASE("FaultRules: delays are drawn within their distribution and the cap",
          "[unit][fault_rules]") {
  FaultRules rules(3, 500);
  rules.add(rule(
      R"({"operation": "pins/get", "delay": {"distribution": "uniform", "min_ms": 100, "max_ms": 200}})"));
  rules.add(rule(
      R"({"operation": "*", "delay": {"distribution": "lognormal", "median_ms": 300, "sigma": 2}})"));
  for (int i = 0; i < 50; ++i) {
    const auto uniform = rules.match(get_pin());
    REQUIRE(uniform);
    CHECK(uniform->delay_ms >= 100);
    CHECK(uniform->delay_ms <= 200);
    const auto lognormal =
        rules.match(RequestFacts{"pins/list", "GET", "/v5/pins", "t", &kNoQuery});
    REQUIRE(lognormal);
    CHECK(lognormal->delay_ms >= 0);
    CHECK(lognormal->delay_ms <= 500); // the server's cap
  }
}

TEST_CASE("FaultRules: remove and clear take rules out; empty() is the fast path",
          "[unit][fault_rules]") {
  FaultRules rules(1, 60000);
  CHECK(rules.empty());
  const auto a = rules.add(rule(R"({"operation": "*", "status": 500})"));
  rules.add(rule(R"({"operation": "*", "status": 503})"));
  CHECK_FALSE(rules.empty());
  CHECK(rules.remove(a.id));
  CHECK_FALSE(rules.remove(a.id));
  CHECK(rules.match(get_pin())->action.status == std::optional<int>(503));
  rules.clear();
  CHECK(rules.empty());
  CHECK_FALSE(rules.match(get_pin()));
}

TEST_CASE("FaultRules: the JSON shows the rule, what fired and what is left",
          "[unit][fault_rules]") {
  FaultRules rules(1, 60000);
  rules.add(
      rule(R"({"operation": "pins/get", "times": 3, "status": 503, "fault": "malformed_body"})"));
  rules.match(get_pin());
  pinsmock::json::Document doc(rapidjson::kObjectType);
  const auto value = pinsmock::fault_rule_to_json(rules.list().front(), doc.GetAllocator());
  CHECK(pinsmock::json::dump(value) ==
        R"({"id":1,"operation":"pins/get","after":0,"times":3,"probability":1.0,"when":"before",)"
        R"("status":503,"fault":"malformed_body","matched":1,"fired":1,"remaining":2})");
}

// The Prefer header: which tokens it understands, what it refuses, and the action it becomes.
#include "control/prefer.hpp"

#include "unit/catch_optional.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using pinsmock::FaultKind;
using pinsmock::parse_prefer;

namespace {

const std::vector<std::string> kGetStatuses = {"200", "400", "401", "403", "404", "429", "default"};
const std::vector<std::string> kDeleteStatuses = {"204", "400", "404"};

} // namespace

TEST_CASE("Prefer: code=503 forces that status before the handler", "[unit][prefer]") {
  auto prefer = parse_prefer("code=503", "pins/get", kGetStatuses, 60000);
  REQUIRE(prefer);
  CHECK(prefer->forced_status == std::optional<int>(503));
  const auto action = prefer->action();
  REQUIRE(action);
  CHECK(action->status == std::optional<int>(503));
  CHECK_FALSE(action->runs_handler());
  CHECK(prefer->text == "code=503");
}

TEST_CASE("Prefer: tokens combine, in any case and spacing", "[unit][prefer]") {
  auto prefer =
      parse_prefer(" CODE=503 ,delay=200; fault=truncated_body", "pins/get", kGetStatuses, 60000);
  REQUIRE(prefer);
  CHECK(prefer->forced_status == std::optional<int>(503));
  CHECK(prefer->delay_ms == std::optional<std::int64_t>(200));
  CHECK(prefer->fault == FaultKind::TruncatedBody);
  CHECK(prefer->text == "code=503, delay=200, fault=truncated_body");
}

TEST_CASE("Prefer: code=2xx and a declared success status are the normal answer",
          "[unit][prefer]") {
  auto any = parse_prefer("code=2xx", "pins/get", kGetStatuses, 60000);
  REQUIRE(any);
  CHECK_FALSE(any->action());
  auto declared = parse_prefer("code=200", "pins/get", kGetStatuses, 60000);
  REQUIRE(declared);
  CHECK(declared->success_status == std::optional<int>(200));
  CHECK_FALSE(declared->action());
}

TEST_CASE("Prefer: a status the contract does not declare answers 400 naming the allowed ones",
          "[unit][prefer]") {
  auto redirect = parse_prefer("code=302", "pins/get", kGetStatuses, 60000);
  REQUIRE_FALSE(redirect);
  CHECK(redirect.error().detail ==
        "Invalid Prefer header: code=302 is not a status pins/get declares (allowed: 200, 400, "
        "401, 403, 404, 429, 2xx, and any other 4xx or 5xx (the contract's 'default')).");
  // Without 'default', only the declared error statuses are allowed.
  auto undeclared = parse_prefer("code=503", "pins/delete", kDeleteStatuses, 60000);
  REQUIRE_FALSE(undeclared);
  CHECK(undeclared.error().detail.find("allowed: 204, 400, 404, 2xx)") != std::string::npos);
  CHECK_FALSE(parse_prefer("code=200", "pins/delete", kDeleteStatuses, 60000));
  CHECK_FALSE(parse_prefer("code=abc", "pins/get", kGetStatuses, 60000));
  CHECK_FALSE(parse_prefer("code=4040", "pins/get", kGetStatuses, 60000));
}

TEST_CASE("Prefer: delay is capped, and must be whole milliseconds", "[unit][prefer]") {
  auto capped = parse_prefer("delay=999999", "pins/get", kGetStatuses, 60000);
  REQUIRE(capped);
  CHECK(capped->delay_ms == std::optional<std::int64_t>(60000));
  CHECK_FALSE(parse_prefer("delay=-5", "pins/get", kGetStatuses, 60000));
  CHECK_FALSE(parse_prefer("delay=1.5", "pins/get", kGetStatuses, 60000));
}

TEST_CASE("Prefer: an unknown fault answers 400 listing the faults", "[unit][prefer]") {
  auto unknown = parse_prefer("fault=meltdown", "pins/get", kGetStatuses, 60000);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().detail ==
        "Invalid Prefer header: fault=meltdown is not a fault (one of connection_reset, "
        "empty_response, truncated_body, malformed_body, slow_body).");
}

TEST_CASE("Prefer: unknown preferences are ignored (RFC 7240)", "[unit][prefer]") {
  auto prefer = parse_prefer("return=minimal, respond-async", "pins/get", kGetStatuses, 60000);
  REQUIRE(prefer);
  CHECK(prefer->empty());
}

TEST_CASE("Prefer: slow_body takes the delay as how long the body dribbles", "[unit][prefer]") {
  auto prefer = parse_prefer("fault=slow_body, delay=1500", "pins/get", kGetStatuses, 60000);
  REQUIRE(prefer);
  const auto action = prefer->action();
  REQUIRE(action);
  CHECK(action->fault == FaultKind::SlowBody);
  CHECK(action->delay.fixed_ms == 1500);
  CHECK(action->runs_handler()); // it delivers the real answer
}

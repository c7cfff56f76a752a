// The fault stage without sockets: what it decides before the handler, what it replaces after,
// and what it hands the connection layer.
#include "server/fault_stage.hpp"

#include "unit/catch_optional.hpp"
#include "unit/server/world_fixture.hpp"
#include "unit/unit_world.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace pinsmock;
using pinsmock::test::manifest;
using pinsmock::test::parse_json;

namespace {

HttpRequest get_pin(std::string prefer = "") {
  HttpRequest request;
  request.method = "GET";
  request.path = "/v5/pins/1300000000000000001";
  request.headers = {{"Authorization", "Bearer t1"}};
  if (!prefer.empty())
    request.headers.emplace_back("Prefer", std::move(prefer));
  return request;
}

ApiRequest api_for(const OperationSpec& operation) {
  ApiRequest api;
  api.operation_id = operation.id;
  api.params = parse_json(R"({"pin_id": "1300000000000000001"})");
  return api;
}

FaultRule rule(std::string_view json) {
  return *parse_fault_rule(parse_json(json), manifest().operation_ids(), 60000);
}

std::string header(const Headers& headers, const std::string& name) {
  for (const auto& [key, value] : headers)
    if (key == name)
      return value;
  return "<missing>";
}

} // namespace

TEST_CASE("FaultStage: with nothing configured the plan is empty", "[unit][fault_stage]") {
  auto world = test::unit_world();
  FaultStage stage(FaultStageOptions{});
  const OperationSpec& operation = *manifest().find("pins/get");
  FaultPlan plan = stage.before(get_pin(), api_for(operation), operation, *world);
  CHECK_FALSE(plan.answer);
  CHECK_FALSE(plan.after);
  CHECK_FALSE(plan.shaped_by);
  CHECK(plan.headers.empty());
  CHECK(plan.wire.is_plain());
}

TEST_CASE("FaultStage: Prefer code answers before the handler; --no-prefer ignores it",
          "[unit][fault_stage]") {
  auto world = test::unit_world();
  const OperationSpec& operation = *manifest().find("pins/get");
  FaultStage stage(FaultStageOptions{});
  FaultPlan plan = stage.before(get_pin("code=404"), api_for(operation), operation, *world);
  REQUIRE(plan.answer);
  CHECK(plan.answer->status == 404);
  CHECK(json::dump(plan.answer->body) == R"({"code":50,"message":"Pin not found."})");
  CHECK(plan.shaped_by->forced_status == 404);
  FaultStageOptions off;
  off.prefer = false;
  FaultStage ignoring(off);
  CHECK_FALSE(ignoring.before(get_pin("code=404"), api_for(operation), operation, *world).answer);
}

TEST_CASE("FaultStage: an \"after\" rule lets the handler run, then replaces its answer",
          "[unit][fault_stage]") {
  auto world = test::unit_world();
  FaultStage stage(FaultStageOptions{});
  world->faults.add(rule(R"({"operation": "pins/get", "when": "after", "status": 502})"));
  const OperationSpec& operation = *manifest().find("pins/get");
  FaultPlan plan = stage.before(get_pin(), api_for(operation), operation, *world);
  CHECK_FALSE(plan.answer); // the handler runs
  REQUIRE(plan.after);
  ApiResponse handled;
  handled.status = 200;
  handled.body = parse_json(R"({"id": "1300000000000000001"})");
  stage.after(plan, handled, operation);
  CHECK(handled.status == 502);
  CHECK(plan.shaped_by->handler_status == 200);
  CHECK(plan.shaped_by->when == "after");
}

TEST_CASE("FaultStage: over the rate limit answers 429 with the headers", "[unit][fault_stage]") {
  auto world =
      test::unit_world(*parse_rate_limits(R"({"org_read": {"limit": 1, "window_seconds": 9}})"));
  FaultStage stage(FaultStageOptions{});
  const OperationSpec& operation = *manifest().find("pins/get");
  FaultPlan first = stage.before(get_pin(), api_for(operation), operation, *world);
  CHECK_FALSE(first.answer);
  CHECK(header(first.headers, "x-userendpoint-ratelimit-remaining") == "0");
  FaultPlan second = stage.before(get_pin(), api_for(operation), operation, *world);
  REQUIRE(second.answer);
  CHECK(second.answer->status == 429);
  CHECK(header(second.answer->headers, "Retry-After") == "9");
  CHECK(second.shaped_by->source == "rate_limit");
  HttpResponse out;
  out.status = 429;
  FaultStage::deliver(second, out);
  CHECK(header(out.headers, "x-userendpoint-ratelimit-limit") == "1");
}

TEST_CASE("FaultStage: a dropped connection is status 0 for the journal", "[unit][fault_stage]") {
  auto world = test::unit_world();
  FaultStage stage(FaultStageOptions{});
  const OperationSpec& operation = *manifest().find("pins/get");
  FaultPlan plan = stage.before(get_pin("fault=connection_reset"), api_for(operation), operation, *world);
  REQUIRE(plan.answer); // a placeholder the connection never sends
  HttpResponse out;
  out.status = plan.answer->status;
  const auto shaped = FaultStage::deliver(plan, out);
  CHECK(out.wire.fault == WireEffect::Fault::ConnectionReset);
  CHECK(status_seen_by_client(out) == 0);
  REQUIRE(shaped);
  CHECK(shaped->fault == "connection_reset");
}

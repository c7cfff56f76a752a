// pins-bench's figure for the fault stage: what it costs a request when nothing is configured
// (no Prefer header, no rules, no rate limits), next to one std::map lookup of the operation id,
// both timed in this run. Reaches into mock/src (like a unit test) because the stage is not
// public; nothing else in pins-bench does.
#include "fault_stage_cost.hpp"

#include "fixtures/fixture_set.hpp"
#include "server/fault_stage.hpp"
#include "server/world.hpp"

#include <chrono>
#include <map>
#include <string>

namespace pinsmock::bench {

StageCost measure_fault_stage(std::size_t iterations) {
  using Steady = std::chrono::steady_clock;
  WorldSettings settings;
  settings.today = Date{2026, 11, 15};
  World world("", std::make_shared<const FixtureSet>(), settings);
  FaultStage stage(FaultStageOptions{});

  OperationSpec operation;
  operation.id = "pins/get";
  operation.rate_limit_category = "org_read";
  HttpRequest request;
  request.method = "GET";
  request.path = "/v5/pins/1300000000000000001";
  request.headers = {{"Host", "127.0.0.1:8080"},        {"Accept", "application/json"},
                     {"User-Agent", "pins-bench"},      {"Accept-Encoding", "gzip"},
                     {"Authorization", "Bearer token"}, {"Connection", "keep-alive"}};
  ApiRequest api;
  api.operation_id = operation.id;

  std::size_t sink = 0;
  const auto stage_started = Steady::now();
  for (std::size_t i = 0; i < iterations; ++i) {
    FaultPlan plan = stage.before(request, api, operation, world);
    sink += plan.answer.has_value() ? 1 : 0;
  }
  const double stage_ns =
      std::chrono::duration<double, std::nano>(Steady::now() - stage_started).count() /
      static_cast<double>(iterations);

  const std::map<std::string, int> table = {
      {"pins/create", 0}, {"pins/list", 1}, {"pins/get", 2},       {"pins/update", 3},
      {"pins/delete", 4}, {"pins/save", 5}, {"pins/analytics", 6}, {"multi_pins/analytics", 7}};
  const auto lookup_started = Steady::now();
  for (std::size_t i = 0; i < iterations; ++i)
    sink += static_cast<std::size_t>(table.find(operation.id)->second);
  const double lookup_ns =
      std::chrono::duration<double, std::nano>(Steady::now() - lookup_started).count() /
      static_cast<double>(iterations);
  return StageCost{stage_ns, lookup_ns, sink};
}

} // namespace pinsmock::bench

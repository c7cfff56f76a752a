#pragma once
// The fault stage's cost per request with nothing configured (see fault_stage_cost.cpp).

#include <cstddef>

namespace pinsmock::bench {

struct StageCost {
  double stage_ns = 0;  // FaultStage::before() per request
  double lookup_ns = 0; // one std::map<std::string, int>::find of the operation id
  std::size_t sink = 0; // keeps the loops from being optimised away
};

StageCost measure_fault_stage(std::size_t iterations);

} // namespace pinsmock::bench

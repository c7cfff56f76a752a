#pragma once
// Worlds and session registries over the default fixtures for unit tests of server/ (the
// pipeline, the fault stage, the session registry), with the unit tests' fixed clock.

#include "server/sessions.hpp"
#include "unit/unit_world.hpp"

namespace pinsmock::test {

/// The settings the unit tests' worlds share: seed 1, clock fixed at 2026-11-15.
inline WorldSettings unit_world_settings(RateLimitConfig rate_limits = {}) {
  WorldSettings settings;
  settings.today = Date{2026, 11, 15};
  settings.rate_limits = std::move(rate_limits);
  settings.operation_ids = manifest().operation_ids();
  return settings;
}

/// A default world over the default fixtures.
inline std::unique_ptr<pinsmock::World> unit_world(RateLimitConfig rate_limits = {}) {
  return std::make_unique<pinsmock::World>("", shared_default_fixtures(),
                                           unit_world_settings(std::move(rate_limits)));
}

} // namespace pinsmock::test

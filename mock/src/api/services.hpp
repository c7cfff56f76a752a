#pragma once
// Everything a handler may use: state, data, ids and time. Owned by one MockServer.

#include "fixtures/fixture_set.hpp"
#include "control/clock.hpp"
#include "store/id_source.hpp"
#include "store/pin_store.hpp"

#include <cstdint>

namespace pinsmock {

struct Services {
  PinStore& store;
  const FixtureSet& fixtures;
  IdSource& ids;
  Clock& clock;
  std::uint64_t seed;
};

} // namespace pinsmock

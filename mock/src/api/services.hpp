#pragma once
// Everything a handler may use: state, data, ids and time. Owned by one MockServer.

#include "fixtures/fixture_set.hpp"
#include "control/clock.hpp"
#include "store/id_source.hpp"
#include "store/pin_store.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace pinsmock {

/// Checks a Pin against its contract when it is written: the first violation ("/pointer:
/// message"), or empty when it conforms. Unset when responses are not checked.
using PinCheck = std::function<std::string(const json::Value& pin)>;

struct Services {
  PinStore& store;
  const FixtureSet& fixtures;
  IdSource& ids;
  Clock& clock;
  std::uint64_t seed;
  PinCheck check_pin = {};
};

} // namespace pinsmock

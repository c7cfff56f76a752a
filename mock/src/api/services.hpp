#pragma once
// Everything a handler may use: state, data, ids and time. Owned by one MockServer.

#include "fixtures/fixture_set.hpp"
#include "control/clock.hpp"
#include "store/id_source.hpp"
#include "store/pin_store.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>

namespace pinsmock {

/// Checks a Pin against its contract when it is written: the first violation ("/pointer:
/// message"), or empty when it conforms. Unset when responses are not checked.
struct PinCheck {
  std::function<std::string(const json::Value& pin)> check;
  /// The contract checks a Pin member by member (type, properties, `required: [id]` at its top
  /// level, nothing else): a Pin derived from a conforming one then conforms when `id` and the
  /// members that differ do, so those alone may be checked (record_pin).
  bool checks_members_alone = false;

  PinCheck() = default;
  template <typename F, typename = std::enable_if_t<std::is_invocable_r_v<
                            std::string, F&, const json::Value&>>>
  PinCheck(F f, bool members_alone = false) // NOLINT: a lambda converts (tests, sessions)
      : check(std::move(f)), checks_members_alone(members_alone) {}

  explicit operator bool() const { return static_cast<bool>(check); }
  std::string operator()(const json::Value& pin) const { return check(pin); }
};

struct Services {
  PinStore& store;
  const FixtureSet& fixtures;
  IdSource& ids;
  Clock& clock;
  std::uint64_t seed;
  PinCheck check_pin = {};
};

} // namespace pinsmock

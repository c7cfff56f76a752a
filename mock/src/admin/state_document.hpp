#pragma once
// A world's state as one JSON document in the fixtures' format (fixtures/README.md "State
// exports"): {"format": "pinsmock-state/1", "files": {"accounts.json": {...}, ...}}. Written out
// file by file it is a valid --fixtures directory. GET/PUT /__admin/state and --state use it.

#include "control/clock.hpp"
#include "fixtures/live_fixtures.hpp"
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/result.hpp"
#include "store/id_source.hpp"
#include "store/pin_store.hpp"

#include <cstdint>
#include <string>

namespace pinsmock {

constexpr std::string_view kStateFormat = "pinsmock-state/1";

/// The pieces of one world the state covers (the admin API and the state file take them from
/// whichever world they serve).
struct WorldState {
  LiveFixtures& fixtures;
  PinStore& store;
  IdSource& ids;
  Clock& clock;
  std::uint64_t seed;
  /// A session's own tokens end in this (".<id>"): an export leaves them out, since an import
  /// into a session makes them again (its fixture tokens stay).
  std::string own_token_suffix = {};
};

/// The state now: accounts, boards, every stored pin (with its sequence), media templates,
/// the analytics of pins that still exist, and runtime.json (ids, fixed clock, next sequence).
/// Thread-safe; the store is read before ids and clock, so the ids saved are never behind a
/// saved pin.
json::Document export_state(const WorldState& world);

/// Reads a state document without changing anything: the format tag, then every file through
/// the fixture loader. The error names the file, the JSON pointer and the reason (as for a
/// --fixtures directory); `label` prefixes the file names ("state" or the state file's path).
Result<FixtureSnapshot> read_state(const json::Value& document, const ContractRegistry& contracts,
                                   bool utc_created_at, const std::string& label);

/// Makes the world what `set` says: its fixtures, its pins in their order, and where ids and a
/// fixed clock stood (runtime.json), or the seed and the start of the clock when it has none.
void apply_state(const WorldState& world, FixtureSnapshot set);

} // namespace pinsmock

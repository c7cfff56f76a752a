#pragma once
// One world per session (DESIGN B13): everything a test can change. Its fixtures as they stand
// (LiveFixtures: accounts, boards and sections added at run time, imports), the pin store, ids,
// clock, fault rules, rate-limit counters, journal, violations and coverage. The default world
// is what the fixtures' own tokens address; every other world belongs to a session
// (server/sessions.hpp). Handlers see a world only through the Services of one request; the
// admin API only through its AdminContext (and WorldAdmin for state and run-time data).

#include "admin/admin_handlers.hpp"
#include "admin/world_admin.hpp"
#include "api/services.hpp"
#include "control/clock.hpp"
#include "control/coverage.hpp"
#include "control/fault_rules.hpp"
#include "control/rate_limiter.hpp"
#include "control/request_journal.hpp"
#include "fixtures/fixture_origin.hpp"
#include "fixtures/live_fixtures.hpp"
#include "store/id_source.hpp"
#include "store/pin_store.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pinsmock {

/// What every world of one server shares, and what a session may override (seed, today).
struct WorldSettings {
  std::uint64_t seed = 1;         // ids, generated analytics and fault-rule draws
  std::optional<Date> today;      // fixes the clock; none = the system's UTC date
  bool utc_offset = false;        // --strict-formats: created_at with "Z"
  std::int64_t max_delay_ms = 60000;
  RateLimitConfig rate_limits;    // off when empty
  JournalLimits journal;
  std::vector<std::string> operation_ids;
  std::map<std::string, std::vector<int>> declared_statuses; // per operation (the dashboard's)
  PinCheck check_pin;             // the write-time Pin check (unset: none)
  /// Checks state imports and run-time data (unset: the world has no state admin).
  const ContractRegistry* contracts = nullptr;
};

class World {
public:
  /// A world over `start` in its seed state; a reset returns to `origin` as it then stands
  /// (none: to `start`). `id` is "" for the default world.
  World(std::string id, FixtureSnapshot start, const WorldSettings& settings,
        std::shared_ptr<FixtureOrigin> origin = nullptr);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  /// Back to the fixtures' state: fixtures (run-time data goes), pins, ids, clock, fault rules
  /// and rate-limit counters. The journal and coverage stay: they record what happened, as
  /// POST /__admin/reset always did. Does not read the fixture directory (reload() does).
  void reset();
  /// Reads the origin's fixture directory again, then resets; the reason when a file is broken,
  /// and then nothing changes (POST /__admin/reset, /__admin/sessions/{id}/reset).
  std::optional<std::string> reload_and_reset();

  /// What a handler of one request sees: this world, with the fixtures as they stand.
  Services services(const FixtureSet& snapshot) {
    return Services{store, snapshot, ids, clock, seed, check_pin};
  }

  const std::string id;
  const std::uint64_t seed;
  const std::shared_ptr<FixtureOrigin> origin;
  const FixtureSnapshot start; // referenced by `admin` (the live set is in `fixtures`)
  LiveFixtures fixtures;
  PinStore store;
  IdSource ids;
  Clock clock;
  FaultRules faults;
  RateLimiter rate_limiter;
  RequestJournal journal;
  Coverage coverage;
  PinCheck check_pin; // set before requests arrive
  std::optional<WorldAdmin> state_admin; // when settings.contracts is set
  AdminContext admin;

  /// Set by the registry: makes a set this world's own before a reset or an import puts it in
  /// place (a session's tokens are added and registered; the default world's run-time tokens
  /// that the set no longer has are freed).
  std::function<FixtureSnapshot(FixtureSnapshot)> adopt;
  /// Tokens accounts added at run time brought, which address this world as they are
  /// (guarded by the Sessions registry's mutex).
  std::set<std::string> claimed_tokens;

  /// When a request last used this world (steady clock, ms): idle sessions expire.
  std::atomic<std::int64_t> last_used_ms{0};

private:
  WorldState state() { return WorldState{fixtures, store, ids, clock, seed, token_suffix()}; }
  std::string token_suffix() const { return id.empty() ? std::string() : "." + id; }
};

/// A copy of `base` whose every token also exists as "<token>.<session id>" (the session's own
/// tokens), in the same account with the same scopes. Records (pins) are shared, not copied.
FixtureSnapshot session_fixtures(const FixtureSet& base, const std::string& session_id);

/// The session token of a fixture token.
std::string session_token(const std::string& fixture_token, const std::string& session_id);

} // namespace pinsmock

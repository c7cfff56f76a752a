#pragma once
// One world per session (DESIGN B13): everything a test can change. The fixtures it starts from
// (with its own tokens), the pin store, ids, clock, fault rules, rate-limit counters, journal,
// violations and coverage. The default world is what the fixtures' own tokens address; every
// other world belongs to a session (server/sessions.hpp). Handlers see a world only through
// its Services; the admin API only through its AdminContext.

#include "admin/admin_handlers.hpp"
#include "api/services.hpp"
#include "control/clock.hpp"
#include "control/coverage.hpp"
#include "control/fault_rules.hpp"
#include "control/rate_limiter.hpp"
#include "control/request_journal.hpp"
#include "fixtures/fixture_set.hpp"
#include "store/id_source.hpp"
#include "store/pin_store.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
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
};

class World {
public:
  /// A world over `fixtures` in its seed state. `id` is "" for the default world.
  World(std::string id, std::shared_ptr<const FixtureSet> fixtures, const WorldSettings& settings);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  /// Back to the fixtures' state: pins, ids, clock, fault rules and rate-limit counters (the
  /// journal and coverage stay: they record what happened, as POST /__admin/reset always did).
  void reset();

  const std::string id;
  const std::shared_ptr<const FixtureSet> fixtures;
  const std::uint64_t seed;
  PinStore store;
  IdSource ids;
  Clock clock;
  FaultRules faults;
  RateLimiter rate_limiter;
  RequestJournal journal;
  Coverage coverage;
  Services services;
  AdminContext admin;

  /// When a request last used this world (steady clock, ms): idle sessions expire.
  std::atomic<std::int64_t> last_used_ms{0};
};

/// A copy of `base` whose every token also exists as "<token>.<session id>" (the session's own
/// tokens), in the same account with the same scopes. Records (pins) are shared, not copied.
std::shared_ptr<const FixtureSet> session_fixtures(const FixtureSet& base,
                                                   const std::string& session_id);

/// The session token of a fixture token.
std::string session_token(const std::string& fixture_token, const std::string& session_id);

} // namespace pinsmock

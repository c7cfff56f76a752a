#pragma once
// The registry of worlds (DESIGN B13 "Sessions are a registry of worlds"): the default world,
// addressed by the fixtures' tokens, and one world per session, addressed by its own tokens or
// by id. Sessions idle for longer than the TTL are removed at the next create or list (the
// registry's own sweep), measured on the steady clock, never the mock's clock: advancing a
// session's clock must not end it. Thread-safe.

#include "server/world.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pinsmock {

/// What POST /__admin/sessions may ask for; unset fields take the server's values.
struct SessionSpec {
  std::string fixtures = "default"; // "default" or a fixture directory
  std::optional<std::uint64_t> seed;
  std::optional<Date> today;
};

class Sessions {
public:
  using Now = std::function<std::chrono::steady_clock::time_point()>;
  /// Loads the fixture set of a directory (validated like --fixtures); throws StartupError.
  using LoadFixtures = FixtureOrigin::Load;

  /// The default world starts from `origin` (the server's fixtures: built in or --fixtures),
  /// as do sessions of "default". `ttl` of zero: sessions never expire.
  Sessions(std::shared_ptr<FixtureOrigin> origin, WorldSettings settings,
           std::chrono::milliseconds ttl, LoadFixtures load = {}, Now now = {});
  /// The same over a set that never changes.
  Sessions(FixtureSnapshot fixtures, WorldSettings settings, std::chrono::milliseconds ttl,
           LoadFixtures load = {}, Now now = {});

  World& default_world() { return default_; }
  const World& default_world() const { return default_; }
  const WorldSettings& settings() const { return settings_; }

  /// A new session's world, or an error naming the field of the spec that is wrong.
  Result<std::shared_ptr<World>> create(const SessionSpec& spec);
  /// The session with this id, if any (counts as use).
  std::shared_ptr<World> find(std::string_view id);
  /// The session one of whose own tokens this is, if any (counts as use). Costs one relaxed load
  /// while no session exists, so the default world's requests pay nothing for sessions.
  std::shared_ptr<World> find_by_token(std::string_view token);
  /// Ends a session; false when there is none with this id. Requests still in flight finish.
  bool end(std::string_view id);
  /// Every session, oldest first.
  std::vector<std::shared_ptr<World>> list();
  /// Removes sessions idle for longer than the TTL; returns how many.
  std::size_t expire();
  std::size_t size() const;
  /// Claims the tokens of an account that is being added to `world` at run time: they then
  /// address it (and only it). The problem, naming the token's pointer, when another world
  /// has one of them already; nothing is claimed then.
  std::optional<FixtureProblem> claim_tokens(World& world, const Account& account);
  std::chrono::milliseconds ttl() const { return ttl_; }
  /// Milliseconds on the registry's steady clock (what last_used_ms counts in).
  std::int64_t now_ms() const;

private:
  void touch(World& world) const;
  /// Makes `set` the session's own and points its tokens (own and claimed) at the world.
  FixtureSnapshot adopt(World& world, const FixtureSnapshot& set);
  void register_tokens_locked(const std::shared_ptr<World>& world, const FixtureSet& set);
  void wire_claims(World& world);

  std::shared_ptr<FixtureOrigin> origin_;
  World default_;
  WorldSettings settings_;
  std::chrono::milliseconds ttl_;
  LoadFixtures load_;
  Now now_;
  mutable std::shared_mutex mutex_;
  std::map<std::uint64_t, std::shared_ptr<World>> by_number_; // creation order
  std::unordered_map<std::string, std::shared_ptr<World>> by_id_;
  std::unordered_map<std::string, std::shared_ptr<World>> by_token_;
  std::map<std::string, std::shared_ptr<FixtureOrigin>> loaded_; // fixture dirs, once each
  std::set<std::string> default_claims_; // tokens added to the default world at run time
  std::atomic<std::size_t> count_{0};
  std::uint64_t next_number_ = 1;
};

} // namespace pinsmock

#include "server/world.hpp"

namespace pinsmock {

World::World(std::string world_id, FixtureSnapshot start_set, const WorldSettings& settings,
             std::shared_ptr<FixtureOrigin> fixture_origin)
    : id(std::move(world_id)), seed(settings.seed),
      origin(fixture_origin ? std::move(fixture_origin)
                            : std::make_shared<FixtureOrigin>(start_set)),
      start(std::move(start_set)), fixtures(start), ids(settings.seed),
      clock(settings.today, settings.utc_offset), faults(settings.seed, settings.max_delay_ms),
      rate_limiter(settings.rate_limits, clock), journal(settings.journal),
      coverage(settings.operation_ids), check_pin(settings.check_pin),
      admin{store, *start, [this] { reset(); }} {
  if (settings.contracts) {
    state_admin.emplace(WorldAdmin{state(), *settings.contracts, settings.utc_offset,
                                   [this] { return origin->reload(); }});
    state_admin->adopt = [this](FixtureSnapshot set) { return adopt ? adopt(std::move(set)) : set; };
    admin.world = &*state_admin;
  }
  admin.journal = &journal;
  admin.coverage = &coverage;
  admin.faults = &faults;
  admin.rate_limiter = &rate_limiter;
  admin.clock = &clock;
  admin.operation_ids = settings.operation_ids;
  admin.declared_statuses = settings.declared_statuses;
  admin.max_delay_ms = settings.max_delay_ms;
  apply_state(state(), start);
}

void World::reset() {
  FixtureSnapshot set = origin->current();
  if (adopt)
    set = adopt(std::move(set));
  apply_state(state(), std::move(set));
  faults.clear();
  rate_limiter.reset();
}

std::optional<std::string> World::reload_and_reset() {
  if (auto broken = origin->reload())
    return broken;
  reset();
  return std::nullopt;
}

std::string session_token(const std::string& fixture_token, const std::string& session_id) {
  return fixture_token + "." + session_id;
}

FixtureSnapshot session_fixtures(const FixtureSet& base, const std::string& session_id) {
  auto copy = std::make_shared<FixtureSet>(base);
  for (Account& account : copy->accounts) {
    const std::size_t own = account.tokens.size();
    for (std::size_t i = 0; i < own; ++i) {
      Token token = account.tokens[i];
      token.token = session_token(token.token, session_id);
      if (!copy->find_token(token.token)) // an import of this session's own export has them
        account.tokens.push_back(std::move(token));
    }
  }
  return copy;
}

} // namespace pinsmock

#include "server/world.hpp"

namespace pinsmock {

World::World(std::string world_id, std::shared_ptr<const FixtureSet> fixture_set,
             const WorldSettings& settings)
    : id(std::move(world_id)), fixtures(std::move(fixture_set)), seed(settings.seed),
      ids(settings.seed), clock(settings.today, settings.utc_offset),
      faults(settings.seed, settings.max_delay_ms), rate_limiter(settings.rate_limits, clock),
      journal(settings.journal), coverage(settings.operation_ids),
      services{store, *fixtures, ids, clock, settings.seed, settings.check_pin},
      admin{store, *fixtures, [this] { reset(); }} {
  admin.journal = &journal;
  admin.coverage = &coverage;
  admin.faults = &faults;
  admin.rate_limiter = &rate_limiter;
  admin.clock = &clock;
  admin.operation_ids = settings.operation_ids;
  admin.declared_statuses = settings.declared_statuses;
  admin.max_delay_ms = settings.max_delay_ms;
  reset();
}

void World::reset() {
  store.reset(fixtures->pins);
  ids.reset(seed);
  clock.reset();
  faults.clear();
  rate_limiter.reset();
}

std::string session_token(const std::string& fixture_token, const std::string& session_id) {
  return fixture_token + "." + session_id;
}

std::shared_ptr<const FixtureSet> session_fixtures(const FixtureSet& base,
                                                   const std::string& session_id) {
  auto copy = std::make_shared<FixtureSet>(base);
  for (Account& account : copy->accounts) {
    const std::size_t own = account.tokens.size();
    for (std::size_t i = 0; i < own; ++i) {
      Token token = account.tokens[i];
      token.token = session_token(token.token, session_id);
      account.tokens.push_back(std::move(token));
    }
  }
  return copy;
}

} // namespace pinsmock

#include "server/sessions.hpp"

#include "pinsmock/startup_error.hpp"

#include <mutex>

namespace pinsmock {

Sessions::Sessions(std::shared_ptr<FixtureOrigin> origin, WorldSettings settings,
                   std::chrono::milliseconds ttl, LoadFixtures load, Now now)
    : origin_(std::move(origin)), default_("", origin_->current(), settings, origin_),
      settings_(std::move(settings)), ttl_(ttl), load_(std::move(load)),
      now_(now ? std::move(now) : Now([] { return std::chrono::steady_clock::now(); })) {
  wire_claims(default_);
  // A token added to the default session at run time is its own until a reset or an import
  // takes the account away again.
  default_.adopt = [this](FixtureSnapshot set) {
    std::unique_lock lock(mutex_);
    for (auto it = default_claims_.begin(); it != default_claims_.end();)
      it = set->find_token(*it) ? std::next(it) : default_claims_.erase(it);
    return set;
  };
}

Sessions::Sessions(FixtureSnapshot fixtures, WorldSettings settings,
                   std::chrono::milliseconds ttl, LoadFixtures load, Now now)
    : Sessions(std::make_shared<FixtureOrigin>(std::move(fixtures)), std::move(settings), ttl,
               std::move(load), std::move(now)) {}

void Sessions::wire_claims(World& world) {
  if (world.state_admin)
    world.state_admin->claim_tokens = [this, &world](const Account& account) {
      return claim_tokens(world, account);
    };
}

namespace {
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() > suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}
} // namespace

void Sessions::register_tokens_locked(const std::shared_ptr<World>& world, const FixtureSet& set) {
  for (auto t = by_token_.begin(); t != by_token_.end();)
    t = t->second == world ? by_token_.erase(t) : std::next(t);
  const std::string own = "." + world->id;
  std::set<std::string> still_claimed;
  for (const Account& account : set.accounts)
    for (const Token& token : account.tokens) {
      const bool claimed = world->claimed_tokens.count(token.token) > 0;
      if (claimed)
        still_claimed.insert(token.token);
      if (claimed || ends_with(token.token, own))
        by_token_.emplace(token.token, world); // never takes one from another world
    }
  world->claimed_tokens = std::move(still_claimed);
}

FixtureSnapshot Sessions::adopt(World& world, const FixtureSnapshot& set) {
  FixtureSnapshot own = session_fixtures(*set, world.id);
  std::unique_lock lock(mutex_);
  auto it = by_id_.find(world.id);
  if (it != by_id_.end())
    register_tokens_locked(it->second, *own);
  return own;
}

std::optional<FixtureProblem> Sessions::claim_tokens(World& world, const Account& account) {
  std::unique_lock lock(mutex_);
  const bool is_default = &world == &default_;
  const FixtureSnapshot defaults = is_default ? nullptr : default_.fixtures.get();
  for (std::size_t i = 0; i < account.tokens.size(); ++i) {
    const std::string& token = account.tokens[i].token;
    std::string owner;
    auto it = by_token_.find(token);
    if (it != by_token_.end() && it->second.get() != &world)
      owner = "session " + it->second->id;
    else if (!is_default && (default_claims_.count(token) || defaults->find_token(token)))
      owner = "the default session";
    if (!owner.empty())
      return FixtureProblem{"/tokens/" + std::to_string(i) + "/token",
                            "already addresses " + owner + " (a token addresses one session)"};
  }
  std::shared_ptr<World> held;
  if (!is_default) {
    auto it = by_id_.find(world.id);
    if (it == by_id_.end())
      return FixtureProblem{"/", "the session has ended"};
    held = it->second;
  }
  for (const Token& token : account.tokens) {
    if (is_default) {
      default_claims_.insert(token.token);
    } else {
      world.claimed_tokens.insert(token.token);
      by_token_.emplace(token.token, held);
    }
  }
  return std::nullopt;
}

std::int64_t Sessions::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(now_().time_since_epoch()).count();
}

void Sessions::touch(World& world) const {
  world.last_used_ms.store(now_ms(), std::memory_order_relaxed);
}

Result<std::shared_ptr<World>> Sessions::create(const SessionSpec& spec) {
  expire();
  std::shared_ptr<FixtureOrigin> origin = origin_;
  if (spec.fixtures != "default") {
    {
      std::shared_lock lock(mutex_);
      auto it = loaded_.find(spec.fixtures);
      origin = it == loaded_.end() ? nullptr : it->second;
    }
    if (!origin) {
      if (!load_)
        return ApiError{ErrorId::InvalidBody, "fixtures: only \"default\" is available here.",
                        "/fixtures"};
      FixtureSnapshot loaded;
      try {
        loaded = load_(spec.fixtures); // outside the lock: requests keep flowing meanwhile
      } catch (const StartupError& e) {
        return ApiError{ErrorId::InvalidBody, std::string("fixtures: ") + e.what(), "/fixtures"};
      }
      // A reset of any session of this directory reads it again (for all of them).
      auto fresh = std::make_shared<FixtureOrigin>(std::move(loaded), spec.fixtures, load_);
      std::unique_lock lock(mutex_);
      origin = loaded_.emplace(spec.fixtures, std::move(fresh)).first->second;
    }
  }
  WorldSettings settings = settings_;
  if (spec.seed)
    settings.seed = *spec.seed;
  if (spec.today)
    settings.today = spec.today;

  std::uint64_t number;
  {
    std::unique_lock lock(mutex_);
    number = next_number_++;
  }
  const std::string id = "s" + std::to_string(number);
  const FixtureSnapshot start = session_fixtures(*origin->current(), id);
  auto world = std::make_shared<World>(id, start, settings, origin);
  World& made = *world;
  made.adopt = [this, &made](FixtureSnapshot set) { return adopt(made, set); };
  wire_claims(made);
  touch(made);
  std::unique_lock lock(mutex_);
  by_number_.emplace(number, world);
  by_id_.emplace(id, world);
  register_tokens_locked(world, *start);
  count_.store(by_id_.size(), std::memory_order_relaxed);
  return world;
}

std::shared_ptr<World> Sessions::find(std::string_view id) {
  std::shared_ptr<World> world;
  {
    std::shared_lock lock(mutex_);
    auto it = by_id_.find(std::string(id));
    if (it == by_id_.end())
      return nullptr;
    world = it->second;
  }
  touch(*world);
  return world;
}

std::shared_ptr<World> Sessions::find_by_token(std::string_view token) {
  if (count_.load(std::memory_order_relaxed) == 0)
    return nullptr;
  std::shared_ptr<World> world;
  {
    std::shared_lock lock(mutex_);
    auto it = by_token_.find(std::string(token));
    if (it == by_token_.end())
      return nullptr;
    world = it->second;
  }
  touch(*world);
  return world;
}

bool Sessions::end(std::string_view id) {
  std::shared_ptr<World> world; // released after the lock
  std::unique_lock lock(mutex_);
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end())
    return false;
  world = it->second;
  by_id_.erase(it);
  for (auto t = by_token_.begin(); t != by_token_.end();)
    t = t->second == world ? by_token_.erase(t) : std::next(t);
  for (auto n = by_number_.begin(); n != by_number_.end(); ++n)
    if (n->second == world) {
      by_number_.erase(n);
      break;
    }
  count_.store(by_id_.size(), std::memory_order_relaxed);
  return true;
}

std::vector<std::shared_ptr<World>> Sessions::list() {
  expire();
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<World>> out;
  out.reserve(by_number_.size());
  for (const auto& [number, world] : by_number_)
    out.push_back(world);
  return out;
}

std::size_t Sessions::expire() {
  if (ttl_.count() <= 0 || count_.load(std::memory_order_relaxed) == 0)
    return 0;
  const std::int64_t cutoff = now_ms() - ttl_.count();
  std::vector<std::string> idle;
  {
    std::shared_lock lock(mutex_);
    for (const auto& [number, world] : by_number_)
      if (world->last_used_ms.load(std::memory_order_relaxed) < cutoff)
        idle.push_back(world->id);
  }
  std::size_t removed = 0;
  for (const std::string& id : idle)
    removed += end(id) ? 1 : 0;
  return removed;
}

std::size_t Sessions::size() const { return count_.load(std::memory_order_relaxed); }

} // namespace pinsmock

#include "server/sessions.hpp"

#include "pinsmock/startup_error.hpp"

#include <mutex>

namespace pinsmock {

Sessions::Sessions(std::shared_ptr<const FixtureSet> fixtures, WorldSettings settings,
                   std::chrono::milliseconds ttl, LoadFixtures load, Now now)
    : default_("", fixtures, settings), fixtures_(std::move(fixtures)),
      settings_(std::move(settings)), ttl_(ttl), load_(std::move(load)),
      now_(now ? std::move(now) : Now([] { return std::chrono::steady_clock::now(); })) {}

std::int64_t Sessions::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(now_().time_since_epoch()).count();
}

void Sessions::touch(World& world) const {
  world.last_used_ms.store(now_ms(), std::memory_order_relaxed);
}

Result<std::shared_ptr<World>> Sessions::create(const SessionSpec& spec) {
  expire();
  std::shared_ptr<const FixtureSet> base = fixtures_;
  if (spec.fixtures != "default") {
    {
      std::shared_lock lock(mutex_);
      auto it = loaded_.find(spec.fixtures);
      base = it == loaded_.end() ? nullptr : it->second;
    }
    if (!base) {
      if (!load_)
        return ApiError{ErrorId::InvalidBody, "fixtures: only \"default\" is available here.",
                        "/fixtures"};
      try {
        base = load_(spec.fixtures); // outside the lock: requests keep flowing meanwhile
      } catch (const StartupError& e) {
        return ApiError{ErrorId::InvalidBody, std::string("fixtures: ") + e.what(), "/fixtures"};
      }
      std::unique_lock lock(mutex_);
      base = loaded_.emplace(spec.fixtures, base).first->second;
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
  auto world = std::make_shared<World>(id, session_fixtures(*base, id), settings);
  touch(*world);
  std::unique_lock lock(mutex_);
  by_number_.emplace(number, world);
  by_id_.emplace(id, world);
  for (const Account& account : base->accounts)
    for (const Token& token : account.tokens)
      by_token_.emplace(session_token(token.token, id), world);
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

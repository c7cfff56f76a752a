#pragma once
// Rate limits as live has them (API-NOTES.md section 2): a quota per token and category that the
// category's operations share, plus "multiple write operations applied to an object within a
// short time window". Windows follow the mock's Clock, so advancing it reaches a reset without
// sleeping. Thread-safe.

#include "control/clock.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/result.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pinsmock {

struct RateWindow {
  std::uint64_t limit = 0;
  std::int64_t window_seconds = 1;
};

/// Live does not confirm these names (API-NOTES.md section 2), so they can be changed.
struct RateLimitHeaderNames {
  std::string limit = "x-userendpoint-ratelimit-limit";
  std::string remaining = "x-userendpoint-ratelimit-remaining";
  std::string reset = "x-userendpoint-ratelimit-reset-seconds";
};

struct RateLimitConfig {
  std::map<std::string, RateWindow> categories; // "org_write" -> quota
  std::optional<RateWindow> same_object_writes;
  RateLimitHeaderNames headers;

  bool enabled() const { return !categories.empty() || same_object_writes.has_value(); }
};

/// "standard", "trial", or the JSON text of a file {category: {limit, window_seconds}, …,
/// "same_object_writes": {…}, "headers": {"limit": …, "remaining": …, "reset": …}}.
/// Errors name the JSON pointer of the bad field.
Result<RateLimitConfig> parse_rate_limits(std::string_view preset_or_json);

/// The verdict on one request and what the headers say.
struct RateDecision {
  bool counted = false; // a category window applies (headers are sent)
  bool limited = false;
  std::string reason; // the category, or "same_object_writes"
  std::uint64_t limit = 0;
  std::uint64_t remaining = 0;
  std::int64_t reset_seconds = 0;
  std::int64_t retry_after_seconds = 0; // when limited
};

/// One token's window in one category, as it stands (GET /__admin/rate-limits).
struct RateWindowState {
  std::string token;
  RateDecision decision; // limit, remaining and reset_seconds now; reason = the category
};

class RateLimiter {
public:
  RateLimiter(RateLimitConfig config, const Clock& clock)
      : config_(std::move(config)), clock_(clock), enabled_(config_.enabled()) {}

  bool enabled() const { return enabled_; }
  const RateLimitConfig& config() const { return config_; }
  /// Counts one request of `token` in `category`; `object_id` is the pin a write hits ("" for
  /// none). A limited request uses no quota.
  RateDecision consume(std::string_view token, std::string_view category,
                       std::string_view object_id);
  /// The window's state without counting (for answers refused before the rate stage).
  RateDecision peek(std::string_view token, std::string_view category) const;
  /// Every window counted so far, by token then category; an expired one shows a full quota.
  std::vector<RateWindowState> windows() const;
  /// Forgets every window (POST /__admin/reset).
  void reset();

private:
  struct Window {
    std::int64_t start_ms = 0;
    std::uint64_t count = 0;
  };
  RateDecision state(const Window* window, const RateWindow& quota, std::string_view category,
                     std::int64_t now_ms) const;

  RateLimitConfig config_;
  const Clock& clock_;
  bool enabled_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Window> windows_; // (token, category)
  std::map<std::string, std::deque<std::int64_t>> object_writes_; // pin id -> write times (ms)
};

} // namespace pinsmock

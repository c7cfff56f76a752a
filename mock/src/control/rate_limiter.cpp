#include "control/rate_limiter.hpp"

namespace pinsmock {
namespace {

// The Pins operations' categories (API-NOTES.md section 2).
constexpr const char* kCategories[] = {"org_read", "org_write", "org_analytics"};

ApiError bad(const std::string& pointer, const std::string& what) {
  return ApiError{ErrorId::InvalidBody, "Invalid rate limits: " + pointer + ": " + what, pointer};
}

std::int64_t ceil_seconds(std::int64_t ms) { return ms <= 0 ? 0 : (ms + 999) / 1000; }

Result<RateWindow> parse_window(const json::Value& value, const std::string& at) {
  if (!value.IsObject())
    return bad(at, "expected {\"limit\": N, \"window_seconds\": S}");
  for (const auto& m : value.GetObject()) {
    const std::string key = m.name.GetString();
    if (key != "limit" && key != "window_seconds")
      return bad(at + "/" + key, "unknown field (limit, window_seconds)");
  }
  const auto limit = json::get_int(value, "limit");
  const auto window = json::get_int(value, "window_seconds");
  if (!limit || *limit < 1)
    return bad(at + "/limit", "expected a whole number >= 1");
  if (!window || *window < 1 || *window > 366 * 86400)
    return bad(at + "/window_seconds", "expected a whole number of seconds from 1 to 31622400");
  return RateWindow{static_cast<std::uint64_t>(*limit), *window};
}

} // namespace

Result<RateLimitConfig> parse_rate_limits(std::string_view preset_or_json) {
  RateLimitConfig config;
  // Standard: 100 requests/s per user and app; Trial: 1,000/day (API-NOTES.md section 2). The
  // org_* category rows are unpublished, so each category gets the universal figure.
  if (preset_or_json == "standard" || preset_or_json == "trial") {
    const RateWindow window =
        preset_or_json == "standard" ? RateWindow{100, 1} : RateWindow{1000, 86400};
    for (const char* category : kCategories)
      config.categories[category] = window;
    return config;
  }
  json::Document doc;
  if (auto err = json::parse_into(doc, preset_or_json))
    return bad("/", "not JSON (" + err->message + " at offset " + std::to_string(err->offset) +
                        "); expected standard, trial or a JSON file");
  if (!doc.IsObject())
    return bad("/", "expected an object {category: {limit, window_seconds}}");
  for (const auto& m : doc.GetObject()) {
    const std::string key = m.name.GetString();
    const std::string at = "/" + key;
    if (key == "headers") {
      if (!m.value.IsObject())
        return bad(at, "expected {\"limit\": name, \"remaining\": name, \"reset\": name}");
      for (const auto& h : m.value.GetObject()) {
        const std::string which = h.name.GetString();
        std::string* target = which == "limit"       ? &config.headers.limit
                              : which == "remaining" ? &config.headers.remaining
                              : which == "reset"     ? &config.headers.reset
                                                     : nullptr;
        if (!target || !h.value.IsString() || h.value.GetStringLength() == 0)
          return bad(at + "/" + which, "expected limit, remaining or reset with a header name");
        *target = h.value.GetString();
      }
    } else if (key == "same_object_writes") {
      auto window = parse_window(m.value, at);
      if (!window)
        return window.error();
      config.same_object_writes = *window;
    } else {
      auto window = parse_window(m.value, at);
      if (!window)
        return window.error();
      config.categories[key] = *window;
    }
  }
  return config;
}

RateDecision RateLimiter::state(const Window* window, const RateWindow& quota,
                                std::string_view category, std::int64_t now_ms) const {
  RateDecision d;
  d.counted = true;
  d.reason = std::string(category);
  d.limit = quota.limit;
  const std::int64_t length_ms = quota.window_seconds * 1000;
  const bool live = window && now_ms < window->start_ms + length_ms;
  const std::uint64_t used = live ? window->count : 0;
  d.remaining = used >= quota.limit ? 0 : quota.limit - used;
  d.reset_seconds =
      live ? ceil_seconds(window->start_ms + length_ms - now_ms) : quota.window_seconds;
  return d;
}

RateDecision RateLimiter::consume(std::string_view token, std::string_view category,
                                  std::string_view object_id) {
  const std::int64_t now = clock_.now_ms();
  std::lock_guard lock(mutex_);
  RateDecision d;
  Window* window = nullptr;
  const auto quota = config_.categories.find(std::string(category));
  if (quota != config_.categories.end()) {
    window = &windows_[{std::string(token), std::string(category)}];
    if (now >= window->start_ms + quota->second.window_seconds * 1000 || window->count == 0)
      *window = Window{now, 0};
    d = state(window, quota->second, category, now);
    if (window->count >= quota->second.limit) {
      d.limited = true;
      d.retry_after_seconds = std::max<std::int64_t>(1, d.reset_seconds);
      return d;
    }
  }
  if (config_.same_object_writes && !object_id.empty()) {
    const RateWindow& per_object = *config_.same_object_writes;
    std::deque<std::int64_t>& writes = object_writes_[std::string(object_id)];
    while (!writes.empty() && writes.front() <= now - per_object.window_seconds * 1000)
      writes.pop_front();
    if (writes.size() >= per_object.limit) {
      d.limited = true;
      d.reason = "same_object_writes";
      d.retry_after_seconds = std::max<std::int64_t>(
          1, ceil_seconds(writes.front() + per_object.window_seconds * 1000 - now));
      return d;
    }
    writes.push_back(now);
  }
  if (window) {
    ++window->count;
    d = state(window, quota->second, category, now);
  }
  return d;
}

RateDecision RateLimiter::peek(std::string_view token, std::string_view category) const {
  const auto quota = config_.categories.find(std::string(category));
  if (quota == config_.categories.end())
    return {};
  const std::int64_t now = clock_.now_ms();
  std::lock_guard lock(mutex_);
  const auto it = windows_.find({std::string(token), std::string(category)});
  return state(it == windows_.end() ? nullptr : &it->second, quota->second, category, now);
}

std::vector<RateWindowState> RateLimiter::windows() const {
  const std::int64_t now = clock_.now_ms();
  std::lock_guard lock(mutex_);
  std::vector<RateWindowState> out;
  for (const auto& [key, window] : windows_) {
    const auto quota = config_.categories.find(key.second);
    if (quota != config_.categories.end())
      out.push_back({key.first, state(&window, quota->second, key.second, now)});
  }
  return out;
}

void RateLimiter::reset() {
  std::lock_guard lock(mutex_);
  windows_.clear();
  object_writes_.clear();
}

} // namespace pinsmock

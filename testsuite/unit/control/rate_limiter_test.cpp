// Rate limits: presets and files, a quota per token and category shared by the category's
// operations, same-object writes, and windows that follow the mock's clock.
#include "control/rate_limiter.hpp"

#include "unit/catch_optional.hpp"

#include <catch2/catch.hpp>

#include <string>

using pinsmock::Clock;
using pinsmock::Date;
using pinsmock::parse_rate_limits;
using pinsmock::RateLimiter;

TEST_CASE("RateLimiter: standard and trial are the published figures per category",
          "[unit][rate_limits]") {
  auto standard = parse_rate_limits("standard");
  REQUIRE(standard);
  CHECK(standard->categories.at("org_write").limit == 100);
  CHECK(standard->categories.at("org_read").window_seconds == 1);
  auto trial = parse_rate_limits("trial");
  REQUIRE(trial);
  CHECK(trial->categories.at("org_analytics").limit == 1000);
  CHECK(trial->categories.at("org_analytics").window_seconds == 86400);
  CHECK(trial->headers.limit == "x-userendpoint-ratelimit-limit");
}

TEST_CASE("RateLimiter: a file sets categories, same_object_writes and header names",
          "[unit][rate_limits]") {
  auto config = parse_rate_limits(R"({"org_write": {"limit": 3, "window_seconds": 60},
      "same_object_writes": {"limit": 2, "window_seconds": 10},
      "headers": {"limit": "x-ratelimit-limit", "remaining": "x-ratelimit-remaining",
                  "reset": "x-ratelimit-reset"}})");
  REQUIRE(config);
  CHECK(config->categories.at("org_write").limit == 3);
  CHECK(config->same_object_writes->limit == 2);
  CHECK(config->headers.reset == "x-ratelimit-reset");
  auto bad = parse_rate_limits(R"({"org_write": {"limit": 0, "window_seconds": 60}})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().pointer == "/org_write/limit");
  CHECK_FALSE(parse_rate_limits("premium"));
  CHECK(parse_rate_limits(R"({"org_read": {"limit": 1, "window": 5}})").error().pointer ==
        "/org_read/window");
}

TEST_CASE("RateLimiter: the operations of a category share one quota per token",
          "[unit][rate_limits]") {
  Clock clock(Date{2026, 11, 15});
  RateLimiter limiter(*parse_rate_limits(R"({"org_write": {"limit": 2, "window_seconds": 60}})"),
                      clock);
  auto first = limiter.consume("t1", "org_write", "");
  CHECK_FALSE(first.limited);
  CHECK(first.limit == 2);
  CHECK(first.remaining == 1);
  CHECK_FALSE(limiter.consume("t1", "org_write", "").limited); // e.g. an update after a create
  auto third = limiter.consume("t1", "org_write", "");
  CHECK(third.limited);
  CHECK(third.remaining == 0);
  CHECK(third.retry_after_seconds >= 59);
  CHECK(third.retry_after_seconds <= 60);
  CHECK_FALSE(limiter.consume("t2", "org_write", "").limited); // another token has its own
  CHECK_FALSE(limiter.consume("t1", "org_read", "").limited);  // no limit on that category
  CHECK_FALSE(limiter.consume("t1", "org_read", "").counted);
}

TEST_CASE("RateLimiter: advancing the clock past the window resets it without sleeping",
          "[unit][rate_limits]") {
  Clock clock(Date{2026, 11, 15});
  RateLimiter limiter(*parse_rate_limits(R"({"org_read": {"limit": 1, "window_seconds": 30}})"),
                      clock);
  CHECK_FALSE(limiter.consume("t", "org_read", "").limited);
  CHECK(limiter.consume("t", "org_read", "").limited);
  CHECK(limiter.peek("t", "org_read").reset_seconds > 0);
  clock.advance(30);
  const auto after = limiter.consume("t", "org_read", "");
  CHECK_FALSE(after.limited);
  CHECK(after.remaining == 0);
  CHECK(after.reset_seconds == 30);
}

TEST_CASE("RateLimiter: K writes to one pin within W seconds answer 429", "[unit][rate_limits]") {
  Clock clock(Date{2026, 11, 15});
  RateLimiter limiter(
      *parse_rate_limits(R"({"same_object_writes": {"limit": 2, "window_seconds": 10}})"), clock);
  CHECK_FALSE(limiter.consume("t", "org_write", "p1").limited);
  CHECK_FALSE(limiter.consume("t", "org_write", "p1").limited);
  const auto third = limiter.consume("t", "org_write", "p1");
  CHECK(third.limited);
  CHECK(third.reason == "same_object_writes");
  CHECK(third.retry_after_seconds >= 9);
  CHECK_FALSE(limiter.consume("t", "org_write", "p2").limited); // another pin
  clock.advance(10);
  CHECK_FALSE(limiter.consume("t", "org_write", "p1").limited);
}

TEST_CASE("RateLimiter: reset forgets every window", "[unit][rate_limits]") {
  Clock clock(Date{2026, 11, 15});
  RateLimiter limiter(*parse_rate_limits(R"({"org_read": {"limit": 1, "window_seconds": 60}})"),
                      clock);
  limiter.consume("t", "org_read", "");
  CHECK(limiter.consume("t", "org_read", "").limited);
  limiter.reset();
  CHECK_FALSE(limiter.consume("t", "org_read", "").limited);
}

#pragma once
// The /__admin API (outside /v5, no bearer token): health, reset, accounts. HTTP-free.

#include "core/api_types.hpp"
#include "fixtures/fixture_set.hpp"
#include "store/pin_store.hpp"

#include <functional>
#include <optional>

namespace pinsmock {

constexpr std::string_view kAdminPrefix = "/__admin";

struct AdminContext {
  const PinStore& store;
  const FixtureSet& fixtures;
  std::function<void()> reset;
};

/// Answers a request under /__admin (404/405 JSON for unknown admin routes).
HttpResponse handle_admin(const HttpRequest& request, AdminContext& context);

} // namespace pinsmock

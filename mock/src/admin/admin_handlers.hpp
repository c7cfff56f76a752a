#pragma once
// The /__admin API (outside /v5, no bearer token): health, reset, accounts, the request
// journal, contract violations and coverage; the dashboard page (admin/dashboard.cpp). HTTP-free.

#include "control/clock.hpp"
#include "control/coverage.hpp"
#include "control/fault_rules.hpp"
#include "control/rate_limiter.hpp"
#include "control/request_journal.hpp"
#include "core/api_types.hpp"
#include "fixtures/fixture_set.hpp"
#include "store/pin_store.hpp"

#include <functional>
#include <map>
#include <optional>

namespace pinsmock {

constexpr std::string_view kAdminPrefix = "/__admin";

struct WorldAdmin;

struct AdminContext {
  const PinStore& store;
  const FixtureSet& fixtures;
  std::function<void()> reset;
  RequestJournal* journal = nullptr; // wired by the Pipeline that owns them
  Coverage* coverage = nullptr;
  FaultRules* faults = nullptr;       // failure simulation (admin/fault_admin.cpp)
  RateLimiter* rate_limiter = nullptr;
  Clock* clock = nullptr;
  std::vector<std::string> operation_ids = {};
  std::map<std::string, std::vector<int>> declared_statuses = {}; // per operation, from the manifest
  std::int64_t max_delay_ms = 60000;
  WorldAdmin* world = nullptr;        // state and run-time data (admin/world_admin.cpp)
  std::function<void()> changed = {}; // after a successful change (the state file's saver)
};

/// A JSON answer of the admin API with this status and body.
HttpResponse json_answer(int status, const json::Value& body);

/// Answers a request under /__admin (404/405 JSON for unknown admin routes).
HttpResponse handle_admin(const HttpRequest& request, AdminContext& context);

} // namespace pinsmock

#pragma once
// The admin endpoints that change the world itself (issue 12 §2-3): GET/PUT /__admin/state,
// POST /__admin/accounts, /__admin/boards, /__admin/boards/{id}/sections and /__admin/pins.
// Items are checked by the fixture validators (fixtures/fixture_items.hpp). HTTP-free.

#include "admin/state_document.hpp"
#include "core/api_types.hpp"
#include "fixtures/fixture_items.hpp"

#include <functional>
#include <optional>
#include <string>

namespace pinsmock {

/// One world's mutable parts and what checking them needs. Wired by the MockServer.
struct WorldAdmin {
  WorldState world;
  const ContractRegistry& contracts;
  bool utc_created_at = false;
  /// Re-reads --fixtures from disk as the state a reset returns to; the error (file:line:column,
  /// pointer, reason) when a file is broken, and then nothing changes.
  std::function<std::optional<std::string>()> reload;
  /// Makes an imported set this world's own before it is put in place (World::adopt: a
  /// session's tokens).
  std::function<FixtureSnapshot(FixtureSnapshot)> adopt = {};
  /// Claims the tokens of an account about to be added, so that they address this world and
  /// no other: the problem (naming the token's pointer) when another world has one of them.
  std::function<std::optional<FixtureProblem>(const Account&)> claim_tokens = {};
};

struct AdminContext;

/// Answers the world routes above, or nullopt for any other path.
std::optional<HttpResponse> handle_world_admin(const HttpRequest& request, std::string_view path,
                                               AdminContext& context);

} // namespace pinsmock

#pragma once
// Shared set-up for the unit tests: the built-in contracts, manifest and default fixtures (loaded
// once per process, immutable), and a World per test case (a fresh store, ids and clock) for
// calling handlers and the pipeline without sockets.

#include "api/services.hpp"
#include "contract/manifest.hpp"
#include "core/api_types.hpp"
#include "fixtures/fixture_set.hpp"
#include "pinsmock/file_source.hpp"
#include "pinsmock/json.hpp"
#include "support/conforms_to.hpp"
#include "unit/catch_optional.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pinsmock::test {

/// Fixture facts from fixtures/README.md that the unit tests rely on.
inline constexpr std::string_view kCreator = "mock_creator";
inline constexpr std::string_view kPartner = "mock_partner";
inline constexpr std::string_view kWeeknightDinners = "1100000000000000001"; // creator, PUBLIC
inline constexpr std::string_view kTravelPlans = "1100000000000000002";      // creator, PROTECTED
inline constexpr std::string_view kGiftIdeas = "1100000000000000003";        // creator, SECRET
inline constexpr std::string_view kWoodworking = "1100000000000000004";      // creator, PUBLIC
inline constexpr std::string_view kPartnerMoodboard = "1100000000000000011"; // partner, PUBLIC
inline constexpr std::string_view kPartnerDrafts = "1100000000000000012";    // partner, SECRET
inline constexpr std::string_view kSoups = "1200000000000000001";            // section of 01
inline constexpr std::string_view kColour = "1200000000000000011";           // section of 11

/// Fixture pin id …NN ("01".."36").
inline std::string fixture_pin(int nn) {
  return std::string("13000000000000000") + (nn < 10 ? "0" : "") + std::to_string(nn);
}

/// Parses JSON written by a test; a typo in the test itself throws (and names the offset).
inline json::Document parse_json(std::string_view text) {
  json::Document doc;
  if (auto err = json::parse_into(doc, text))
    throw std::invalid_argument("test JSON does not parse at offset " +
                                std::to_string(err->offset) + ": " + err->message);
  return doc;
}

/// The manifest of the built-in contracts, parsed once.
inline const Manifest& manifest() {
  static const Manifest parsed = parse_manifest(contracts().manifest());
  return parsed;
}

/// The built-in default fixture set, loaded and validated once (shared, as worlds hold it).
inline const std::shared_ptr<const FixtureSet>& shared_default_fixtures() {
  static const std::shared_ptr<const FixtureSet> set =
      FixtureSet::load(FileSource::embedded("fixtures/default/"), contracts());
  return set;
}

inline const FixtureSet& default_fixtures() { return *shared_default_fixtures(); }

/// A fresh mock state over the default fixtures: store seeded, ids seeded, clock fixed.
struct World {
  PinStore store;
  IdSource ids{1};
  Clock clock{Date{2026, 11, 15}};
  Services services{store, default_fixtures(), ids, clock, 1};

  World() { store.reset(default_fixtures().pins); }
};

/// A principal acting as itself with every scope of its first token, for `operation_id`.
inline Principal principal_for(std::string_view user, std::string_view operation_id) {
  const Account* account = default_fixtures().account(user);
  const OperationSpec* operation = manifest().find(operation_id);
  if (!account || !operation)
    throw std::invalid_argument("unknown user or operation in a test");
  Principal principal;
  principal.token_user = std::string(user);
  principal.operation_user = principal.token_user;
  principal.scopes = account->tokens.front().scopes;
  principal.allowed_roles = operation->business_access;
  return principal;
}

/// A routed, authenticated and validated request as the pipeline would build it.
inline ApiRequest api_request(std::string_view operation_id, std::string_view user,
                              std::string_view params_json, std::string_view body_json = "") {
  ApiRequest request;
  request.operation_id = std::string(operation_id);
  request.principal = principal_for(user, operation_id);
  request.params = parse_json(params_json);
  if (!body_json.empty())
    request.body = parse_json(body_json);
  return request;
}

} // namespace pinsmock::test

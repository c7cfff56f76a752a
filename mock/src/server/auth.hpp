#pragma once
// Bearer token -> Principal, the operation's scopes, and Business Access (`ad_account_id`).

#include "contract/manifest.hpp"
#include "core/api_types.hpp"
#include "fixtures/fixture_set.hpp"
#include "pinsmock/result.hpp"

namespace pinsmock {

/// The token of an "Authorization: Bearer <token>" header (scheme case-insensitive, spaces
/// trimmed): a view into `header`; empty when it is missing or not a bearer header.
std::string_view bearer_token(const std::optional<std::string>& header);

/// The token's user and scopes. Missing, malformed or unknown tokens answer 401 code 2; a token
/// without one of the operation's scopes answers 401 code 3, as live does (docs/api-notes.md §1).
Result<Principal> authenticate(const HttpRequest& request, const OperationSpec& operation,
                               const FixtureSet& fixtures);

/// Why authenticate() refused a request, for the violation record (the 401 body keeps the live
/// message). Never contains the token: only its first 4 characters and its length.
struct AuthProblem {
  std::string rule;     // "unknown bearer token", "the token lacks scope pins:write ..."
  std::string value;    // what was sent: "'pina...' (22 characters)"
  std::string expected; // "Authorization: Bearer <token>", "a token with scope pins:write"
};
AuthProblem describe_auth_failure(const HttpRequest& request, const OperationSpec& operation,
                                  const FixtureSet& fixtures);

/// Proxy mode: fixture tokens mean nothing upstream, so any bearer token passes (upstream judges
/// it and its scopes); a missing or malformed Authorization header still answers 401 code 2.
Result<Principal> forwarded_principal(const HttpRequest& request, const OperationSpec& operation);

/// Applies `ad_account_id` (already validated) to the principal: its owner becomes the operation
/// user when the token's user holds a role the operation allows; otherwise 403 code 29.
std::optional<ApiError> apply_business_access(Principal& principal, const json::Value& params,
                                              const OperationSpec& operation,
                                              const FixtureSet& fixtures);

} // namespace pinsmock

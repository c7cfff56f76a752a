#include "server/auth.hpp"

#include <algorithm>
#include <cctype>

namespace pinsmock {
namespace {

bool starts_with_bearer(std::string_view value) {
  constexpr std::string_view kBearer = "bearer ";
  if (value.size() <= kBearer.size())
    return false;
  for (std::size_t i = 0; i < kBearer.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(value[i])) != kBearer[i])
      return false;
  return true;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  return text;
}

// What was sent, without giving it away: "'pina...' (22 characters)".
std::string preview(std::string_view secret) {
  return "'" + std::string(secret.substr(0, 4)) + (secret.size() > 4 ? "..." : "") + "' (" +
         std::to_string(secret.size()) + " characters)";
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& item : list)
    out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "none" : out;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

std::string_view bearer_token(const std::optional<std::string>& header) {
  if (!header || !starts_with_bearer(*header))
    return {};
  return trimmed(std::string_view(*header).substr(7));
}

Result<Principal> authenticate(const HttpRequest& request, const OperationSpec& operation,
                               const FixtureSet& fixtures) {
  const ApiError failed{ErrorId::AuthenticationFailed, "", "Authorization"};
  const std::optional<std::string> header = request.header("Authorization");
  const std::string_view token = bearer_token(header);
  auto found = token.empty() ? std::nullopt : fixtures.find_token(token);
  if (!found)
    return failed;
  Principal principal;
  principal.token_user = found->first->username;
  principal.operation_user = principal.token_user;
  principal.scopes = found->second->scopes;
  principal.allowed_roles = operation.business_access;
  for (const std::string& scope : operation.scopes)
    if (!principal.has_scope(scope))
      return ApiError{ErrorId::InsufficientScope, "", "Authorization"};
  return principal;
}

AuthProblem describe_auth_failure(const HttpRequest& request, const OperationSpec& operation,
                                  const FixtureSet& fixtures) {
  const std::string bearer = "Authorization: Bearer <token>";
  const std::optional<std::string> header = request.header("Authorization");
  if (!header)
    return {"missing token: the request has no Authorization header", "", bearer};
  const std::string_view token = bearer_token(header);
  if (token.empty())
    return {"malformed Authorization header: not 'Bearer <token>'",
            "header value " + preview(trimmed(*header)), bearer};
  auto found = fixtures.find_token(token);
  if (!found)
    return {"unknown token: no account of the mock's fixtures has this bearer token",
            "token " + preview(token), "a token listed by GET /__admin/accounts"};
  std::vector<std::string> missing;
  for (const std::string& scope : operation.scopes)
    if (!contains(found->second->scopes, scope))
      missing.push_back(scope);
  return {"missing scope: " + operation.id + " needs " + joined(missing) +
              "; the token has " + joined(found->second->scopes),
          "token " + preview(token), "a token with the scopes " + joined(operation.scopes)};
}

Result<Principal> forwarded_principal(const HttpRequest& request, const OperationSpec& operation) {
  const std::optional<std::string> header = request.header("Authorization");
  if (!header || !starts_with_bearer(*header))
    return ApiError{ErrorId::AuthenticationFailed, "", "Authorization"};
  Principal principal;
  principal.allowed_roles = operation.business_access;
  return principal;
}

std::optional<ApiError> apply_business_access(Principal& principal, const json::Value& params,
                                              const OperationSpec& operation,
                                              const FixtureSet& fixtures) {
  const auto ad_account_id = json::get_string(params, "ad_account_id");
  if (!ad_account_id)
    return std::nullopt;
  const ApiError denied{ErrorId::NotPermitted, "", "ad_account_id"};
  const std::optional<std::string> owner = fixtures.ad_account_owner(*ad_account_id);
  const std::optional<std::string> role = fixtures.role_on(principal.token_user, *ad_account_id);
  if (!owner || !role)
    return denied;
  if (*role == "OWNER" && *owner == principal.token_user)
    return std::nullopt; // acting as oneself
  const AccessRoles& allowed = operation.business_access;
  if (!contains(allowed.public_roles, *role) && !contains(allowed.secret_roles, *role))
    return denied;
  principal.operation_user = *owner;
  principal.role = *role;
  return std::nullopt;
}

} // namespace pinsmock

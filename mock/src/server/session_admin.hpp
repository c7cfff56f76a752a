#pragma once
// /__admin/sessions: create, list, end and reset sessions (README "Parallel tests and
// sessions"). HTTP-free; it lives beside the registry it drives.

#include "core/api_types.hpp"
#include "pinsmock/result.hpp"
#include "server/sessions.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pinsmock {

/// The body of POST /__admin/sessions: empty, or {"fixtures", "seed", "today"}. Errors name
/// the field by JSON pointer.
Result<SessionSpec> parse_session_spec(std::string_view body);

/// Answers /__admin/sessions[/{id}[/reset]]; nullopt for any other admin path. `base_url` is
/// where the API is served, for the answer's "base_url".
std::optional<HttpResponse> handle_session_admin(const HttpRequest& request, Sessions& sessions,
                                                 const std::string& base_url);

/// 404 JSON for `?session=ID` naming no session.
HttpResponse unknown_session_answer(const std::string& id);

} // namespace pinsmock

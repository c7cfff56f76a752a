#pragma once
// Stage 0 of the pipeline (DESIGN B13): which world answers this request. An API request names
// its session by `X-Pinsmock-Session: ID` or by one of the session's own tokens; anything else
// is the default world's, as before sessions existed. An admin request names it by
// `?session=ID`.

#include "core/api_types.hpp"
#include "server/sessions.hpp"

#include <memory>
#include <optional>
#include <string_view>

namespace pinsmock {

constexpr std::string_view kSessionHeader = "X-Pinsmock-Session";

/// The world of one request. `hold` keeps a session's world alive while the request runs, even
/// if the session ends meanwhile; the default world lives as long as the server.
struct SessionChoice {
  World* world = nullptr;
  std::shared_ptr<World> hold;
  /// Set when the header named a session that does not exist: the request answers 401 code 2
  /// (as an unknown token does) from the default world.
  std::optional<std::string> unknown;
};

/// API requests: the header, else the bearer token, else the default world.
SessionChoice choose_session(const HttpRequest& request, Sessions& sessions);

/// Why a request's session header was refused, for the violation record.
struct SessionProblem {
  std::string rule;
  std::string value;
  std::string expected;
};
SessionProblem describe_unknown_session(const std::string& id);

/// Admin requests: `?session=ID`, else the default world; unknown holds the id when none has it.
SessionChoice choose_admin_session(const HttpRequest& request, Sessions& sessions);

} // namespace pinsmock

#include "server/session_stage.hpp"

#include "core/utf8.hpp"
#include "server/auth.hpp"

namespace pinsmock {
namespace {

SessionChoice chosen(std::shared_ptr<World> world) {
  SessionChoice choice;
  choice.world = world.get();
  choice.hold = std::move(world);
  return choice;
}

} // namespace

SessionChoice choose_session(const HttpRequest& request, Sessions& sessions) {
  SessionChoice choice{&sessions.default_world(), nullptr, std::nullopt};
  if (const auto id = request.header(kSessionHeader)) {
    if (auto world = sessions.find(*id))
      return chosen(std::move(world));
    choice.unknown = *id;
    return choice;
  }
  if (sessions.size() == 0)
    return choice; // the hot path: no session exists, no token lookup
  const std::optional<std::string> authorization = request.header("Authorization");
  if (auto world = sessions.find_by_token(bearer_token(authorization)))
    return chosen(std::move(world));
  return choice;
}

SessionProblem describe_unknown_session(const std::string& id) {
  return {"unknown session: no session has this id (ended, expired, or never created)",
          "session '" + utf8::excerpt(id) + "'", "an id from POST /__admin/sessions"};
}

SessionChoice choose_admin_session(const HttpRequest& request, Sessions& sessions) {
  SessionChoice choice{&sessions.default_world(), nullptr, std::nullopt};
  for (const auto& [name, value] : request.query) {
    if (name != "session")
      continue;
    if (auto world = sessions.find(value))
      return chosen(std::move(world));
    choice.unknown = value;
    return choice;
  }
  return choice;
}

} // namespace pinsmock

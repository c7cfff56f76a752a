#include "server/session_admin.hpp"

#include "admin/admin_handlers.hpp"
#include "core/error_catalog.hpp"
#include "core/utf8.hpp"

namespace pinsmock {
namespace {

constexpr std::string_view kSessions = "/__admin/sessions";

HttpResponse error_answer(const ApiError& error) {
  return json_answer(error_spec(error.id).status, error_body(error));
}

ApiError bad_field(const std::string& field, const std::string& expected) {
  return {ErrorId::InvalidBody, "Invalid request body: /" + field + ": " + expected + ".",
          "/" + field};
}

json::Value session_to_json(const World& world, const Sessions& sessions,
                            const std::string& base_url, json::Allocator& a) {
  json::Value out(rapidjson::kObjectType);
  out.AddMember("id", json::string(world.id, a), a);
  // Fixture token -> the session's own token: an unmodified client swaps its token only.
  json::Value tokens(rapidjson::kObjectType);
  const FixtureSnapshot fixtures = world.fixtures.get();
  for (const Account& account : fixtures->accounts)
    for (const Token& token : account.tokens)
      if (token.token.size() > world.id.size() + 1 &&
          token.token.compare(token.token.size() - world.id.size() - 1, std::string::npos,
                              "." + world.id) == 0)
        tokens.AddMember(json::string(token.token.substr(0, token.token.size() - world.id.size() - 1), a),
                         json::string(token.token, a), a);
  out.AddMember("tokens", std::move(tokens), a);
  json::Value boards(rapidjson::kArrayType);
  for (const Board& board : fixtures->boards) {
    json::Value b(rapidjson::kObjectType);
    b.AddMember("id", json::string(board.id, a), a);
    b.AddMember("owner", json::string(board.owner, a), a);
    b.AddMember("name", json::string(board.name, a), a);
    b.AddMember("privacy", json::string(to_string(board.privacy), a), a);
    boards.PushBack(std::move(b), a);
  }
  out.AddMember("boards", std::move(boards), a);
  out.AddMember("base_url", json::string(base_url, a), a);
  out.AddMember("pins", static_cast<std::uint64_t>(world.store.size()), a);
  out.AddMember("seed", world.seed, a);
  out.AddMember("today", json::string(world.clock.today().to_string(), a), a);
  const std::int64_t idle = sessions.now_ms() - world.last_used_ms.load(std::memory_order_relaxed);
  out.AddMember("idle_seconds", std::max<std::int64_t>(0, idle) / 1000, a);
  return out;
}

HttpResponse create(const HttpRequest& request, Sessions& sessions, const std::string& base_url) {
  Result<SessionSpec> spec = parse_session_spec(request.body);
  if (!spec)
    return error_answer(spec.error());
  Result<std::shared_ptr<World>> world = sessions.create(*spec);
  if (!world)
    return error_answer(world.error());
  json::Document body(rapidjson::kObjectType);
  json::Value session = session_to_json(**world, sessions, base_url, body.GetAllocator());
  json::set_root(body, session);
  return json_answer(201, body);
}

HttpResponse list(Sessions& sessions, const std::string& base_url) {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value items(rapidjson::kArrayType);
  for (const auto& world : sessions.list())
    items.PushBack(session_to_json(*world, sessions, base_url, a), a);
  body.AddMember("sessions", std::move(items), a);
  body.AddMember("ttl_seconds", static_cast<std::int64_t>(sessions.ttl().count() / 1000), a);
  return json_answer(200, body);
}

HttpResponse not_allowed(const HttpRequest& request) {
  return error_answer({ErrorId::MethodNotAllowed,
                       "Method " + utf8::excerpt(request.method) + " is not allowed on " +
                           utf8::excerpt(request.path) + ".",
                       ""});
}

} // namespace

Result<SessionSpec> parse_session_spec(std::string_view body) {
  SessionSpec spec;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return spec;
  json::Document document;
  if (auto err = json::parse_into(document, body))
    return ApiError{ErrorId::MalformedJson,
                    "Request body is not valid JSON: " + err->message + " (at offset " +
                        std::to_string(err->offset) + ").",
                    "/"};
  if (!document.IsObject())
    return ApiError{ErrorId::InvalidBody, "Invalid request body: expected a JSON object.", "/"};
  for (const auto& member : document.GetObject()) {
    const std::string name(member.name.GetString(), member.name.GetStringLength());
    const json::Value& value = member.value;
    if (name == "fixtures") {
      if (!value.IsString() || value.GetStringLength() == 0)
        return bad_field(name, "expected \"default\" or a fixture directory");
      spec.fixtures.assign(value.GetString(), value.GetStringLength());
    } else if (name == "seed") {
      if (!value.IsUint64())
        return bad_field(name, "expected a non-negative integer");
      spec.seed = value.GetUint64();
    } else if (name == "today") {
      std::optional<Date> date;
      if (value.IsString())
        date = Date::parse(std::string_view(value.GetString(), value.GetStringLength()));
      if (!date)
        return bad_field(name, "expected a date YYYY-MM-DD");
      spec.today = date;
    } else {
      return bad_field(utf8::excerpt(json::pointer_token(name)),
                       "unknown field (allowed: fixtures, seed, today)");
    }
  }
  return spec;
}

std::optional<HttpResponse> handle_session_admin(const HttpRequest& request, Sessions& sessions,
                                                 const std::string& base_url) {
  std::string_view path = request.path;
  if (path.compare(0, kSessions.size(), kSessions) != 0)
    return std::nullopt;
  path.remove_prefix(kSessions.size());
  if (path.size() > 1 && path.back() == '/')
    path.remove_suffix(1);
  if (path.empty() || path == "/") {
    if (request.method == "POST")
      return create(request, sessions, base_url);
    if (request.method == "GET")
      return list(sessions, base_url);
    return not_allowed(request);
  }
  if (path.front() != '/')
    return std::nullopt; // "/__admin/sessionsX": not ours
  path.remove_prefix(1);
  constexpr std::string_view kReset = "/reset";
  const bool reset = path.size() > kReset.size() &&
                     path.compare(path.size() - kReset.size(), kReset.size(), kReset) == 0;
  const std::string id(reset ? path.substr(0, path.size() - kReset.size()) : path);
  if (id.find('/') != std::string::npos)
    return std::nullopt;
  if (reset ? request.method != "POST" : request.method != "DELETE" && request.method != "GET")
    return not_allowed(request);
  if (request.method == "DELETE") {
    if (!sessions.end(id))
      return unknown_session_answer(id);
    HttpResponse response;
    response.status = 204;
    return response;
  }
  std::shared_ptr<World> world = sessions.find(id);
  if (!world)
    return unknown_session_answer(id);
  if (reset)
    if (auto broken = world->reload_and_reset()) // a fixture directory is read again
      return error_answer({ErrorId::InvalidBody, "fixtures not reloaded: " + *broken, ""});
  json::Document body(rapidjson::kObjectType);
  json::Value session = session_to_json(*world, sessions, base_url, body.GetAllocator());
  if (reset)
    session.AddMember("status", "reset", body.GetAllocator());
  json::set_root(body, session);
  return json_answer(200, body);
}

HttpResponse unknown_session_answer(const std::string& id) {
  return error_answer(
      {ErrorId::RouteNotFound, "No session '" + utf8::excerpt(id) + "'.", "session"});
}

} // namespace pinsmock

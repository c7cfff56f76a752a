#include "admin/admin_handlers.hpp"

#include "core/error_catalog.hpp"

#include <array>

namespace pinsmock {
namespace {

HttpResponse json_answer(int status, const json::Value& body) {
  HttpResponse response;
  response.status = status;
  response.body = json::dump(body);
  return response;
}

HttpResponse error_answer(ErrorId id, std::string detail = "") {
  return json_answer(error_spec(id).status, error_body(ApiError{id, std::move(detail), ""}));
}

json::Value string_array(const std::vector<std::string>& items, json::Allocator& a) {
  json::Value out(rapidjson::kArrayType);
  for (const std::string& item : items)
    out.PushBack(json::string(item, a), a);
  return out;
}

HttpResponse health(const HttpRequest&, AdminContext& context) {
  json::Document body(rapidjson::kObjectType);
  body.AddMember("status", "ok", body.GetAllocator());
  body.AddMember("pins", static_cast<std::uint64_t>(context.store.size()), body.GetAllocator());
  return json_answer(200, body);
}

HttpResponse reset(const HttpRequest&, AdminContext& context) {
  context.reset();
  json::Document body(rapidjson::kObjectType);
  body.AddMember("status", "reset", body.GetAllocator());
  body.AddMember("pins", static_cast<std::uint64_t>(context.store.size()), body.GetAllocator());
  return json_answer(200, body);
}

HttpResponse accounts(const HttpRequest&, AdminContext& context) {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  for (const Account& account : context.fixtures.accounts) {
    json::Value entry(rapidjson::kObjectType);
    entry.AddMember("username", json::string(account.username, a), a);
    entry.AddMember("user_id", json::string(account.user_id, a), a);
    json::Value tokens(rapidjson::kArrayType);
    for (const Token& token : account.tokens) {
      json::Value t(rapidjson::kObjectType);
      t.AddMember("token", json::string(token.token, a), a);
      t.AddMember("scopes", string_array(token.scopes, a), a);
      tokens.PushBack(std::move(t), a);
    }
    entry.AddMember("tokens", std::move(tokens), a);
    entry.AddMember("ad_accounts", string_array(account.ad_accounts, a), a);
    json::Value roles(rapidjson::kArrayType);
    for (const auto& [ad_account, role] : account.business_roles) {
      json::Value r(rapidjson::kObjectType);
      r.AddMember("ad_account_id", json::string(ad_account, a), a);
      r.AddMember("role", json::string(role, a), a);
      roles.PushBack(std::move(r), a);
    }
    entry.AddMember("business_access", std::move(roles), a);
    json::Value boards(rapidjson::kArrayType);
    for (const Board& board : context.fixtures.boards) {
      if (board.owner != account.username)
        continue;
      json::Value b(rapidjson::kObjectType);
      b.AddMember("id", json::string(board.id, a), a);
      b.AddMember("name", json::string(board.name, a), a);
      b.AddMember("privacy", json::string(to_string(board.privacy), a), a);
      json::Value sections(rapidjson::kArrayType);
      for (const Section& section : board.sections) {
        json::Value s(rapidjson::kObjectType);
        s.AddMember("id", json::string(section.id, a), a);
        s.AddMember("name", json::string(section.name, a), a);
        sections.PushBack(std::move(s), a);
      }
      b.AddMember("sections", std::move(sections), a);
      boards.PushBack(std::move(b), a);
    }
    entry.AddMember("boards", std::move(boards), a);
    list.PushBack(std::move(entry), a);
  }
  body.AddMember("accounts", std::move(list), a);
  return json_answer(200, body);
}

struct AdminRoute {
  std::string_view method;
  std::string_view path; // below /__admin
  HttpResponse (*handler)(const HttpRequest&, AdminContext&);
};

// The admin table: later admin features (faults, journal, coverage) add rows here.
constexpr std::array<AdminRoute, 3> kAdminRoutes = {{
    {"GET", "/health", health},
    {"POST", "/reset", reset},
    {"GET", "/accounts", accounts},
}};

} // namespace

HttpResponse handle_admin(const HttpRequest& request, AdminContext& context) {
  std::string_view path = std::string_view(request.path).substr(kAdminPrefix.size());
  if (path.size() > 1 && path.back() == '/')
    path.remove_suffix(1);
  bool path_known = false;
  for (const AdminRoute& route : kAdminRoutes) {
    if (route.path != path)
      continue;
    if (route.method == request.method)
      return route.handler(request, context);
    path_known = true;
  }
  if (path_known)
    return error_answer(ErrorId::MethodNotAllowed,
                        "Method " + request.method + " is not allowed on " + request.path + ".");
  return error_answer(ErrorId::RouteNotFound, "No admin route " + request.path + ".");
}

} // namespace pinsmock

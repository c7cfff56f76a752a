#include "admin/admin_handlers.hpp"

#include "admin/dashboard.hpp"
#include "admin/fault_admin.hpp"
#include "admin/world_admin.hpp"
#include "core/error_catalog.hpp"
#include "core/utf8.hpp"
#include "fixtures/fixture_items.hpp"

#include <array>
#include <optional>

namespace pinsmock {

HttpResponse json_answer(int status, const json::Value& body) {
  HttpResponse response;
  response.status = status;
  response.body = json::dump(body);
  return response;
}

namespace {

HttpResponse error_answer(ErrorId id, std::string detail = "") {
  return json_answer(error_spec(id).status, error_body(ApiError{id, std::move(detail), ""}));
}

HttpResponse health(const HttpRequest&, AdminContext& context) {
  json::Document body(rapidjson::kObjectType);
  body.AddMember("status", "ok", body.GetAllocator());
  body.AddMember("pins", static_cast<std::uint64_t>(context.store.size()), body.GetAllocator());
  return json_answer(200, body);
}

HttpResponse reset(const HttpRequest&, AdminContext& context) {
  // --fixtures is re-read first: a broken file answers 400 and the old data stays.
  if (context.world && context.world->reload)
    if (auto broken = context.world->reload())
      return error_answer(ErrorId::InvalidBody, "fixtures not reloaded: " + *broken);
  context.reset();
  json::Document body(rapidjson::kObjectType);
  body.AddMember("status", "reset", body.GetAllocator());
  body.AddMember("pins", static_cast<std::uint64_t>(context.store.size()), body.GetAllocator());
  return json_answer(200, body);
}

HttpResponse accounts(const HttpRequest&, AdminContext& context) {
  const FixtureSnapshot live = context.world ? context.world->world.fixtures.get() : nullptr;
  const FixtureSet& fixtures = live ? *live : context.fixtures;
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  for (const Account& account : fixtures.accounts) {
    json::Value entry = to_json(account, a); // the fixture form; the boards follow
    json::Value boards(rapidjson::kArrayType);
    for (const Board& board : fixtures.boards) {
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

json::Value pairs_to_json(const std::vector<std::pair<std::string, std::string>>& pairs,
                          json::Allocator& a) {
  json::Value out(rapidjson::kArrayType);
  for (const auto& [name, value] : pairs) {
    json::Value pair(rapidjson::kArrayType);
    pair.PushBack(json::string(name, a), a);
    pair.PushBack(json::string(value, a), a);
    out.PushBack(std::move(pair), a);
  }
  return out;
}

json::Value violation_to_json(const RecordedViolation& v, json::Allocator& a) {
  json::Value out(rapidjson::kObjectType);
  out.AddMember("request_id", v.request_id, a);
  out.AddMember("operation", json::string(v.operation_id, a), a);
  out.AddMember("location", json::string(v.location, a), a);
  out.AddMember("rule", json::string(v.rule, a), a);
  out.AddMember("value", json::string(v.value, a), a);
  out.AddMember("expected", json::string(v.expected, a), a);
  out.AddMember("direction", json::string(v.direction, a), a);
  return out;
}

json::Value request_to_json(const RecordedRequest& r, json::Allocator& a) {
  json::Value out(rapidjson::kObjectType);
  out.AddMember("id", r.id, a);
  out.AddMember("time", json::string(r.time, a), a);
  out.AddMember("method", json::string(r.method, a), a);
  out.AddMember("path", json::string(r.path, a), a);
  out.AddMember("query", pairs_to_json(r.query, a), a);
  out.AddMember("headers", pairs_to_json(r.headers, a), a);
  out.AddMember("body", json::string(r.body, a), a);
  out.AddMember("body_truncated", r.body_truncated, a);
  out.AddMember("query_truncated", r.query_truncated, a);
  out.AddMember("headers_truncated", r.headers_truncated, a);
  out.AddMember("operation", json::string(r.operation_id, a), a);
  out.AddMember("status", r.status, a);
  out.AddMember("error", r.error.empty() ? json::Value(rapidjson::kNullType) : json::string(r.error, a), a);
  out.AddMember("duration_us", r.duration_us, a);
  json::Value violations(rapidjson::kArrayType);
  for (const RecordedViolation& v : r.violations)
    violations.PushBack(violation_to_json(v, a), a);
  out.AddMember("violations", std::move(violations), a);
  out.AddMember("shaped_by", recorded_fault_to_json(r.shaped_by, a), a);
  json::Value warnings(rapidjson::kArrayType);
  for (const RecordedWarning& w : r.warnings)
    warnings.PushBack(violation_to_json(w, a), a);
  out.AddMember("warnings", std::move(warnings), a);
  return out;
}

std::optional<std::uint64_t> number_param(const HttpRequest& request, std::string_view name,
                                          bool& bad) {
  for (const auto& [key, value] : request.query) {
    if (key != name)
      continue;
    if (value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string::npos) {
      bad = true;
      return std::nullopt;
    }
    return std::stoull(value);
  }
  return std::nullopt;
}

HttpResponse requests(const HttpRequest& request, AdminContext& context) {
  JournalFilter filter;
  bool bad = false;
  for (const auto& [key, value] : request.query) {
    if (key == "operation")
      filter.operation_id = value;
    else if (key == "violations")
      filter.with_violations_only = value == "true";
  }
  if (auto status = number_param(request, "status", bad))
    filter.status = static_cast<int>(*status);
  filter.since_id = number_param(request, "since", bad);
  if (bad)
    return error_answer(ErrorId::InvalidParameters,
                        "Invalid parameter: 'status' and 'since' take a non-negative integer.");
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  for (const RecordedRequest& r : context.journal->entries(filter))
    list.PushBack(request_to_json(r, a), a);
  body.AddMember("requests", std::move(list), a);
  const auto first = context.journal->first_id();
  body.AddMember("first_id", first ? json::Value(*first) : json::Value(rapidjson::kNullType), a);
  return json_answer(200, body);
}

HttpResponse clear_requests(const HttpRequest&, AdminContext& context) {
  context.journal->clear();
  context.coverage->clear();
  HttpResponse response;
  response.status = 204;
  return response;
}

HttpResponse violations(const HttpRequest&, AdminContext& context) {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  for (const RecordedViolation& v : context.journal->violations())
    list.PushBack(violation_to_json(v, a), a);
  body.AddMember("violations", std::move(list), a);
  return json_answer(200, body);
}

HttpResponse warnings(const HttpRequest&, AdminContext& context) {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  for (const RecordedWarning& w : context.journal->warnings())
    list.PushBack(violation_to_json(w, a), a);
  body.AddMember("warnings", std::move(list), a);
  return json_answer(200, body);
}

HttpResponse coverage(const HttpRequest&, AdminContext& context) {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  int exercised = 0;
  const auto snapshot = context.coverage->snapshot();
  for (const OperationCoverage& op : snapshot) {
    json::Value entry(rapidjson::kObjectType);
    entry.AddMember("operation", json::string(op.operation_id, a), a);
    entry.AddMember("exercised", op.calls > 0, a);
    entry.AddMember("calls", op.calls, a);
    json::Value statuses(rapidjson::kObjectType);
    for (const auto& [status, count] : op.statuses)
      statuses.AddMember(json::string(std::to_string(status), a), json::Value(static_cast<std::uint64_t>(count)), a);
    entry.AddMember("statuses", std::move(statuses), a);
    json::Value declared(rapidjson::kArrayType);
    if (const auto it = context.declared_statuses.find(op.operation_id);
        it != context.declared_statuses.end())
      for (int status : it->second)
        declared.PushBack(status, a);
    entry.AddMember("declared_statuses", std::move(declared), a);
    json::Value parameters(rapidjson::kArrayType);
    for (const std::string& p : op.parameters)
      parameters.PushBack(json::string(p, a), a);
    entry.AddMember("parameters", std::move(parameters), a);
    json::Value errors(rapidjson::kObjectType);
    for (const auto& [name, count] : op.errors)
      errors.AddMember(json::string(name, a), json::Value(static_cast<std::uint64_t>(count)), a);
    entry.AddMember("errors", std::move(errors), a);
    json::Value forced(rapidjson::kObjectType);
    for (const auto& [status, count] : op.forced_statuses)
      forced.AddMember(json::string(std::to_string(status), a), json::Value(static_cast<std::uint64_t>(count)), a);
    entry.AddMember("forced_statuses", std::move(forced), a);
    json::Value faults(rapidjson::kObjectType);
    for (const auto& [name, count] : op.faults)
      faults.AddMember(json::string(name, a), json::Value(static_cast<std::uint64_t>(count)), a);
    entry.AddMember("faults", std::move(faults), a);
    list.PushBack(std::move(entry), a);
    exercised += op.calls > 0 ? 1 : 0;
  }
  body.AddMember("operations", std::move(list), a);
  body.AddMember("exercised", exercised, a);
  body.AddMember("total", static_cast<int>(snapshot.size()), a);
  return json_answer(200, body);
}

struct AdminRoute {
  std::string_view method;
  std::string_view path; // below /__admin
  HttpResponse (*handler)(const HttpRequest&, AdminContext&);
};

// The admin table: one row per admin endpoint (README "Admin API").
constexpr std::array<AdminRoute, 8> kAdminRoutes = {{
    {"GET", "/health", health},
    {"POST", "/reset", reset},
    {"GET", "/accounts", accounts},
    {"GET", "/requests", requests},
    {"DELETE", "/requests", clear_requests},
    {"GET", "/violations", violations},
    {"GET", "/warnings", warnings},
    {"GET", "/coverage", coverage},
}};

HttpResponse route_admin(const HttpRequest& request, AdminContext& context);

} // namespace

HttpResponse handle_admin(const HttpRequest& request, AdminContext& context) {
  HttpResponse response = route_admin(request, context);
  // Anything but a read that succeeded changed the world (or the clock): the state file saves.
  if (context.changed && request.method != "GET" && response.status < 300)
    context.changed();
  return response;
}

namespace {

HttpResponse route_admin(const HttpRequest& request, AdminContext& context) {
  std::string_view path = std::string_view(request.path).substr(kAdminPrefix.size());
  if (path.size() > 1 && path.back() == '/')
    path.remove_suffix(1);
  if (auto page = handle_dashboard(request, path))
    return *page;
  if (auto answer = handle_failure_admin(request, path, context))
    return *answer;
  if (auto answer = handle_world_admin(request, path, context))
    return *answer;
  bool path_known = false;
  for (const AdminRoute& route : kAdminRoutes) {
    if (route.path != path)
      continue;
    if (route.method == request.method)
      return route.handler(request, context);
    path_known = true;
  }
  // Shown, never echoed: the path's bytes may be anything a client percent-encoded.
  if (path_known)
    return error_answer(ErrorId::MethodNotAllowed, "Method " + utf8::excerpt(request.method) +
                                                       " is not allowed on " +
                                                       utf8::excerpt(request.path) + ".");
  return error_answer(ErrorId::RouteNotFound, "No admin route " + utf8::excerpt(request.path) + ".");
}

} // namespace

} // namespace pinsmock

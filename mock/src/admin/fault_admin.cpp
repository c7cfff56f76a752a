#include "admin/fault_admin.hpp"

#include "core/error_catalog.hpp"

namespace pinsmock {
namespace {

HttpResponse error_answer(const ApiError& error) {
  return json_answer(error_spec(error.id).status, error_body(error));
}

HttpResponse list_faults(AdminContext& context) {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  for (const FaultRule& rule : context.faults->list())
    list.PushBack(fault_rule_to_json(rule, a), a);
  body.AddMember("faults", std::move(list), a);
  return json_answer(200, body);
}

HttpResponse add_faults(const HttpRequest& request, AdminContext& context) {
  json::Document document;
  if (auto err = json::parse_into(document, request.body))
    return error_answer({ErrorId::MalformedJson,
                         "Request body is not valid JSON: " + err->message + " (at offset " +
                             std::to_string(err->offset) + ").",
                         "/"});
  auto rules = parse_fault_script(document, context.operation_ids, context.max_delay_ms);
  if (!rules)
    return error_answer(rules.error());
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value added(rapidjson::kArrayType);
  for (FaultRule& rule : *rules)
    added.PushBack(fault_rule_to_json(context.faults->add(std::move(rule)), a), a);
  if (document.IsObject() && !json::find(document, "faults")) {
    json::Value single(added[0], a);
    return json_answer(201, single);
  }
  body.AddMember("faults", std::move(added), a);
  return json_answer(201, body);
}

HttpResponse clock_state(const Clock& clock) {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  body.AddMember("now", json::string(clock.now_text(), a), a);
  body.AddMember("today", json::string(clock.today().to_string(), a), a);
  body.AddMember("mode", json::string(clock.fixed() ? "fixed" : "wall", a), a);
  return json_answer(200, body);
}

HttpResponse move_clock(const HttpRequest& request, Clock& clock) {
  json::Document document;
  if (auto err = json::parse_into(document, request.body); err || !document.IsObject())
    return error_answer({ErrorId::InvalidBody,
                         "Invalid clock request: expected an object with 'set' "
                         "(YYYY-MM-DDTHH:MM:SS) or 'advance_seconds' (whole seconds).",
                         "/"});
  const json::Value* set = json::find(document, "set");
  const json::Value* advance = json::find(document, "advance_seconds");
  if ((set != nullptr) == (advance != nullptr) || document.MemberCount() != 1)
    return error_answer({ErrorId::InvalidBody,
                         "Invalid clock request: give exactly one of 'set' and 'advance_seconds'.",
                         "/"});
  if (set) {
    const auto seconds = set->IsString() ? parse_timestamp(set->GetString()) : std::nullopt;
    if (!seconds)
      return error_answer({ErrorId::InvalidBody,
                           "Invalid clock request: 'set' must be \"YYYY-MM-DDTHH:MM:SS\" (UTC).",
                           "/set"});
    if (!clock.set(*seconds))
      return error_answer({ErrorId::InvalidBody,
                           "Invalid clock request: the clock cannot move backwards (" +
                               format_timestamp(*seconds) + " is before " + clock.now_text() + ").",
                           "/set"});
  } else {
    const bool whole = advance->IsInt64();
    if (!whole || advance->GetInt64() < 0 || advance->GetInt64() > 100LL * 366 * 86400)
      return error_answer({ErrorId::InvalidBody,
                           "Invalid clock request: 'advance_seconds' must be a whole number >= 0 "
                           "(the clock cannot move backwards).",
                           "/advance_seconds"});
    clock.advance(advance->GetInt64());
  }
  return clock_state(clock);
}

json::Value window_to_json(const RateWindow& window, json::Allocator& a) {
  json::Value out(rapidjson::kObjectType);
  out.AddMember("limit", window.limit, a);
  out.AddMember("window_seconds", window.window_seconds, a);
  return out;
}

// What the dashboard shows of the rate limits: the quotas and each token's window now.
HttpResponse rate_limit_state(const RateLimiter& limiter) {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  const RateLimitConfig& config = limiter.config();
  body.AddMember("enabled", limiter.enabled(), a);
  json::Value categories(rapidjson::kObjectType);
  for (const auto& [name, window] : config.categories)
    categories.AddMember(json::string(name, a), window_to_json(window, a), a);
  body.AddMember("categories", std::move(categories), a);
  body.AddMember("same_object_writes",
                 config.same_object_writes ? window_to_json(*config.same_object_writes, a)
                                           : json::Value(rapidjson::kNullType),
                 a);
  json::Value windows(rapidjson::kArrayType);
  for (const RateWindowState& w : limiter.windows()) {
    json::Value entry(rapidjson::kObjectType);
    entry.AddMember("token", json::string(w.token, a), a);
    entry.AddMember("category", json::string(w.decision.reason, a), a);
    entry.AddMember("limit", w.decision.limit, a);
    entry.AddMember("remaining", w.decision.remaining, a);
    entry.AddMember("reset_seconds", w.decision.reset_seconds, a);
    windows.PushBack(std::move(entry), a);
  }
  body.AddMember("windows", std::move(windows), a);
  return json_answer(200, body);
}

HttpResponse method_not_allowed(const HttpRequest& request) {
  return error_answer({ErrorId::MethodNotAllowed,
                       "Method " + request.method + " is not allowed on " + request.path + ".",
                       ""});
}

} // namespace

json::Value recorded_fault_to_json(const std::optional<RecordedFault>& fault, json::Allocator& a) {
  if (!fault)
    return json::Value(rapidjson::kNullType);
  json::Value out(rapidjson::kObjectType);
  out.AddMember("source", json::string(fault->source, a), a);
  out.AddMember("detail", json::string(fault->detail, a), a);
  if (fault->source == "rule")
    out.AddMember("rule", fault->rule_id, a);
  out.AddMember("when", json::string(fault->when, a), a);
  auto number_or_null = [&](std::int64_t value) {
    return value ? json::Value(static_cast<std::int64_t>(value))
                 : json::Value(rapidjson::kNullType);
  };
  out.AddMember("forced_status", number_or_null(fault->forced_status), a);
  out.AddMember("handler_status", number_or_null(fault->handler_status), a);
  out.AddMember(
      "fault",
      fault->fault.empty() ? json::Value(rapidjson::kNullType) : json::string(fault->fault, a), a);
  out.AddMember("delay_ms", static_cast<std::int64_t>(fault->delay_ms), a);
  out.AddMember("retry_after_seconds", number_or_null(fault->retry_after_seconds), a);
  return out;
}

Result<std::vector<FaultRule>> parse_fault_script(const json::Value& document,
                                                  const std::vector<std::string>& operation_ids,
                                                  std::int64_t max_delay_ms) {
  const json::Value* list = &document;
  std::string prefix;
  if (document.IsObject()) {
    if (const json::Value* faults = json::find(document, "faults")) {
      list = faults;
      prefix = "/faults";
    }
  }
  std::vector<FaultRule> rules;
  if (!list->IsArray()) {
    auto rule = parse_fault_rule(*list, operation_ids, max_delay_ms);
    if (!rule)
      return rule.error();
    rules.push_back(std::move(*rule));
    return rules;
  }
  rapidjson::SizeType index = 0;
  for (const auto& item : list->GetArray()) {
    auto rule = parse_fault_rule(item, operation_ids, max_delay_ms);
    if (!rule) {
      ApiError error = rule.error();
      const std::string at = prefix + "/" + std::to_string(index);
      error.pointer = at + error.pointer;
      error.detail = "Fault rule " + at + ": " + error.detail;
      return error;
    }
    rules.push_back(std::move(*rule));
    ++index;
  }
  return rules;
}

std::optional<HttpResponse> handle_failure_admin(const HttpRequest& request, std::string_view path,
                                                 AdminContext& context) {
  if (path == "/faults") {
    if (request.method == "GET")
      return list_faults(context);
    if (request.method == "POST")
      return add_faults(request, context);
    if (request.method == "DELETE") {
      context.faults->clear();
      HttpResponse response;
      response.status = 204;
      return response;
    }
    return method_not_allowed(request);
  }
  constexpr std::string_view kOne = "/faults/";
  if (path.compare(0, kOne.size(), kOne) == 0) {
    if (request.method != "DELETE")
      return method_not_allowed(request);
    const std::string_view id = path.substr(kOne.size());
    const bool number = !id.empty() && id.size() <= 18 &&
                        id.find_first_not_of("0123456789") == std::string_view::npos;
    if (!number || !context.faults->remove(std::stoull(std::string(id))))
      return error_answer(
          {ErrorId::RouteNotFound, "No fault rule with id '" + std::string(id) + "'.", ""});
    HttpResponse response;
    response.status = 204;
    return response;
  }
  if (path == "/rate-limits") {
    if (request.method == "GET")
      return rate_limit_state(*context.rate_limiter);
    return method_not_allowed(request);
  }
  if (path == "/clock") {
    if (request.method == "GET")
      return clock_state(*context.clock);
    if (request.method == "POST")
      return move_clock(request, *context.clock);
    return method_not_allowed(request);
  }
  return std::nullopt;
}

} // namespace pinsmock

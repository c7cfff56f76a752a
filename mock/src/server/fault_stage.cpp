#include "server/fault_stage.hpp"

#include "control/forced_answer.hpp"
#include "control/prefer.hpp"

#include <algorithm>
#include <cctype>

namespace pinsmock {
namespace {

std::string bearer_token(const HttpRequest& request) {
  const auto value = request.header("Authorization");
  if (!value || value->size() < 7)
    return "";
  std::string scheme = value->substr(0, 7);
  for (char& c : scheme)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme == "bearer " ? value->substr(7) : "";
}

std::vector<std::string> declared_statuses(const OperationSpec& operation) {
  std::vector<std::string> out;
  for (const auto& [status, schema] : operation.responses)
    out.push_back(status);
  return out;
}

bool drops_connection(FaultKind kind) {
  return kind == FaultKind::ConnectionReset || kind == FaultKind::EmptyResponse;
}

// A 429 carries Retry-After; when rate limits are off (a forced 429), the Standard figures.
void add_retry_after(Headers& headers, std::int64_t seconds) {
  const bool has = std::any_of(headers.begin(), headers.end(),
                               [](const auto& h) { return h.first == "Retry-After"; });
  if (!has)
    headers.emplace_back("Retry-After", std::to_string(std::max<std::int64_t>(1, seconds)));
}

// A Retry-After a rule sets itself (e.g. on a 503), for the journal and verify-client's report.
std::int64_t retry_after_of(const Headers& headers) {
  for (const auto& [name, value] : headers)
    if (name == "Retry-After" && !value.empty() && value.size() < 10 &&
        value.find_first_not_of("0123456789") == std::string::npos)
      return std::stoll(value);
  return 0;
}

void merge_headers(Headers& into, const Headers& extra) {
  for (const auto& header : extra) {
    auto same = [&](const auto& h) { return h.first == header.first; };
    into.erase(std::remove_if(into.begin(), into.end(), same), into.end());
    into.push_back(header);
  }
}

} // namespace

Headers FaultStage::rate_headers(const RateDecision& decision, const RateLimiter& limiter) {
  Headers headers;
  if (!decision.counted)
    return headers;
  const RateLimitHeaderNames& names = limiter.config().headers;
  headers.emplace_back(names.limit, std::to_string(decision.limit));
  headers.emplace_back(names.remaining, std::to_string(decision.remaining));
  headers.emplace_back(names.reset, std::to_string(decision.reset_seconds));
  return headers;
}

void FaultStage::apply(FaultPlan& plan, const FaultAction& action, std::int64_t delay_ms,
                       const OperationSpec& operation, const RateDecision& rate,
                       const RateLimiter& limiter) const {
  RecordedFault& shaped = *plan.shaped_by;
  shaped.when = action.runs_handler() ? "after" : "before";
  shaped.fault = std::string(to_string(action.fault));
  shaped.delay_ms = delay_ms;
  shaped.retry_after_seconds = retry_after_of(action.headers);
  if (action.fault == FaultKind::SlowBody) {
    plan.wire.fault = WireEffect::Fault::SlowBody;
    plan.wire.body_duration = std::chrono::milliseconds(delay_ms);
  } else {
    plan.wire.delay = std::chrono::milliseconds(delay_ms);
  }
  if (action.fault == FaultKind::ConnectionReset)
    plan.wire.fault = WireEffect::Fault::ConnectionReset;
  else if (action.fault == FaultKind::EmptyResponse)
    plan.wire.fault = WireEffect::Fault::EmptyResponse;
  else if (action.fault == FaultKind::TruncatedBody)
    plan.wire.fault = WireEffect::Fault::TruncatedBody;
  plan.malformed_body = action.fault == FaultKind::MalformedBody;

  if (action.runs_handler()) {
    plan.after = action;
    return;
  }
  if (action.status) {
    shaped.forced_status = *action.status;
    plan.answer = forced_error_response(*action.status, operation.id, action);
    if (*action.status == 429) {
      RateDecision shown = rate.counted ? rate : RateDecision{true, true, "", 100, 0, 1, 1};
      shown.remaining = 0;
      merge_headers(plan.headers, rate_headers(shown, limiter));
      add_retry_after(plan.answer->headers, shown.reset_seconds);
      shaped.retry_after_seconds = std::max<std::int64_t>(1, shown.reset_seconds);
    }
  } else if (drops_connection(action.fault) || plan.malformed_body) {
    // Nothing of the handler's is sent: a placeholder that passes the response check; the
    // connection drops it, or deliver() swaps in a 200 with non-JSON bytes.
    plan.answer = forced_error_response(503, operation.id, action);
    plan.answer->error_name.clear(); // never seen by the client: not an error it met
    plan.malformed_status_200 = plan.malformed_body;
    if (plan.malformed_body)
      shaped.forced_status = 200; // the handler did not run: this 200 is the fault's
  } else {
    merge_headers(plan.headers, action.headers); // a delay only: the real answer, late
  }
}

FaultPlan FaultStage::before(const HttpRequest& request, const ApiRequest& api,
                             const OperationSpec& operation, World& world) {
  FaultRules& rules = world.faults;
  RateLimiter& limiter = world.rate_limiter;
  FaultPlan plan;
  std::optional<std::string> prefer_header;
  if (options_.prefer)
    prefer_header = request.header("Prefer");
  if (!prefer_header && rules.empty() && !limiter.enabled())
    return plan; // the fast path: nothing configured

  std::optional<PreferRequest> prefer;
  if (prefer_header) {
    auto parsed = parse_prefer(*prefer_header, operation.id, declared_statuses(operation),
                               options_.max_delay_ms);
    if (!parsed) {
      FaultAction invalid;
      invalid.message = parsed.error().detail;
      plan.answer = forced_error_response(400, operation.id, invalid);
      plan.shaped_by = RecordedFault{"prefer", *prefer_header, 0, "before", 0, 0, "", 0, 0};
      return plan;
    }
    if (!parsed->empty())
      prefer = std::move(*parsed);
  }

  const std::string token = bearer_token(request);
  RateDecision rate;
  if (limiter.enabled()) {
    const json::Value* pin = json::find(api.params, "pin_id");
    const bool write = request.method != "GET";
    rate = limiter.consume(token, operation.rate_limit_category,
                            write && pin && pin->IsString() ? pin->GetString() : "");
    plan.headers = rate_headers(rate, limiter);
  }

  std::optional<FaultAction> action;
  std::int64_t delay_ms = 0;
  if (prefer) {
    plan.shaped_by = RecordedFault{"prefer", prefer->text, 0, "before", 0, 0, "", 0, 0};
    plan.success_status = prefer->success_status;
    action = prefer->action();
    if (action) // Prefer delays are fixed and already capped
      delay_ms = action->delay.fixed_ms;
  }
  if (rate.limited && !(action && action->status)) {
    plan.shaped_by = RecordedFault{
        "rate_limit", rate.reason, 0, "before", 0, 0, "", delay_ms, rate.retry_after_seconds};
    FaultAction none;
    plan.answer = forced_error_response(429, operation.id, none);
    add_retry_after(plan.answer->headers, rate.retry_after_seconds);
    plan.wire.delay = std::chrono::milliseconds(delay_ms);
    return plan;
  }
  if (!action && !prefer && !rules.empty()) {
    const RequestFacts facts{operation.id, request.method, request.path, token, &request.query};
    if (auto fired = rules.match(facts)) {
      plan.shaped_by = RecordedFault{"rule", fired->name, fired->rule_id, "before", 0, 0, "", 0, 0};
      action = fired->action;
      delay_ms = fired->delay_ms;
    }
  }
  if (action)
    apply(plan, *action, delay_ms, operation, rate, limiter);
  return plan;
}

Headers FaultStage::refused_headers(const HttpRequest& request, const OperationSpec& operation,
                                    const ApiError& error, const World& world) const {
  const RateLimiter& limiter = world.rate_limiter;
  if (!limiter.enabled() || error.id == ErrorId::AuthenticationFailed ||
      error.id == ErrorId::InsufficientScope)
    return {};
  return rate_headers(limiter.peek(bearer_token(request), operation.rate_limit_category),
                      limiter);
}

void FaultStage::after(FaultPlan& plan, ApiResponse& response,
                       const OperationSpec& operation) const {
  if (plan.success_status && response.status >= 200 && response.status < 300 &&
      !response.has_body() == (operation.success_status == 204))
    response.status = *plan.success_status;
  if (!plan.after)
    return;
  const FaultAction& action = *plan.after;
  plan.shaped_by->handler_status = response.status;
  if (action.status) {
    plan.shaped_by->forced_status = *action.status;
    response = forced_error_response(*action.status, operation.id, action);
    if (*action.status == 429)
      add_retry_after(response.headers, 1);
  } else {
    merge_headers(response.headers, action.headers);
  }
}

HttpResponse FaultStage::deliver_refused(const HttpRequest& request,
                                         const OperationSpec& operation, const ApiError& error,
                                         HttpResponse response, const World& world) const {
  merge_headers(response.headers, refused_headers(request, operation, error, world));
  return response;
}

int status_seen_by_client(const HttpResponse& response) {
  const bool dropped = response.wire.fault == WireEffect::Fault::ConnectionReset ||
                       response.wire.fault == WireEffect::Fault::EmptyResponse;
  return dropped ? 0 : response.status;
}

std::optional<RecordedFault> FaultStage::deliver(FaultPlan& plan, HttpResponse& response) {
  merge_headers(response.headers, plan.headers);
  if (plan.malformed_body) {
    if (plan.malformed_status_200 || response.status == 204)
      response.status = 200;
    response.body = malformed_body_bytes();
  }
  response.wire = plan.wire;
  return std::move(plan.shaped_by);
}

} // namespace pinsmock

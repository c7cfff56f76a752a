#include "control/fault_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace pinsmock {
namespace {

constexpr std::int64_t kDefaultSlowBodyMs = 1000;

constexpr std::array<std::string_view, 17> kFields = {
    "name",    "operation", "method",      "path_regex", "token",  "query",
    "after",   "times",     "probability", "when",       "status", "code",
    "message", "headers",   "delay_ms",    "delay",      "fault"};

ApiError bad(std::string_view field, const std::string& what) {
  return ApiError{ErrorId::InvalidBody, "Invalid fault rule: '" + std::string(field) + "' " + what,
                  "/" + std::string(field)};
}

std::optional<std::int64_t> whole(const json::Value& v) {
  if (v.IsInt64())
    return v.GetInt64();
  if (v.IsUint64())
    return static_cast<std::int64_t>(std::min<std::uint64_t>(v.GetUint64(), INT64_MAX));
  if (v.IsDouble() &&
      v.GetDouble() == static_cast<double>(static_cast<std::int64_t>(v.GetDouble())))
    return static_cast<std::int64_t>(v.GetDouble());
  return std::nullopt;
}

std::optional<ApiError> parse_delay(const json::Value& body, FaultAction& action,
                                    std::int64_t max_delay_ms) {
  const json::Value* fixed = json::find(body, "delay_ms");
  const json::Value* spec = json::find(body, "delay");
  if (fixed && spec)
    return bad("delay", "and 'delay_ms' cannot both be given.");
  const std::string cap = std::to_string(max_delay_ms);
  if (fixed) {
    const auto ms = whole(*fixed);
    if (!ms || *ms < 0 || *ms > max_delay_ms)
      return bad("delay_ms", "must be a whole number of milliseconds from 0 to " + cap + ".");
    action.delay.kind = DelaySpec::Kind::Fixed;
    action.delay.fixed_ms = *ms;
  }
  if (!spec)
    return std::nullopt;
  if (!spec->IsObject())
    return bad("delay", "must be an object {\"distribution\": \"uniform\" | \"lognormal\", ...}.");
  const auto distribution = json::get_string(*spec, "distribution");
  auto number = [&](const char* key) -> std::optional<double> {
    const json::Value* v = json::find(*spec, key);
    return v && v->IsNumber() ? std::optional<double>(v->GetDouble()) : std::nullopt;
  };
  if (distribution == "uniform") {
    const auto lo = number("min_ms"), hi = number("max_ms");
    if (!lo || !hi || *lo < 0 || *hi < *lo || *hi > static_cast<double>(max_delay_ms))
      return bad("delay",
                 "uniform needs 'min_ms' and 'max_ms' with 0 <= min_ms <= max_ms <= " + cap + ".");
    action.delay.kind = DelaySpec::Kind::Uniform;
    action.delay.min_ms = static_cast<std::int64_t>(*lo);
    action.delay.max_ms = static_cast<std::int64_t>(*hi);
  } else if (distribution == "lognormal") {
    const auto median = number("median_ms"), sigma = number("sigma"), hi = number("max_ms");
    if (!median || *median <= 0 || *median > static_cast<double>(max_delay_ms) || !sigma ||
        *sigma < 0 || *sigma > 10 || (hi && (*hi < 0 || *hi > static_cast<double>(max_delay_ms))))
      return bad("delay", "lognormal needs 'median_ms' (0 < median_ms <= " + cap +
                              "), 'sigma' (0..10) and optionally 'max_ms'.");
    action.delay.kind = DelaySpec::Kind::Lognormal;
    action.delay.median_ms = *median;
    action.delay.sigma = *sigma;
    action.delay.max_ms = hi ? static_cast<std::int64_t>(*hi) : 0;
  } else {
    return bad("delay", "'distribution' must be \"uniform\" or \"lognormal\".");
  }
  return std::nullopt;
}

std::optional<ApiError> parse_action(const json::Value& body, FaultAction& action,
                                     std::int64_t max_delay_ms) {
  if (const json::Value* status = json::find(body, "status")) {
    const auto s = whole(*status);
    if (!s || *s < 400 || *s > 599)
      return bad("status", "must be an error status from 400 to 599.");
    action.status = static_cast<int>(*s);
  }
  if (const json::Value* code = json::find(body, "code")) {
    const auto c = whole(*code);
    if (!c || *c < INT32_MIN || *c > INT32_MAX)
      return bad("code", "must be an integer (the Pinterest error code).");
    action.code = static_cast<int>(*c);
  }
  if (const json::Value* message = json::find(body, "message")) {
    if (!message->IsString())
      return bad("message", "must be a string.");
    action.message = std::string(message->GetString(), message->GetStringLength());
  }
  if ((action.code || !action.message.empty()) && !action.status)
    return bad(action.code ? "code" : "message", "needs a 'status' to go with it.");
  if (const json::Value* headers = json::find(body, "headers")) {
    if (!headers->IsObject())
      return bad("headers", "must be an object of header names to string values.");
    for (const auto& h : headers->GetObject()) {
      const std::string name(h.name.GetString(), h.name.GetStringLength());
      const bool token = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      });
      if (!token || !h.value.IsString())
        return bad("headers", "must map header names (letters, digits, '-') to string values.");
      const std::string value(h.value.GetString(), h.value.GetStringLength());
      if (value.find_first_of("\r\n") != std::string::npos)
        return bad("headers", "values cannot contain line breaks.");
      action.headers.emplace_back(name, value);
    }
  }
  if (auto err = parse_delay(body, action, max_delay_ms))
    return err;
  if (const json::Value* fault = json::find(body, "fault")) {
    const auto kind = fault->IsString() ? parse_fault_kind(fault->GetString()) : std::nullopt;
    if (!kind)
      return bad("fault", "must be one of " + fault_kind_names() + ".");
    action.fault = *kind;
  }
  const bool drops =
      action.fault == FaultKind::ConnectionReset || action.fault == FaultKind::EmptyResponse;
  if (drops && action.status)
    return bad("status", "cannot go with fault " + std::string(to_string(action.fault)) +
                             ": no status line is sent.");
  if (action.fault == FaultKind::SlowBody && action.delay.empty()) {
    action.delay.kind = DelaySpec::Kind::Fixed;
    action.delay.fixed_ms = kDefaultSlowBodyMs;
  }
  if (const json::Value* when = json::find(body, "when")) {
    const auto text =
        when->IsString() ? std::optional<std::string_view>(when->GetString()) : std::nullopt;
    if (text != "before" && text != "after")
      return bad("when", "must be \"before\" or \"after\".");
    action.when = *text == "after" ? When::After : When::Before;
    const bool needs_answer =
        action.fault == FaultKind::TruncatedBody || action.fault == FaultKind::SlowBody;
    if (action.when == When::Before && needs_answer && !action.status)
      return bad("when", "\"before\" needs a 'status' for " + std::string(to_string(action.fault)) +
                             " (it delivers an answer, so without one the handler must run).");
  }
  if (!action.status && action.delay.empty() && action.fault == FaultKind::None)
    return bad("status",
               "(or 'delay_ms', 'delay' or 'fault') is required: a rule must do something.");
  return std::nullopt;
}

} // namespace

Result<FaultRule> parse_fault_rule(const json::Value& body,
                                   const std::vector<std::string>& operation_ids,
                                   std::int64_t max_delay_ms) {
  if (!body.IsObject())
    return ApiError{ErrorId::InvalidBody, "Invalid fault rule: expected a JSON object.", "/"};
  for (const auto& member : body.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (std::find(kFields.begin(), kFields.end(), name) == kFields.end())
      return bad(name, "is not a fault rule field.");
  }
  FaultRule rule;
  auto text = [&](const char* key, std::optional<std::string>& out) -> std::optional<ApiError> {
    if (const json::Value* v = json::find(body, key)) {
      if (!v->IsString() || v->GetStringLength() == 0)
        return bad(key, "must be a non-empty string.");
      out = std::string(v->GetString(), v->GetStringLength());
    }
    return std::nullopt;
  };
  std::optional<std::string> operation, name;
  for (auto [key, out] :
       {std::pair{"operation", &operation}, std::pair{"name", &name},
        std::pair{"method", &rule.method}, std::pair{"path_regex", &rule.path_regex},
        std::pair{"token", &rule.token}})
    if (auto err = text(key, *out))
      return *err;
  if (!operation)
    return bad("operation", "is required: an operation id (e.g. \"pins/create\") or \"*\".");
  if (*operation != "*" &&
      std::find(operation_ids.begin(), operation_ids.end(), *operation) == operation_ids.end()) {
    std::string known;
    for (const std::string& id : operation_ids)
      known += (known.empty() ? "" : ", ") + id;
    return bad("operation",
               "'" + *operation + "' is not an operation (one of " + known + ", or *).");
  }
  rule.operation = *operation;
  rule.name = name.value_or("");
  if (rule.method)
    for (char& c : *rule.method)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (rule.path_regex) {
    try {
      rule.compiled_path = std::make_shared<const Pattern>(*rule.path_regex);
    } catch (const std::invalid_argument& e) {
      return bad("path_regex", std::string("is not a regular expression the mock reads: ") +
                                   e.what() + ".");
    }
  }
  if (const json::Value* query = json::find(body, "query")) {
    if (!query->IsObject())
      return bad("query", "must be an object of parameter names to string values.");
    for (const auto& q : query->GetObject()) {
      if (!q.value.IsString())
        return bad("query", "values must be strings ('" + std::string(q.name.GetString()) + "').");
      rule.query.emplace_back(q.name.GetString(), q.value.GetString());
    }
  }
  if (const json::Value* after = json::find(body, "after")) {
    const auto n = whole(*after);
    if (!n || *n < 0)
      return bad("after", "must be a whole number >= 0.");
    rule.after = static_cast<std::uint64_t>(*n);
  }
  if (const json::Value* times = json::find(body, "times")) {
    const auto n = whole(*times);
    if (!n || *n < 1)
      return bad("times", "must be a whole number >= 1 (leave it out for always).");
    rule.times = static_cast<std::uint64_t>(*n);
  }
  if (const json::Value* probability = json::find(body, "probability")) {
    if (!probability->IsNumber() || probability->GetDouble() < 0 || probability->GetDouble() > 1)
      return bad("probability", "must be a number from 0 to 1.");
    rule.probability = probability->GetDouble();
  }
  if (auto err = parse_action(body, rule.action, max_delay_ms))
    return *err;
  return rule;
}

json::Value fault_rule_to_json(const FaultRule& rule, json::Allocator& a) {
  json::Value out(rapidjson::kObjectType);
  out.AddMember("id", rule.id, a);
  if (!rule.name.empty())
    out.AddMember("name", json::string(rule.name, a), a);
  out.AddMember("operation", json::string(rule.operation, a), a);
  if (rule.method)
    out.AddMember("method", json::string(*rule.method, a), a);
  if (rule.path_regex)
    out.AddMember("path_regex", json::string(*rule.path_regex, a), a);
  if (rule.token)
    out.AddMember("token", json::string(*rule.token, a), a);
  if (!rule.query.empty()) {
    json::Value query(rapidjson::kObjectType);
    for (const auto& [key, value] : rule.query)
      query.AddMember(json::string(key, a), json::string(value, a), a);
    out.AddMember("query", std::move(query), a);
  }
  out.AddMember("after", rule.after, a);
  out.AddMember("times", rule.times ? json::Value(*rule.times) : json::Value(rapidjson::kNullType),
                a);
  out.AddMember("probability", rule.probability, a);
  const FaultAction& action = rule.action;
  // truncated_body and slow_body without a status deliver the real answer: the handler runs.
  out.AddMember("when", json::string(action.runs_handler() ? "after" : "before", a), a);
  if (action.status)
    out.AddMember("status", *action.status, a);
  if (action.code)
    out.AddMember("code", *action.code, a);
  if (!action.message.empty())
    out.AddMember("message", json::string(action.message, a), a);
  if (!action.headers.empty()) {
    json::Value headers(rapidjson::kObjectType);
    for (const auto& [key, value] : action.headers)
      headers.AddMember(json::string(key, a), json::string(value, a), a);
    out.AddMember("headers", std::move(headers), a);
  }
  if (action.delay.kind == DelaySpec::Kind::Fixed)
    out.AddMember("delay_ms", action.delay.to_json(a), a);
  else if (!action.delay.empty())
    out.AddMember("delay", action.delay.to_json(a), a);
  if (action.fault != FaultKind::None)
    out.AddMember("fault", json::string(to_string(action.fault), a), a);
  out.AddMember("matched", rule.matched, a);
  out.AddMember("fired", rule.fired, a);
  out.AddMember("remaining",
                rule.times ? json::Value(*rule.times - std::min(*rule.times, rule.fired))
                           : json::Value(rapidjson::kNullType),
                a);
  return out;
}

FaultRule FaultRules::add(FaultRule rule) {
  std::lock_guard lock(mutex_);
  rule.id = next_id_++;
  rule.matched = rule.fired = 0;
  // One generator per rule, from the seed and the rule's id: another rule's traffic does not
  // change this one's draws, so a run reproduces.
  std::mt19937_64 random(seed_ ^ (0x9E3779B97F4A7C15ull * rule.id));
  entries_.push_back(Entry{rule, random});
  count_.store(entries_.size(), std::memory_order_relaxed);
  return rule;
}

bool FaultRules::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  const auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& e) { return e.rule.id == id; });
  if (it == entries_.end())
    return false;
  entries_.erase(it);
  count_.store(entries_.size(), std::memory_order_relaxed);
  return true;
}

void FaultRules::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  next_id_ = 1;
  count_.store(0, std::memory_order_relaxed);
}

std::vector<FaultRule> FaultRules::list() const {
  std::lock_guard lock(mutex_);
  std::vector<FaultRule> out;
  for (const Entry& e : entries_)
    out.push_back(e.rule);
  return out;
}

namespace {

bool conditions_hold(const FaultRule& rule, const RequestFacts& facts) {
  if (rule.operation != "*" && rule.operation != facts.operation_id)
    return false;
  if (rule.method && *rule.method != facts.method)
    return false;
  if (rule.token && *rule.token != facts.token)
    return false;
  for (const auto& [key, value] : rule.query) {
    const bool present =
        facts.query && std::any_of(facts.query->begin(), facts.query->end(),
                                   // Named captures: C++17 lambdas cannot capture structured
                                   // bindings (g++ allows it, clang, which builds the fuzzers, not).
                                   [&name = key, &wanted = value](const auto& q) {
                                     return q.first == name && q.second == wanted;
                                   });
    if (!present)
      return false;
  }
  return !rule.compiled_path || rule.compiled_path->matches(facts.path);
}

} // namespace

std::optional<FiredRule> FaultRules::match(const RequestFacts& facts) {
  std::lock_guard lock(mutex_);
  for (Entry& entry : entries_) {
    FaultRule& rule = entry.rule;
    if (!conditions_hold(rule, facts))
      continue;
    ++rule.matched;
    if (rule.matched <= rule.after || (rule.times && rule.fired >= *rule.times))
      continue;
    if (rule.probability < 1.0 &&
        !(std::uniform_real_distribution<double>(0.0, 1.0)(entry.random) < rule.probability))
      continue;
    ++rule.fired;
    return FiredRule{rule.id, rule.name, rule.action,
                     rule.action.delay.sample(entry.random, max_delay_ms_)};
  }
  return std::nullopt;
}

} // namespace pinsmock

#include "fault_report.hpp"

#include <cstdio>
#include <ctime>

namespace pinsmock::test {
namespace {

// "2026-11-28T19:40:01.123Z" (the journal's wall-clock time) in milliseconds since the epoch.
std::int64_t journal_ms(const std::string& time) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(time.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) != 7)
    return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + ms;
}

std::string text(const json::Value& object, const char* key) {
  const auto value = json::get_string(object, key);
  return value ? std::string(*value) : "";
}

std::int64_t number(const json::Value& object, const char* key) {
  const json::Value* value = json::find(object, key);
  return value && value->IsInt64() ? value->GetInt64() : 0;
}

bool creates_a_pin(const std::string& operation) {
  return operation == "pins/create" || operation == "pins/save";
}

// Whether this journaled answer was a failure the mock injected (a forced status, a broken
// delivery, a rate limit, or a delay).
bool injected(const json::Value& shaped) {
  return number(shaped, "forced_status") != 0 || !text(shaped, "fault").empty() ||
         text(shaped, "source") == "rate_limit" || number(shaped, "delay_ms") > 0;
}

std::string describe(const json::Value& entry, const json::Value& shaped) {
  const std::string source = text(shaped, "source");
  std::string what;
  if (!text(shaped, "fault").empty())
    what = text(shaped, "fault");
  if (number(shaped, "forced_status") != 0)
    what += (what.empty() ? "" : " ") + std::to_string(number(shaped, "forced_status"));
  else if (source == "rate_limit")
    what += (what.empty() ? "" : " ") + std::to_string(number(entry, "status")) + " rate limit";
  if (number(shaped, "delay_ms") > 0)
    what += (what.empty() ? "" : " ") + std::string("after ") +
            std::to_string(number(shaped, "delay_ms")) + " ms";
  std::string by = source == "rule"     ? "rule " + std::to_string(number(shaped, "rule"))
                   : source == "prefer" ? "Prefer " + text(shaped, "detail")
                                        : text(shaped, "detail");
  if (source == "rule" && !text(shaped, "detail").empty())
    by += " '" + text(shaped, "detail") + "'";
  std::string when = text(shaped, "when");
  if (when == "after" && number(shaped, "handler_status") != 0)
    when += ": the handler had answered " + std::to_string(number(shaped, "handler_status"));
  return what + " (" + by + ", " + when + ")";
}

} // namespace

std::vector<FaultOutcome> analyse_faults(const json::Value& requests) {
  std::vector<FaultOutcome> outcomes;
  if (!requests.IsArray())
    return outcomes;
  const auto list = requests.GetArray();
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const json::Value& entry = list[i];
    const json::Value* shaped = json::find(entry, "shaped_by");
    if (!shaped || !shaped->IsObject() || !injected(*shaped))
      continue;
    FaultOutcome o;
    o.request_id = static_cast<std::uint64_t>(number(entry, "id"));
    o.operation = text(entry, "operation");
    o.request = text(entry, "method") + " " + text(entry, "path");
    o.injected = describe(entry, *shaped);
    o.retry_after_seconds = number(*shaped, "retry_after_seconds");
    if (i + 1 == list.Size()) {
      o.next = "stopped";
      outcomes.push_back(std::move(o));
      continue;
    }
    const json::Value& next = list[i + 1];
    o.next_request = text(next, "method") + " " + text(next, "path");
    const std::int64_t answered = journal_ms(text(entry, "time")) +
                                  number(entry, "duration_us") / 1000 + number(*shaped, "delay_ms");
    o.waited_ms = std::max<std::int64_t>(0, journal_ms(text(next, "time")) - answered);
    const bool same = o.next_request == o.request && text(next, "operation") == o.operation;
    o.next = same ? "retried" : "went on";
    if (same && o.retry_after_seconds > 0)
      // The journal keeps milliseconds; allow for the rounding of two readings.
      o.waited_retry_after = o.waited_ms + 2 >= o.retry_after_seconds * 1000;
    o.duplicate = same && creates_a_pin(o.operation) && text(*shaped, "when") == "after" &&
                  number(*shaped, "handler_status") >= 200 &&
                  number(*shaped, "handler_status") < 300 &&
                  text(next, "body") == text(entry, "body");
    outcomes.push_back(std::move(o));
  }
  return outcomes;
}

void print_fault_report(std::ostream& out, const std::vector<FaultOutcome>& outcomes) {
  out << "  injected failures: " << outcomes.size() << "\n";
  for (const FaultOutcome& o : outcomes) {
    out << "    #" << o.request_id << " " << o.request << " [" << o.operation << "]: " << o.injected
        << "\n      -> ";
    if (o.next == "stopped") {
      out << "stopped (no further request)\n";
      continue;
    }
    if (o.next == "retried")
      out << "retried the same operation after " << o.waited_ms << " ms";
    else
      out << "went on with " << o.next_request << " after " << o.waited_ms << " ms";
    if (o.waited_retry_after)
      out << (*o.waited_retry_after ? " (waited at least Retry-After: "
                                    : " (did NOT wait Retry-After: ")
          << o.retry_after_seconds << " s)";
    out << "\n";
    if (o.duplicate)
      out << "      !! duplicate pin: the first " << o.operation
          << " had succeeded before the failure, and the client sent it again\n";
  }
}

json::Value fault_report_to_json(const std::vector<FaultOutcome>& outcomes, json::Allocator& a) {
  json::Value list(rapidjson::kArrayType);
  for (const FaultOutcome& o : outcomes) {
    json::Value entry(rapidjson::kObjectType);
    entry.AddMember("request_id", o.request_id, a);
    entry.AddMember("operation", json::string(o.operation, a), a);
    entry.AddMember("request", json::string(o.request, a), a);
    entry.AddMember("injected", json::string(o.injected, a), a);
    entry.AddMember("next", json::string(o.next, a), a);
    entry.AddMember("next_request",
                    o.next_request.empty() ? json::Value(rapidjson::kNullType)
                                           : json::string(o.next_request, a),
                    a);
    entry.AddMember("waited_ms",
                    o.waited_ms < 0 ? json::Value(rapidjson::kNullType)
                                    : json::Value(static_cast<std::int64_t>(o.waited_ms)),
                    a);
    entry.AddMember("retry_after_seconds", static_cast<std::int64_t>(o.retry_after_seconds), a);
    entry.AddMember("waited_retry_after",
                    o.waited_retry_after ? json::Value(*o.waited_retry_after)
                                         : json::Value(rapidjson::kNullType),
                    a);
    entry.AddMember("duplicate", o.duplicate, a);
    list.PushBack(std::move(entry), a);
  }
  return list;
}

} // namespace pinsmock::test

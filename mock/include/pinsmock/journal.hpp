#pragma once
// What the mock remembers about the requests it served: the journal, the contract violations of
// incoming requests, and per-operation coverage. Plain data, copied out on request.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pinsmock {

/// One way a request broke its contract.
struct RecordedViolation {
  std::uint64_t request_id = 0;
  std::string operation_id; // "" when no operation matched (an unknown route)
  std::string location;     // "query page_size", "path pin_id", "body /title", "header Authorization", "route"
  std::string rule;         // what was broken, in words
  std::string value;        // the offending value (JSON text, capped), "" when absent
  // Default-initialised so that positional initialisers written before it existed still compile.
  std::string expected{};   // what the contract expects there: "string, at most 100 characters",
                            // "one of REGULAR, VIDEO, ...", "a bearer token with pins:write"
  std::string direction = "request"; // "response" when the answer (proxy mode: upstream) is wrong
};

/// What shaped an answer on purpose (failure simulation): a Prefer token, a fault rule, or a
/// rate limit. Absent for a natural answer.
struct RecordedFault {
  std::string source;          // "prefer", "rule" or "rate_limit"
  std::string detail;          // the Prefer tokens, the rule's name, or the rate-limit category
  std::uint64_t rule_id = 0;   // for "rule"
  std::string when;            // "before" (no state changed) or "after" (the handler ran)
  int forced_status = 0;       // the status forced on the answer, 0 for none
  int handler_status = 0;      // "after": what the handler had answered before it was replaced
  std::string fault;           // "connection_reset", "truncated_body", …; "" for none
  std::int64_t delay_ms = 0;   // before the answer (slow_body: how long the body took)
  std::int64_t retry_after_seconds = 0; // a 429's Retry-After
};
/// Something a request did that the live API tolerates but that is likely a client bug (an
/// unknown body field, which live ignores): same shape as a violation, never a failure.
using RecordedWarning = RecordedViolation;

/// One served request (admin requests are not recorded). Every string is well-formed UTF-8:
/// ill-formed bytes are recorded as U+FFFD, and caps cut on character boundaries.
struct RecordedRequest {
  std::uint64_t id = 0;   // increasing from 1
  std::string time;       // UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ" (wall clock)
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;   // capped; see query_truncated
  std::vector<std::pair<std::string, std::string>> headers; // Authorization value redacted; capped
  std::string body;       // capped; see body_truncated
  bool body_truncated = false;
  bool query_truncated = false;   // a value was cut or pairs were dropped (journal limits)
  bool headers_truncated = false; // a value was cut or headers were dropped (journal limits)
  std::string operation_id;
  int status = 0;
  std::string error;      // the error catalog name when the answer was an error
  std::int64_t duration_us = 0;
  std::vector<RecordedViolation> violations;
  std::optional<RecordedFault> shaped_by; // failure simulation; status 0 = no answer was sent
  std::vector<RecordedWarning> warnings;
};

/// What the requests so far exercised of one operation.
struct OperationCoverage {
  std::string operation_id;
  std::uint64_t calls = 0;
  std::map<int, std::uint64_t> statuses;
  std::set<std::string> parameters;             // query and path parameter names sent
  std::map<std::string, std::uint64_t> errors;  // error catalog name -> count
  std::map<int, std::uint64_t> forced_statuses; // statuses forced by Prefer or a rule (not in `statuses`)
  std::map<std::string, std::uint64_t> faults;  // injected faults by name ("connection_reset")
};

} // namespace pinsmock

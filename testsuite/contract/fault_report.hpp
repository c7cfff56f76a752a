#pragma once
// verify-client --faults: for each failure the mock injected, what the client did next, read from
// the mock's journal (retried the same operation after N ms, and whether it waited Retry-After;
// went on with something else; stopped). A non-idempotent write re-sent after an "after" fault
// is a duplicate.

#include "pinsmock/json.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace pinsmock::test {

struct FaultOutcome {
  std::uint64_t request_id = 0;
  std::string operation;
  std::string request;         // "POST /v5/pins"
  std::string injected;        // "503 (rule 2, after: the handler answered 201)"
  std::string next;            // "retried", "went on", "stopped"
  std::string next_request;    // what came next, when anything did
  std::int64_t waited_ms = -1; // from the end of the failed answer to the next request
  std::int64_t retry_after_seconds = 0;
  std::optional<bool> waited_retry_after; // for a 429 (or a Retry-After header) that was retried
  bool duplicate = false;                 // re-sent a create/save whose first attempt had succeeded
};

/// The outcomes, in journal order, from GET /__admin/requests' "requests" array.
std::vector<FaultOutcome> analyse_faults(const json::Value& requests);

void print_fault_report(std::ostream& out, const std::vector<FaultOutcome>& outcomes);

json::Value fault_report_to_json(const std::vector<FaultOutcome>& outcomes, json::Allocator& a);

} // namespace pinsmock::test

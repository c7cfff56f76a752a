#pragma once
// What the mock remembers about the requests it served: the journal, the contract violations of
// incoming requests, and per-operation coverage. Plain data, copied out on request.

#include <cstdint>
#include <map>
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
};

/// One served request (admin requests are not recorded).
struct RecordedRequest {
  std::uint64_t id = 0;   // increasing from 1
  std::string time;       // UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ" (wall clock)
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::pair<std::string, std::string>> headers; // Authorization value redacted
  std::string body;       // capped; see body_truncated
  bool body_truncated = false;
  std::string operation_id;
  int status = 0;
  std::string error;      // the error catalog name when the answer was an error
  std::int64_t duration_us = 0;
  std::vector<RecordedViolation> violations;
};

/// What the requests so far exercised of one operation.
struct OperationCoverage {
  std::string operation_id;
  std::uint64_t calls = 0;
  std::map<int, std::uint64_t> statuses;
  std::set<std::string> parameters;             // query and path parameter names sent
  std::map<std::string, std::uint64_t> errors;  // error catalog name -> count
};

} // namespace pinsmock

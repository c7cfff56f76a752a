#pragma once
// The X-Pinsmock-Violations header on an answer to a request that broke its contract: the client
// (or whoever reads its logs) learns what it broke, not only the live-shaped error body.

#include "core/api_types.hpp"
#include "pinsmock/journal.hpp"

#include <string>
#include <vector>

namespace pinsmock {

/// Longest X-Pinsmock-Violations value (the journal keeps the whole record).
inline constexpr std::size_t kViolationHeaderLimit = 1024;

/// Adds "X-Pinsmock-Violations: request <location>: <rule> (value: ...)" for the first violation
/// (one line of ASCII, capped); nothing when there is none or the answer already has the header
/// (proxy mode summarizes both directions itself).
void add_violation_header(HttpResponse& response, const std::vector<RecordedViolation>& violations);

} // namespace pinsmock

#pragma once
// The failure-simulation part of /__admin: fault rules (/faults), rate-limit state
// (/rate-limits) and the clock (/clock).
// HTTP-free, like the rest of admin/.

#include "admin/admin_handlers.hpp"

#include <optional>
#include <string_view>

namespace pinsmock {

/// Answers `path` (below /__admin) when it is /faults, /faults/{id}, /rate-limits or /clock;
/// nullopt otherwise.
std::optional<HttpResponse> handle_failure_admin(const HttpRequest& request, std::string_view path,
                                                 AdminContext& context);

/// What shaped a journaled answer, as /__admin/requests shows it (null for a natural answer).
json::Value recorded_fault_to_json(const std::optional<RecordedFault>& fault, json::Allocator& a);

/// Parses one rule, or an array of rules, or {"faults": [...]} (a fault script). Errors point
/// into the document ("/1/probability").
Result<std::vector<FaultRule>> parse_fault_script(const json::Value& document,
                                                  const std::vector<std::string>& operation_ids,
                                                  std::int64_t max_delay_ms);

} // namespace pinsmock

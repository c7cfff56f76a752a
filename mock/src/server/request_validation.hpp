#pragma once
// The validate stage of the pipeline (DESIGN B4): path and query parameters, then the body,
// against the operation's contracts. Text is checked for well-formed UTF-8 (and U+0000) before
// anything else reads it, so nothing ill-formed is coerced, validated, stored or echoed.

#include "contract/manifest.hpp"
#include "core/api_types.hpp"
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/result.hpp"
#include "server/router.hpp"

#include <functional>
#include <string>

namespace pinsmock {

/// Records one way the request broke its contract: where ("query page_size", "body /title"),
/// the rule in words, the offending value (capped, well-formed; "" when absent) and what the
/// contract expects there (type, bound, pattern or enum; "" when nothing more can be said).
using ViolationSink = std::function<void(std::string location, std::string rule,
                                         std::string value, std::string expected)>;

/// The operation's path and query parameters, typed and checked against its params schema; or
/// the 400 naming the first bad parameter. Every problem found is also sent to `record`.
Result<json::Document> validate_parameters(const ContractRegistry& contracts,
                                           const OperationSpec& operation,
                                           const HttpRequest& request, const RouteMatch& route,
                                           const ViolationSink& record);

/// The request body parsed (depth and text limits of json::parse_into) and checked against the
/// operation's body schema; or the 400 naming the field. Call only when the operation has one.
Result<json::Document> validate_body(const ContractRegistry& contracts,
                                     const OperationSpec& operation, const std::string& body,
                                     const ViolationSink& record);

} // namespace pinsmock

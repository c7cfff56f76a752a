#pragma once
// The answers a fault forces: an operation's error body for a status (from the catalog), and
// bytes that are not JSON.

#include "control/fault_action.hpp"
#include "core/api_types.hpp"

#include <string>
#include <string_view>

namespace pinsmock {

/// `status` with the operation's error from the catalog (401 code 2, 403 code 29, 404 code 50
/// for a pin or 40 for create's board, 429 code 8, 503 code 503); any other status (500 too, so
/// it is not mistaken for a bug of the mock) gets the generic simulated_failure body with the
/// status as code. `code`/`message` of the action replace the
/// body's.
ApiResponse forced_error_response(int status, std::string_view operation_id,
                                  const FaultAction& action);

/// A 200-looking body that is not JSON (malformed_body): what a broken proxy or a cut-off
/// upstream hands a client.
std::string malformed_body_bytes();

} // namespace pinsmock

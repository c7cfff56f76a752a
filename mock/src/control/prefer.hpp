#pragma once
// The Prefer request header (Prism's convention): `code=503`, `delay=200`, `fault=NAME`, combined
// with commas. Parsed against the operation's declared statuses; knows no HTTP library.

#include "control/fault_action.hpp"
#include "pinsmock/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pinsmock {

struct PreferRequest {
  std::optional<int> forced_status; // code=4xx/5xx
  std::optional<int>
      success_status; // code=2xx with a declared number: the normal answer, that status
  std::optional<std::int64_t> delay_ms; // capped at the server's maximum
  FaultKind fault = FaultKind::None;
  std::string text; // the recognised tokens, normalised ("code=503, delay=200")

  bool empty() const { return text.empty(); }
  /// What the fault stage does for these tokens (none when only `code=2xx` was asked).
  std::optional<FaultAction> action() const;
};

/// Parses a Prefer header for `operation_id`, whose contract declares `declared` statuses
/// ("200", "404", "default"). Unknown preferences are ignored (RFC 7240); a bad value of a known
/// one, or a status the contract does not declare, is an error naming what is allowed.
Result<PreferRequest> parse_prefer(std::string_view header, std::string_view operation_id,
                                   const std::vector<std::string>& declared,
                                   std::int64_t max_delay_ms);

} // namespace pinsmock

#pragma once
// The single place where an ErrorId becomes an HTTP status, a Pinterest code and a message.

#include "core/api_types.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/result.hpp"

#include <string_view>
#include <vector>

namespace pinsmock {

struct ErrorSpec {
  ErrorId id;
  std::string_view name;    // stable identifier used by the admin API (fault injection) and docs
  int status;
  int code;
  std::string_view message; // the text served when the ApiError carries no detail
  std::string_view source;  // where the numbers come from (API-NOTES.md section or "chosen")
};

/// The whole catalog, in a stable order (README's error table is checked against it).
const std::vector<ErrorSpec>& error_catalog();

/// The catalog entry of an id.
const ErrorSpec& error_spec(ErrorId id);

/// The entry whose name matches, if any.
const ErrorSpec* find_error_spec(std::string_view name);

/// The message served for an error: its detail, or the catalog message.
std::string error_message(const ApiError& error);

/// Pinterest's error body {"code": int, "message": str}.
json::Document error_body(const ApiError& error);

/// An error answer as the wire sees it.
HttpResponse error_http_response(const ApiError& error);

} // namespace pinsmock

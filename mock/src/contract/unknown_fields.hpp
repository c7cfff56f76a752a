#pragma once
// Body fields the contract does not declare. Live ignores them and answers as if they were not
// there, so the mock does too; but a misspelt field ("titel") is almost always a client bug that
// would otherwise go unnoticed, so each becomes a warning with the nearest declared name.

#include "pinsmock/contract_registry.hpp"
#include "pinsmock/journal.hpp"
#include "pinsmock/json.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pinsmock {

struct UnknownField {
  std::string pointer;  // "/titel", "/media_source/ulr"
  std::string value;    // the member's value (JSON text, capped)
  std::string message;  // "unknown field 'titel' (did you mean 'title'?)"
  std::string expected; // "one of the declared fields: alt_text, board_id, ..."
};

/// Every member of `body` (objects at any depth) that the schema at `schema_path` does not
/// declare, where the schema declares properties; empty when all are known.
std::vector<UnknownField> unknown_fields(const ContractRegistry &contracts,
                                         std::string_view schema_path, const json::Value &body);

/// The unknown fields of a request body as journal warnings ("body /titel").
std::vector<RecordedWarning> body_warnings(const ContractRegistry &contracts,
                                           const std::string &operation_id,
                                           std::string_view schema_path, const json::Value &body);

/// The declared name closest to `name` (edit distance at most 2, or 1 for names of up to 4
/// characters, case ignored); "" when none is that close.
std::string nearest_name(std::string_view name, const std::vector<std::string> &declared);

} // namespace pinsmock

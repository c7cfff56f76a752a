#pragma once
// Query strings carry text; the params schemas describe typed values. This turns the former into
// the latter so one schema check covers types, enums and bounds.

#include "core/api_types.hpp"
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/json.hpp"
#include "pinsmock/result.hpp"

namespace pinsmock {

/// Builds the parameter object of an operation from its path parameters and query pairs, typed by
/// `params_schema` (integer, boolean, array, string), with the schema's defaults for absent
/// optional parameters. Arrays accept both comma-joined values and repeated keys. Empty values
/// count as absent. Unknown parameters are ignored, as the live API does. Fails with
/// InvalidParameters naming the parameter when a value cannot have the declared type. Enum values
/// match in any case; with `contracts`, also enums behind a "$ref" (creative_types' items).
Result<json::Document> coerce_params(const json::Value& params_schema, const Headers& path_params,
                                     const Headers& query,
                                     const ContractRegistry* contracts = nullptr);

} // namespace pinsmock

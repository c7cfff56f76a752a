#pragma once
// `pins-contract spec-diff OPENAPI.json`: every difference between contracts/ and an official
// Pinterest OpenAPI document for the Pins operations, so a maintainer sees what a release changed.

#include "pinsmock/contract_registry.hpp"

#include <map>
#include <set>
#include <string>

namespace pinsmock::test {

/// Normalized facts ("pins/create request /title: maxLength" -> {"100"}) of one side.
using Facts = std::map<std::string, std::set<std::string>>;

/// The facts of the contracts (operations, parameters, bodies, responses).
Facts contract_facts(const ContractRegistry& contracts);

/// The facts of an OpenAPI 3.0 document for the operations whose path starts with /pins.
Facts openapi_facts(const json::Value& openapi);

/// One line per differing fact: "<fact>: contracts {..} | openapi {..}".
std::vector<std::string> diff_facts(const Facts& contracts, const Facts& openapi);

/// The CLI: prints differences, marks the deliberate ones (overrides/live.json `spec_diff`), and
/// returns 0 when every difference is deliberate, 1 otherwise, 2 on a usage or file error.
int run_spec_diff(int argc, char** argv);

} // namespace pinsmock::test

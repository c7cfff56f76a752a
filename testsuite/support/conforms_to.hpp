#pragma once
// REQUIRE_THAT(result, ConformsTo("pins/get")): the response's status picks the schema from the
// manifest (as the mock does), and every violation is listed on failure.

#include "pinsmock/contract_registry.hpp"
#include "support/api_result.hpp"

namespace pinsmock::test {

/// The contracts, loaded once per process from the built-in copy. Formats are tolerant (live
/// `created_at` has no offset) unless use_strict_contracts(true) was called before first use.
const ContractRegistry& contracts();
void use_strict_contracts(bool strict);

/// The violations of a response for an operation ("" pointer = a status or body problem).
std::vector<Violation> response_violations(const std::string& operation_id, const ApiResult& result);

class ConformsTo : public Catch::MatcherBase<ApiResult> {
public:
  explicit ConformsTo(std::string operation_id) : operation_id_(std::move(operation_id)) {}
  bool match(const ApiResult& result) const override;
  std::string describe() const override;

private:
  std::string operation_id_;
  mutable std::vector<Violation> violations_;
};

} // namespace pinsmock::test

#pragma once
// Stage 6 of the pipeline (DESIGN B4): does an answer conform to its operation's contract? A
// document is validated whole. Stored pins were validated once, when written (B13 "Bytes at
// rest"), so an answer assembled from them only has what surrounds them checked: nothing for a
// single Pin, the envelope for a page. Whatever was never checked (spliced pin_metrics,
// analytics bytes) is validated whole, so Report and Enforce still guarantee that every answer
// conforms; a VerdictCache lets an answer of an already checked shape reuse that verdict (see
// verdict_cache.hpp for why that is the same verdict).

#include "api/services.hpp"
#include "contract/manifest.hpp"
#include "core/api_types.hpp"
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/mock_server.hpp"
#include "server/verdict_cache.hpp"

#include <vector>

namespace pinsmock {

/// The violations of `response` against `operation`'s contract for its status. Bodies rendered
/// as bytes and validated whole go through `verdicts` when given.
std::vector<Violation> check_response(const ContractRegistry& contracts,
                                      const OperationSpec& operation,
                                      const ApiResponse& response,
                                      VerdictCache* verdicts = nullptr);

/// The body's bytes (empty when there is none), taken out of the response.
std::string take_body(ApiResponse& response);

/// The write-time check of a Pin against components/pin.json for `mode` (unset when Off).
PinCheck pin_check(const ContractRegistry& contracts, ValidationMode mode);

} // namespace pinsmock

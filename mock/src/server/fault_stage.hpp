#pragma once
// Stage 4 of the pipeline (DESIGN B4/B13): faults and rate limits. Between validation and the
// handler it decides, from the Prefer header, the fault rules and the rate limits, whether the
// handler runs, what replaces its answer, and how the answer is delivered (WireEffect). With
// nothing configured it costs a header lookup and two loads.

#include "contract/manifest.hpp"
#include "control/fault_rules.hpp"
#include "control/rate_limiter.hpp"
#include "core/api_types.hpp"
#include "pinsmock/journal.hpp"
#include "server/world.hpp"

#include <cstdint>
#include <optional>

namespace pinsmock {

struct FaultStageOptions {
  bool prefer = true;                // honour the Prefer header (--no-prefer turns it off)
  std::int64_t max_delay_ms = 60000; // the longest delay any fault may add
};

/// The stage's decision for one request, carried through the rest of the pipeline.
struct FaultPlan {
  std::optional<ApiResponse> answer; // answer this now: the handler does not run
  std::optional<FaultAction> after;  // the handler ran; this replaces its answer
  std::optional<int> success_status; // Prefer code=2xx: the normal answer with this status
  bool malformed_body = false;
  bool malformed_status_200 = false; // malformed_body before the handler: 200 with the bytes
  WireEffect wire;
  Headers headers; // rate-limit headers of this answer
  std::optional<RecordedFault> shaped_by;
};

class FaultStage {
public:
  /// The rules and rate-limit counters are the world's (one per session); the stage decides.
  explicit FaultStage(FaultStageOptions options) : options_(options) {}

  const FaultStageOptions& options() const { return options_; }

  /// Before the handler: Prefer, then rate limits, then the first fault rule that acts.
  FaultPlan before(const HttpRequest& request, const ApiRequest& api,
                   const OperationSpec& operation, World& world);
  /// The rate-limit headers of an answer refused before this stage (validation, access); none
  /// when authentication failed, as live sends none on its 401 (API-NOTES.md section 1).
  Headers refused_headers(const HttpRequest& request, const OperationSpec& operation,
                          const ApiError& error, const World& world) const;
  /// After the handler: an "after" fault replaces its answer; Prefer code=2xx sets the status.
  void after(FaultPlan& plan, ApiResponse& response, const OperationSpec& operation) const;
  /// After the response check: headers, non-JSON bytes and the wire effect. Returns what
  /// shaped the answer, for the journal.
  static std::optional<RecordedFault> deliver(FaultPlan& plan, HttpResponse& response);
  /// The answer to a request refused before this stage, with its rate-limit headers.
  HttpResponse deliver_refused(const HttpRequest& request, const OperationSpec& operation,
                               const ApiError& error, HttpResponse response,
                               const World& world) const;

private:
  void apply(FaultPlan& plan, const FaultAction& action, std::int64_t delay_ms,
             const OperationSpec& operation, const RateDecision& rate,
             const RateLimiter& limiter) const;
  static Headers rate_headers(const RateDecision& decision, const RateLimiter& limiter);

  FaultStageOptions options_;
};

/// The status a client saw: 0 when the connection was reset or closed without an answer.
int status_seen_by_client(const HttpResponse& response);

} // namespace pinsmock

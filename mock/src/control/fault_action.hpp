#pragma once
// What a fault does to one answer, whoever asked for it (a Prefer header, a rule): force a
// status, delay, break the delivery. Shared by control/prefer and control/fault_rules.

#include "core/api_types.hpp"

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace pinsmock {

/// How an answer is delivered badly (issue 9; README "Simulating failures").
enum class FaultKind {
  None,
  ConnectionReset, // the connection is reset instead of answered
  EmptyResponse,   // the connection closes without a byte
  TruncatedBody,   // headers, part of the body, then close
  MalformedBody,   // the status, with bytes that are not JSON
  SlowBody,        // the body dribbles out over the delay
};

std::optional<FaultKind> parse_fault_kind(std::string_view name);
std::string_view to_string(FaultKind kind);
/// The fault names, comma-separated, for error messages.
std::string fault_kind_names();

/// A delay before the answer: fixed, or drawn from a distribution (seeded, so runs reproduce).
struct DelaySpec {
  enum class Kind { None, Fixed, Uniform, Lognormal };
  Kind kind = Kind::None;
  std::int64_t fixed_ms = 0;
  std::int64_t min_ms = 0, max_ms = 0; // uniform; max_ms also caps lognormal when > 0
  double median_ms = 0, sigma = 0;     // lognormal: median e^mu, shape sigma

  bool empty() const { return kind == Kind::None; }
  /// One draw in milliseconds, at most `cap_ms`.
  std::int64_t sample(std::mt19937_64& random, std::int64_t cap_ms) const;
  /// The delay as the rule JSON writes it: a number (delay_ms) or {"distribution": …}.
  json::Value to_json(json::Allocator& a) const;
};

/// Before the handler (no state changes) or after it (the write happened, the client sees a
/// failure: the ambiguous write every retrying client must survive).
enum class When { Before, After };

struct FaultAction {
  std::optional<int> status;          // forced status (4xx/5xx) with the catalog's error body
  std::optional<int> code;            // replaces the body's Pinterest code
  std::string message;                // replaces the body's message when not empty
  Headers headers;                    // added to the answer
  DelaySpec delay;                    // before the first byte (slow_body: how long the body takes)
  FaultKind fault = FaultKind::None;
  When when = When::Before;

  /// Whether the handler runs: "after", and the faults that deliver the real answer badly.
  bool runs_handler() const;
};

} // namespace pinsmock

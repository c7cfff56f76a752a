#pragma once
// Fault rules (POST /__admin/faults, --faults FILE.json, MockServer::add_fault): which requests a
// fault hits, in the order the rules were added, the first match acting. Requests are known by
// operation id and plain strings, never by HTTP types. Thread-safe.

#include "control/fault_action.hpp"
#include "core/pattern.hpp"
#include "pinsmock/result.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace pinsmock {

/// What a rule can match a request on.
struct RequestFacts {
  std::string_view operation_id;
  std::string_view method;
  std::string_view path;
  std::string_view token; // the bearer token, "" when none
  const Headers* query = nullptr;
};

struct FaultRule {
  std::uint64_t id = 0;
  std::string name;            // optional label, shown in reports
  std::string operation = "*"; // an operation id or "*"
  std::optional<std::string> method;
  std::optional<std::string> path_regex;
  std::optional<std::string> token;
  Headers query;                      // name -> value, all must be present
  std::uint64_t after = 0;            // let the first `after` matching requests pass
  std::optional<std::uint64_t> times; // then act on the next `times`; absent: always
  double probability = 1.0;           // drawn from the seeded generator
  FaultAction action;

  std::uint64_t matched = 0; // requests that matched the conditions
  std::uint64_t fired = 0;   // requests the rule acted on

  // From path_regex: Pattern, not std::regex, because the path is the client's (up to 8 KiB) and
  // libstdc++'s regex_search recurses per character and backtracks from every start.
  std::shared_ptr<const Pattern> compiled_path;
};

/// A rule that acted on a request, and the delay it drew.
struct FiredRule {
  std::uint64_t rule_id = 0;
  std::string name;
  FaultAction action;
  std::int64_t delay_ms = 0;
};

/// Parses one rule. `operation_ids` are the known operations; a bad field answers an error whose
/// pointer names it ("/probability").
Result<FaultRule> parse_fault_rule(const json::Value& body,
                                   const std::vector<std::string>& operation_ids,
                                   std::int64_t max_delay_ms);

/// The rule as the admin API shows it: its fields, id, how often it fired, what is left.
json::Value fault_rule_to_json(const FaultRule& rule, json::Allocator& a);

class FaultRules {
public:
  FaultRules(std::uint64_t seed, std::int64_t max_delay_ms)
      : seed_(seed), max_delay_ms_(max_delay_ms) {}

  /// Adds a rule at the end; returns it with its id.
  FaultRule add(FaultRule rule);
  bool remove(std::uint64_t id);
  void clear();
  std::vector<FaultRule> list() const;
  /// The first rule that acts on this request (counting it), if any.
  std::optional<FiredRule> match(const RequestFacts& facts);
  /// The fast path when nothing is configured: one relaxed load.
  bool empty() const { return count_.load(std::memory_order_relaxed) == 0; }

private:
  struct Entry {
    FaultRule rule;
    std::mt19937_64 random;
  };
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
  std::atomic<std::size_t> count_{0};
  std::uint64_t next_id_ = 1;
  std::uint64_t seed_;
  std::int64_t max_delay_ms_;
};

} // namespace pinsmock

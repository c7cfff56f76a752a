#pragma once
// The response check's memory for bodies it validates whole (analytics answers, pages with
// pin_metrics spliced in). Generated answers repeat their shape: the same metrics, dates and
// statuses with other numbers. valijson checks each distinct shape once; an answer of a known
// shape gets that verdict, unless its schema reads number values (then every answer is checked).
//
// Why the guarantee of Report and Enforce still holds: the key is the answer's own bytes as
// parsed (json::number_blind_signature): structure, member names, strings, booleans and nulls
// exactly, numbers by their RapidJSON class (IsInt/IsUint/IsInt64/IsUint64/IsDouble). valijson
// (strict types) reads a number only through those predicates unless the schema holds
// minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, uniqueItems or a numeric
// enum/const; reads_number_values() finds any of them in the schema or what it references, and
// such schemas bypass the cache. So two answers with one key get one verdict, whatever
// generated them; the whole key is stored (no hash stands in for it), so no collision can lend
// one answer another's verdict.

#include "pinsmock/contract_registry.hpp"

#include <atomic>
#include <cstddef>
#include <map>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pinsmock {

class VerdictCache {
public:
  /// Keys stored at most, in bytes; past it the cache starts again empty (memory stays bounded).
  static constexpr std::size_t kMaxKeyBytes = 4 << 20;

  /// The violations of `bytes` (a JSON text) against `schema`: remembered when a body of the
  /// same number-blind signature was checked before, otherwise validated and remembered.
  /// Thread-safe.
  std::vector<Violation> check(const ContractRegistry& contracts, const std::string& schema,
                               const std::string& bytes);

  /// How many bodies were validated with valijson (cache misses and bypasses), for tests.
  std::size_t validations() const;

private:
  bool cacheable(const ContractRegistry& contracts, const std::string& schema);

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::vector<Violation>> verdicts_; // schema + '\0' + signature
  std::map<std::string, bool, std::less<>> reads_numbers_;            // by schema path
  std::size_t key_bytes_ = 0;
  std::atomic<std::size_t> validations_{0};
};

/// The violations of a JSON text against `schema`, validated whole ("" pointer when not JSON).
std::vector<Violation> validate_bytes(const ContractRegistry& contracts, const std::string& schema,
                                      const std::string& bytes);

} // namespace pinsmock

#pragma once
// Per-operation coverage counters: cumulative (not bounded like the journal). Thread-safe.

#include "pinsmock/journal.hpp"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pinsmock {

class Coverage {
public:
  /// Distinct parameter names kept per operation (the rest are not listed).
  static constexpr std::size_t kMaxParametersPerOperation = 100;

  /// Every operation is listed from the start, so unexercised ones show up with 0 calls.
  explicit Coverage(std::vector<std::string> operation_ids);

  /// Counts an answer; a status forced by failure simulation (`shaped_by`) is counted apart
  /// from natural ones, and an injected fault ("connection_reset") by its name.
  void record(const std::string& operation_id, int status, const std::vector<std::string>& parameters,
              const std::string& error_name, const std::optional<RecordedFault>& shaped_by = {});
  std::vector<OperationCoverage> snapshot() const;
  void clear();

private:
  mutable std::mutex mutex_;
  std::vector<std::string> operation_ids_;
  std::vector<OperationCoverage> operations_;
};

} // namespace pinsmock

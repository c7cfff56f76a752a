#pragma once
// Per-operation coverage counters: cumulative (not bounded like the journal). Thread-safe.

#include "pinsmock/journal.hpp"

#include <mutex>
#include <string>
#include <vector>

namespace pinsmock {

class Coverage {
public:
  /// Every operation is listed from the start, so unexercised ones show up with 0 calls.
  explicit Coverage(std::vector<std::string> operation_ids);

  void record(const std::string& operation_id, int status, const std::vector<std::string>& parameters,
              const std::string& error_name);
  std::vector<OperationCoverage> snapshot() const;
  void clear();

private:
  mutable std::mutex mutex_;
  std::vector<std::string> operation_ids_;
  std::vector<OperationCoverage> operations_;
};

} // namespace pinsmock

#include "control/coverage.hpp"

namespace pinsmock {

Coverage::Coverage(std::vector<std::string> operation_ids)
    : operation_ids_(std::move(operation_ids)) {
  clear();
}

void Coverage::record(const std::string& operation_id, int status,
                      const std::vector<std::string>& parameters, const std::string& error_name,
                      const std::optional<RecordedFault>& shaped_by) {
  const bool forced = shaped_by && shaped_by->forced_status != 0;
  std::lock_guard lock(mutex_);
  for (OperationCoverage& op : operations_) {
    if (op.operation_id != operation_id)
      continue;
    ++op.calls;
    if (status != 0) // 0: the connection was dropped on purpose, no status was sent
      ++(forced ? op.forced_statuses : op.statuses)[status];
    // Unknown names are kept (they show typos) but bounded: a client inventing names per request
    // must not grow the mock without limit.
    for (const std::string& name : parameters)
      if (op.parameters.size() < kMaxParametersPerOperation || op.parameters.count(name))
        op.parameters.insert(name);
    if (!error_name.empty() && !forced)
      ++op.errors[error_name];
    if (shaped_by && !shaped_by->fault.empty())
      ++op.faults[shaped_by->fault];
    return;
  }
}

std::vector<OperationCoverage> Coverage::snapshot() const {
  std::lock_guard lock(mutex_);
  return operations_;
}

void Coverage::clear() {
  std::lock_guard lock(mutex_);
  operations_.clear();
  for (const std::string& id : operation_ids_)
    operations_.push_back(OperationCoverage{id, 0, {}, {}, {}, {}, {}});
}

} // namespace pinsmock

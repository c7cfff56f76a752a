#pragma once
// A bounded ring buffer of served requests (oldest dropped first). Thread-safe.

#include "core/api_types.hpp"
#include "pinsmock/journal.hpp"

#include <deque>
#include <mutex>
#include <optional>

namespace pinsmock {

/// Which entries a query returns (all conditions must hold).
struct JournalFilter {
  std::optional<std::string> operation_id;
  std::optional<int> status;
  std::optional<std::uint64_t> since_id; // strictly newer than this id
  bool with_violations_only = false;
};

class RequestJournal {
public:
  RequestJournal(std::size_t capacity, std::size_t body_limit)
      : capacity_(capacity), body_limit_(body_limit) {}

  /// Records a request; assigns and returns its id. Redacts Authorization, caps the body.
  std::uint64_t record(const HttpRequest& request, RecordedRequest entry);

  std::vector<RecordedRequest> entries(const JournalFilter& filter = {}) const;
  /// Every violation of the entries still held, oldest first.
  std::vector<RecordedViolation> violations() const;
  void clear();

private:
  mutable std::mutex mutex_;
  std::deque<RecordedRequest> entries_;
  std::size_t capacity_;
  std::size_t body_limit_;
  std::uint64_t next_id_ = 1;
};

} // namespace pinsmock

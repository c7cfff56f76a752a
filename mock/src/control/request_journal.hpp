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

/// How much of the traffic the journal keeps, so that its memory is bounded whatever clients send
/// (capacity × (body + headers + query + violations)).
struct JournalLimits {
  std::size_t capacity = 1000;        // requests; the oldest are dropped first
  std::size_t body_bytes = 4096;      // per request body
  std::size_t value_bytes = 1024;     // per header or query value (names: the same)
  std::size_t headers_bytes = 8192;   // names and values of all headers of one request
  std::size_t query_bytes = 8192;     // names and values of all query pairs of one request
  std::size_t violations = 16;        // per request; location and value 256 bytes, rule 512
};

class RequestJournal {
public:
  explicit RequestJournal(JournalLimits limits) : limits_(limits) {}

  /// Records a request; assigns and returns its id. Redacts Authorization; caps the body, each
  /// header and query value, their totals and the violations; makes every string well-formed.
  std::uint64_t record(const HttpRequest& request, RecordedRequest entry);

  std::vector<RecordedRequest> entries(const JournalFilter& filter = {}) const;
  /// The id of the oldest entry still held (none when empty): a reader polling with since_id
  /// drops what is older, so it follows evictions and clears.
  std::optional<std::uint64_t> first_id() const;
  /// Every violation of the entries still held, oldest first.
  std::vector<RecordedViolation> violations() const;
  /// Every warning of the entries still held, oldest first.
  std::vector<RecordedWarning> warnings() const;
  void clear();

private:
  mutable std::mutex mutex_;
  std::deque<RecordedRequest> entries_;
  JournalLimits limits_;
  std::uint64_t next_id_ = 1;
};

} // namespace pinsmock

#include "control/request_journal.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace pinsmock {
namespace {

bool is_authorization(const std::string& name) {
  static const std::string kName = "authorization";
  if (name.size() != kName.size())
    return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(name[i])) != kName[i])
      return false;
  return true;
}

// Keeps the scheme so a reader can tell "Bearer" from "Basic", never the credential.
std::string redact(const std::string& value) {
  const std::size_t space = value.find(' ');
  return (space == std::string::npos ? std::string() : value.substr(0, space + 1)) + "[redacted]";
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[96]; // generous: the compiler cannot bound the int fields
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

bool matches(const RecordedRequest& entry, const JournalFilter& filter) {
  return (!filter.operation_id || entry.operation_id == *filter.operation_id) &&
         (!filter.status || entry.status == *filter.status) &&
         (!filter.since_id || entry.id > *filter.since_id) &&
         (!filter.with_violations_only || !entry.violations.empty());
}

} // namespace

std::uint64_t RequestJournal::record(const HttpRequest& request, RecordedRequest entry) {
  entry.time = utc_now();
  entry.method = request.method;
  entry.path = request.path;
  entry.query = request.query;
  for (const auto& [name, value] : request.headers)
    entry.headers.emplace_back(name, is_authorization(name) ? redact(value) : value);
  entry.body_truncated = request.body.size() > body_limit_;
  entry.body = request.body.substr(0, body_limit_);
  std::lock_guard lock(mutex_);
  entry.id = next_id_++;
  for (RecordedViolation& v : entry.violations)
    v.request_id = entry.id;
  if (capacity_ == 0)
    return entry.id;
  if (entries_.size() == capacity_)
    entries_.pop_front();
  entries_.push_back(std::move(entry));
  return entries_.back().id;
}

std::vector<RecordedRequest> RequestJournal::entries(const JournalFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::vector<RecordedRequest> out;
  for (const RecordedRequest& entry : entries_)
    if (matches(entry, filter))
      out.push_back(entry);
  return out;
}

std::vector<RecordedViolation> RequestJournal::violations() const {
  std::lock_guard lock(mutex_);
  std::vector<RecordedViolation> out;
  for (const RecordedRequest& entry : entries_)
    out.insert(out.end(), entry.violations.begin(), entry.violations.end());
  return out;
}

void RequestJournal::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

} // namespace pinsmock

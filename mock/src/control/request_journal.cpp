#include "control/request_journal.hpp"

#include "core/utf8.hpp"

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
  // Everything up to the second changes once a second: formatted once a second per thread (a
  // cache of pure formatting, not state), the milliseconds by hand.
  thread_local std::time_t formatted_second = -1;
  thread_local char prefix[96]; // generous: the compiler cannot bound the int fields
  if (seconds != formatted_second) {
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    std::snprintf(prefix, sizeof prefix, "%04d-%02d-%02dT%02d:%02d:%02d.", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    formatted_second = seconds;
  }
  const int millis = static_cast<int>(ms % 1000);
  std::string out(prefix);
  out.push_back(static_cast<char>('0' + millis / 100));
  out.push_back(static_cast<char>('0' + millis / 10 % 10));
  out.push_back(static_cast<char>('0' + millis % 10));
  out.push_back('Z');
  return out;
}

// Copies name/value pairs well-formed and capped: each name and value at `value_bytes`, all of
// them together at `total_bytes` (pairs that no longer fit are dropped). True when anything was
// cut or dropped.
bool copy_capped(const Headers& from, Headers& to, std::size_t value_bytes,
                 std::size_t total_bytes, bool redact_authorization) {
  bool truncated = false;
  std::size_t used = 0;
  for (const auto& [name, value] : from) {
    bool cut_name = false, cut_value = false;
    std::string n = utf8::sanitize_capped(name, value_bytes, &cut_name);
    std::string v = utf8::sanitize_capped(
        redact_authorization && is_authorization(name) ? redact(value) : value, value_bytes,
        &cut_value);
    if (used + n.size() + v.size() > total_bytes) {
      truncated = true;
      continue;
    }
    truncated = truncated || cut_name || cut_value;
    used += n.size() + v.size();
    to.emplace_back(std::move(n), std::move(v));
  }
  return truncated;
}

std::string capped(std::string_view text, std::size_t bytes) {
  return utf8::sanitize_capped(text, bytes);
}

bool matches(const RecordedRequest& entry, const JournalFilter& filter) {
  return (!filter.operation_id || entry.operation_id == *filter.operation_id) &&
         (!filter.status || entry.status == *filter.status) &&
         (!filter.since_id || entry.id > *filter.since_id) &&
         (!filter.with_violations_only || !entry.violations.empty());
}

} // namespace

std::uint64_t RequestJournal::record(const HttpRequest& request, RecordedRequest entry) {
  // Whatever a client sent, an entry stays small and well-formed: it is served as JSON later.
  entry.time = utc_now();
  entry.method = capped(request.method, 64);
  entry.path = capped(request.path, 2048);
  entry.query_truncated =
      copy_capped(request.query, entry.query, limits_.value_bytes, limits_.query_bytes, false);
  entry.headers_truncated =
      copy_capped(request.headers, entry.headers, limits_.value_bytes, limits_.headers_bytes, true);
  entry.body = utf8::sanitize_capped(request.body, limits_.body_bytes, &entry.body_truncated);
  if (entry.violations.size() > limits_.violations)
    entry.violations.resize(limits_.violations);
  for (RecordedViolation& v : entry.violations) {
    v.location = capped(v.location, 256);
    v.rule = capped(v.rule, 512);
    v.value = capped(v.value, 256);
  }
  RecordedRequest evicted; // freed after the lock is released: dozens of strings
  std::lock_guard lock(mutex_);
  entry.id = next_id_++;
  for (RecordedViolation& v : entry.violations)
    v.request_id = entry.id;
  for (RecordedWarning& w : entry.warnings)
    w.request_id = entry.id;
  if (limits_.capacity == 0)
    return entry.id;
  if (entries_.size() == limits_.capacity) {
    evicted = std::move(entries_.front());
    entries_.pop_front();
  }
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

std::vector<RecordedWarning> RequestJournal::warnings() const {
  std::lock_guard lock(mutex_);
  std::vector<RecordedWarning> out;
  for (const RecordedRequest& entry : entries_)
    out.insert(out.end(), entry.warnings.begin(), entry.warnings.end());
  return out;
}

std::optional<std::uint64_t> RequestJournal::first_id() const {
  std::lock_guard lock(mutex_);
  if (entries_.empty())
    return std::nullopt;
  return entries_.front().id;
}

void RequestJournal::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

} // namespace pinsmock

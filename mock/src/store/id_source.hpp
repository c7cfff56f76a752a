#pragma once
// Pin ids and calendar dates. Ids come from the seed, so the same seed and the same requests give
// the same ids (the clock is control/clock.hpp).

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace pinsmock {

/// A calendar date (UTC).
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  /// Parses "YYYY-MM-DD" (a real calendar date), or nullopt.
  static std::optional<Date> parse(std::string_view text);
  /// Today's date from the system clock (UTC).
  static Date today_utc();
  std::string to_string() const;
  /// Days since 1970-01-01.
  std::int64_t days_since_epoch() const;
  static Date from_days_since_epoch(std::int64_t days);
  Date plus_days(std::int64_t days) const { return from_days_since_epoch(days_since_epoch() + days); }
  bool operator==(const Date& o) const { return year == o.year && month == o.month && day == o.day; }
  bool operator<(const Date& o) const { return days_since_epoch() < o.days_since_epoch(); }
};

/// Where an IdSource stands: the next ids follow from it alone.
struct IdState {
  std::uint64_t state = 0;
  std::uint64_t current = 0;
};

/// Numeric pin ids in a range of their own, a seeded pseudo-random walk. Thread-safe.
class IdSource {
public:
  explicit IdSource(std::uint64_t seed) { reset(seed); }
  void reset(std::uint64_t seed);
  /// Where it stands now, and going back there (a saved state continues its ids).
  IdState snapshot() const;
  void restore(const IdState& state);
  /// The next id: 18 digits, increasing, never repeated.
  std::string next_pin_id();

private:
  mutable std::mutex mutex_;
  std::uint64_t state_ = 0;
  std::uint64_t current_ = 0;
};

} // namespace pinsmock

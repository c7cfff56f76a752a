#pragma once
// Pin ids and timestamps. Both come from the seed and the mock's "today", so the same seed, the
// same today and the same requests give byte-identical responses.

#include <atomic>
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

/// Numeric pin ids in a range of their own, a seeded pseudo-random walk. Thread-safe.
class IdSource {
public:
  explicit IdSource(std::uint64_t seed) { reset(seed); }
  void reset(std::uint64_t seed);
  /// The next id: 18 digits, increasing, never repeated.
  std::string next_pin_id();

private:
  std::mutex mutex_;
  std::uint64_t state_ = 0;
  std::uint64_t current_ = 0;
};

/// The mock's clock: "today" for analytics windows and `created_at` for new pins. With a fixed
/// today, created_at is synthetic (today 12:00:00 UTC plus one second per pin); without one, it is
/// the wall clock. Thread-safe.
class Clock {
public:
  explicit Clock(std::optional<Date> fixed_today) : fixed_today_(fixed_today) {}
  Date today() const { return fixed_today_ ? *fixed_today_ : Date::today_utc(); }
  /// "YYYY-MM-DDTHH:MM:SS" without offset, as the live API writes it (API-NOTES.md section 4).
  std::string next_created_at();
  void reset() { ticks_ = 0; }

private:
  std::optional<Date> fixed_today_;
  std::atomic<std::uint64_t> ticks_{0};
};

} // namespace pinsmock

#pragma once
// The mock's clock: what `created_at`, analytics windows, `data_status` and rate-limit windows
// see. It can be set and advanced (never moved back) through the admin API, so a test reaches a
// new day or a rate-limit reset without sleeping.

#include "store/id_source.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace pinsmock {

/// Seconds since 1970-01-01 as "YYYY-MM-DDTHH:MM:SS" (no offset, as the live API writes it).
std::string format_timestamp(std::int64_t seconds_since_epoch);
/// "YYYY-MM-DDTHH:MM:SS" (optionally ending in "Z") or "YYYY-MM-DD" (midnight) in seconds since
/// 1970-01-01 UTC, or nullopt.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

/// Thread-safe. Two modes:
/// - fixed (`--today`): time starts at that day 12:00:00 UTC. `created_at` is deterministic: the
///   mock's time plus one second per pin created, so runs reproduce byte for byte. Rate-limit
///   windows also see real time passing, so a client that waits Retry-After gets through.
/// - wall: the system clock, shifted by every set/advance.
class Clock {
public:
  /// `utc_offset` (--strict-formats): created_at carries a "Z", the spec's date-time.
  explicit Clock(std::optional<Date> fixed_today, bool utc_offset = false);

  /// The mock's date (UTC): analytics windows and data_status.
  Date today() const;
  /// The mock's time for a new pin: "YYYY-MM-DDTHH:MM:SS" without offset, as live writes it
  /// (docs/api-notes.md §4), or with a trailing "Z" for a clock made with `utc_offset`.
  std::string next_created_at();
  /// The mock's time in milliseconds since the epoch, for rate-limit windows.
  std::int64_t now_ms() const;
  /// The mock's time as created_at would show it right now (without consuming a tick).
  std::string now_text() const;
  bool fixed() const { return fixed_today_.has_value(); }

  /// Moves the time to `seconds_since_epoch`; false (and no change) when that is in the past.
  bool set(std::int64_t seconds_since_epoch);
  /// Moves the time forward; false for a negative amount.
  bool advance(std::int64_t seconds);
  /// Back to the start (today 12:00:00, or the system clock) and no pins ticked.
  void reset();

  /// A fixed clock's logical time and the pins it has stamped since (a state export); nullopt
  /// for a wall clock, whose time is the system's and is not saved.
  std::optional<std::pair<std::int64_t, std::uint64_t>> saved() const;
  /// Back to a saved time and tick count (fixed clock only; a wall clock ignores it).
  void restore(std::int64_t logical_seconds, std::uint64_t ticks);

private:
  using Steady = std::chrono::steady_clock;
  std::int64_t start_seconds() const;
  std::int64_t now_ms_locked() const;

  std::optional<Date> fixed_today_;
  bool utc_offset_ = false;
  mutable std::mutex mutex_;
  std::int64_t logical_seconds_ = 0; // fixed mode: the time without real time passing
  std::int64_t base_ms_ = 0;         // the time at base_steady_
  Steady::time_point base_steady_;
  std::uint64_t ticks_ = 0; // pins created (fixed mode: one second each)
};

} // namespace pinsmock

#include "control/clock.hpp"

#include <cstdio>

namespace pinsmock {
namespace {

std::int64_t system_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }

} // namespace

std::string format_timestamp(std::int64_t seconds_since_epoch) {
  const std::int64_t days = floor_div(seconds_since_epoch, 86400);
  const std::int64_t rest = seconds_since_epoch - days * 86400;
  const Date date = Date::from_days_since_epoch(days);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month, date.day,
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return buf;
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  if (!text.empty() && text.back() == 'Z')
    text.remove_suffix(1);
  const auto date = Date::parse(text.substr(0, 10));
  if (!date)
    return std::nullopt;
  std::int64_t seconds = date->days_since_epoch() * 86400;
  if (text.size() == 10)
    return seconds;
  if (text.size() != 19 || text[10] != 'T' || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  int parts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    const char a = text[11 + 3 * i], b = text[12 + 3 * i];
    if (a < '0' || a > '9' || b < '0' || b > '9')
      return std::nullopt;
    parts[i] = (a - '0') * 10 + (b - '0');
  }
  if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59)
    return std::nullopt;
  return seconds + parts[0] * 3600 + parts[1] * 60 + parts[2];
}

Clock::Clock(std::optional<Date> fixed_today, bool utc_offset)
    : fixed_today_(fixed_today), utc_offset_(utc_offset) {
  reset();
}

std::int64_t Clock::start_seconds() const {
  return fixed_today_ ? fixed_today_->days_since_epoch() * 86400 + 12 * 3600
                      : floor_div(system_ms(), 1000);
}

void Clock::reset() {
  std::lock_guard lock(mutex_);
  logical_seconds_ = start_seconds();
  base_ms_ = fixed_today_ ? logical_seconds_ * 1000 : system_ms();
  base_steady_ = Steady::now();
  ticks_ = 0;
}

std::optional<std::pair<std::int64_t, std::uint64_t>> Clock::saved() const {
  std::lock_guard lock(mutex_);
  if (!fixed_today_)
    return std::nullopt;
  return std::make_pair(logical_seconds_, ticks_);
}

void Clock::restore(std::int64_t logical_seconds, std::uint64_t ticks) {
  std::lock_guard lock(mutex_);
  if (!fixed_today_)
    return;
  logical_seconds_ = logical_seconds;
  base_ms_ = logical_seconds_ * 1000;
  base_steady_ = Steady::now();
  ticks_ = ticks;
}

std::int64_t Clock::now_ms_locked() const {
  return base_ms_ +
         std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - base_steady_)
             .count();
}

std::int64_t Clock::now_ms() const {
  std::lock_guard lock(mutex_);
  return now_ms_locked();
}

Date Clock::today() const {
  std::lock_guard lock(mutex_);
  const std::int64_t seconds = fixed_today_ ? logical_seconds_ : floor_div(now_ms_locked(), 1000);
  return Date::from_days_since_epoch(floor_div(seconds, 86400));
}

std::string Clock::next_created_at() {
  std::lock_guard lock(mutex_);
  const std::uint64_t tick = ticks_++;
  const std::string offset = utc_offset_ ? "Z" : "";
  if (fixed_today_)
    return format_timestamp(logical_seconds_ + static_cast<std::int64_t>(tick)) + offset;
  return format_timestamp(floor_div(now_ms_locked(), 1000)) + offset;
}

std::string Clock::now_text() const {
  std::lock_guard lock(mutex_);
  if (fixed_today_)
    return format_timestamp(logical_seconds_ + static_cast<std::int64_t>(ticks_));
  return format_timestamp(floor_div(now_ms_locked(), 1000));
}

bool Clock::set(std::int64_t seconds_since_epoch) {
  std::lock_guard lock(mutex_);
  // Compared at whole seconds: real time passing since the start is not "the past".
  const std::int64_t current = fixed_today_ ? logical_seconds_ : floor_div(now_ms_locked(), 1000);
  if (seconds_since_epoch < current)
    return false;
  const std::int64_t moved = seconds_since_epoch - current;
  logical_seconds_ += moved;
  base_ms_ = now_ms_locked() + moved * 1000;
  base_steady_ = Steady::now();
  return true;
}

bool Clock::advance(std::int64_t seconds) {
  if (seconds < 0)
    return false;
  std::lock_guard lock(mutex_);
  logical_seconds_ += seconds;
  base_ms_ = now_ms_locked() + seconds * 1000;
  base_steady_ = Steady::now();
  return true;
}

} // namespace pinsmock

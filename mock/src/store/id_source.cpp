#include "store/id_source.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace pinsmock {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

} // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9')
      return std::nullopt;
  auto number = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i)
      v = v * 10 + (text[i] - '0');
    return v;
  };
  Date d{number(0, 4), number(5, 2), number(8, 2)};
  if (d.month < 1 || d.month > 12 || d.day < 1)
    return std::nullopt;
  // A real calendar date: round-tripping through the day count must not change it.
  if (!(from_days_since_epoch(d.days_since_epoch()) == d))
    return std::nullopt;
  return d;
}

Date Date::today_utc() {
  const auto now = std::chrono::system_clock::now();
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return from_days_since_epoch(secs / 86400);
}

std::string Date::to_string() const {
  if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
  // Digits by hand: analytics answers write one date per day per pin (snprintf was 10 % of them).
  std::string out = "0000-00-00";
  auto put = [&out](std::size_t at, int value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10)
      out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, year, 4);
  put(5, month, 2);
  put(8, day, 2);
  return out;
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t Date::days_since_epoch() const {
  const int y = year - (month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date Date::from_days_since_epoch(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

void IdSource::reset(std::uint64_t seed) {
  std::lock_guard lock(mutex_);
  state_ = seed;
  // Ids live in 9xx... so they never meet the fixtures' 1xx... ids; the start depends on the seed.
  current_ = 900000000000000000ull + (splitmix64(state_) % 1000000000000000ull);
}

IdState IdSource::snapshot() const {
  std::lock_guard lock(mutex_);
  return IdState{state_, current_};
}

void IdSource::restore(const IdState& state) {
  std::lock_guard lock(mutex_);
  state_ = state.state;
  current_ = state.current;
}

std::string IdSource::next_pin_id() {
  std::lock_guard lock(mutex_);
  current_ += 1 + splitmix64(state_) % 997;
  return std::to_string(current_);
}

} // namespace pinsmock

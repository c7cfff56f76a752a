#include "contract/string_checks.hpp"

namespace pinsmock {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at text[at]; advances `at`.
bool digits(std::string_view text, std::size_t& at, std::size_t count, int& value) {
  value = 0;
  for (std::size_t k = 0; k < count; ++k, ++at) {
    if (at >= text.size() || !is_digit(text[at]))
      return false;
    value = value * 10 + (text[at] - '0');
  }
  return true;
}

bool expect(std::string_view text, std::size_t& at, std::string_view one_of) {
  if (at >= text.size() || one_of.find(text[at]) == std::string_view::npos)
    return false;
  ++at;
  return true;
}

// [0-9]+-MM-DD with valijson's day limits (February up to 29 in any year).
bool read_date(std::string_view text, std::size_t& at) {
  const std::size_t year_start = at;
  while (at < text.size() && is_digit(text[at]))
    ++at;
  int month = 0, day = 0;
  if (at == year_start || !expect(text, at, "-") || !digits(text, at, 2, month) ||
      !expect(text, at, "-") || !digits(text, at, 2, day))
    return false;
  if (month < 1 || month > 12 || day < 1)
    return false;
  constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day <= kDays[month - 1];
}

// hh:mm:ss(.frac)?(Z|z|(+|-)hh:mm)
bool read_time(std::string_view text, std::size_t& at) {
  int hour = 0, minute = 0, second = 0;
  if (!digits(text, at, 2, hour) || !expect(text, at, ":") || !digits(text, at, 2, minute) ||
      !expect(text, at, ":") || !digits(text, at, 2, second))
    return false;
  if (hour > 23 || minute > 59 || second > 60)
    return false;
  if (at < text.size() && text[at] == '.') {
    const std::size_t start = ++at;
    while (at < text.size() && is_digit(text[at]))
      ++at;
    if (at == start)
      return false;
  }
  if (expect(text, at, "Zz"))
    return true;
  int offset_hour = 0, offset_minute = 0;
  return expect(text, at, "+-") && digits(text, at, 2, offset_hour) && expect(text, at, ":") &&
         digits(text, at, 2, offset_minute) && offset_hour <= 23 && offset_minute <= 59;
}

} // namespace

bool is_date(std::string_view text) {
  std::size_t at = 0;
  return read_date(text, at) && at == text.size();
}

bool is_time(std::string_view text) {
  std::size_t at = 0;
  return read_time(text, at) && at == text.size();
}

bool is_date_time(std::string_view text) {
  std::size_t at = 0;
  return read_date(text, at) && expect(text, at, "Tt") && read_time(text, at) && at == text.size();
}

bool is_checked_format(std::string_view format) {
  return format == "date" || format == "time" || format == "date-time";
}

bool matches_format(std::string_view format, std::string_view text) {
  if (format == "date")
    return is_date(text);
  if (format == "time")
    return is_time(text);
  if (format == "date-time")
    return is_date_time(text);
  return false;
}

} // namespace pinsmock

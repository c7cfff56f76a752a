#pragma once
// The string rules of the contracts (`pattern`, `format`, `minLength`/`maxLength`) checked in
// linear time without recursion. valijson 1.0 runs std::regex for patterns and date formats, and
// libstdc++'s regex recurses once per character: a 100,000-digit id overflows the stack.
// `pattern` is core/pattern.hpp's Pattern.

#include "core/pattern.hpp"

#include <string_view>

namespace pinsmock {

/// JSON Schema `format` checks with valijson's meaning, minus its std::regex: "date"
/// (YYYY-MM-DD, any number of year digits, days checked per month, February up to 29), "time"
/// (hh:mm:ss[.frac] then Z or ±hh:mm) and "date-time" (date, T, time).
bool is_date(std::string_view text);
bool is_time(std::string_view text);
bool is_date_time(std::string_view text);

/// The formats above by name; false for any other name.
bool is_checked_format(std::string_view format);
bool matches_format(std::string_view format, std::string_view text);

} // namespace pinsmock

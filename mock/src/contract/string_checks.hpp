#pragma once
// The string rules of the contracts (`pattern`, `format`, `minLength`/`maxLength`) checked in
// linear time without recursion. valijson 1.0 runs std::regex for patterns and date formats, and
// libstdc++'s regex recurses once per character: a 100,000-digit id overflows the stack.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pinsmock {

/// A regular expression from the small subset the contracts use, matched like std::regex_search
/// with ECMAScript syntax would, in O(text × pattern) time and constant stack. The subset: `^` at
/// the start and `$` at the end (both required), literals, `.`, `\d`, `\w`, `\s`, escaped
/// punctuation, bracket classes (ranges, negation, the escapes above), each optionally followed by
/// `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}`. No groups, no alternation. Matches bytes, as
/// std::regex over std::string does.
class Pattern {
public:
  /// Compiles `source`; throws std::invalid_argument saying what is outside the subset.
  explicit Pattern(std::string_view source);

  /// True when the whole text matches.
  bool matches(std::string_view text) const;

  const std::string& source() const { return source_; }

private:
  enum class Repeat { One, Optional, Star };
  struct Item {
    std::vector<bool> accepts; // by byte value
    Repeat repeat = Repeat::One;
  };
  std::string source_;
  std::vector<Item> items_;
};

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

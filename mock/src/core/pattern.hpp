#pragma once
// Regular expressions without std::regex: libstdc++'s matcher recurses once per character (a
// 100,000-digit id overflowed the stack) and backtracks, so it must never see text a client sent.
// Used by the contracts' `pattern` keyword and by fault rules' `path_regex`.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pinsmock {

/// A regular expression from a small ECMAScript subset, matched like std::regex_search would, in
/// O(text × pattern) time and constant stack. The subset: an optional `^` first and `$` last,
/// literals, `.`, `\d`, `\w`, `\s`, escaped punctuation, bracket classes (ranges, negation, the
/// escapes above), each optionally followed by `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}`. No groups,
/// no alternation, no inner anchors, at most 256 items once `{n,m}` is unrolled. Matches bytes,
/// as std::regex over std::string does.
class Pattern {
public:
  /// Compiles `source`; throws std::invalid_argument saying what is outside the subset.
  explicit Pattern(std::string_view source);

  /// True when the pattern occurs in `text` (the whole text when it is anchored at both ends).
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
  bool anchored_start_ = false;
  bool anchored_end_ = false;
};

} // namespace pinsmock

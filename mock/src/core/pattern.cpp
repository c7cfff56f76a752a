#include "core/pattern.hpp"

#include <algorithm>
#include <stdexcept>

namespace pinsmock {
namespace {

// Repetition is unrolled into items ({2,4}: two required, two optional), so bound the unrolling.
constexpr std::size_t kMaxItems = 256;

[[noreturn]] void unsupported(std::string_view source, const std::string& why) {
  throw std::invalid_argument("pattern \"" + std::string(source) + "\" is outside the supported " +
                              "subset (" + why + ")");
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void add_range(std::vector<bool>& set, unsigned char from, unsigned char to) {
  for (unsigned c = from; c <= to; ++c)
    set[c] = true;
}

// ECMAScript's \d, \w, \s (ASCII; std::regex over char behaves the same).
bool add_class_escape(std::vector<bool>& set, char letter) {
  switch (letter) {
  case 'd':
    add_range(set, '0', '9');
    return true;
  case 'w':
    add_range(set, '0', '9');
    add_range(set, 'a', 'z');
    add_range(set, 'A', 'Z');
    set['_'] = true;
    return true;
  case 's':
    for (char c : std::string_view(" \t\n\r\f\v"))
      set[static_cast<unsigned char>(c)] = true;
    return true;
  default:
    return false;
  }
}

bool is_literal_escape(char c) {
  return !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !is_digit(c);
}

// True when the `$` that ends `source` is an anchor, not an escaped dollar: an even number of
// backslashes before it.
bool ends_with_anchor(std::string_view source) {
  if (source.empty() || source.back() != '$')
    return false;
  std::size_t backslashes = 0;
  for (std::size_t k = source.size() - 1; k > 0 && source[k - 1] == '\\'; --k)
    ++backslashes;
  return backslashes % 2 == 0;
}

} // namespace

Pattern::Pattern(std::string_view source) : source_(source) {
  anchored_start_ = !source.empty() && source.front() == '^';
  std::string_view body = source.substr(anchored_start_ ? 1 : 0);
  anchored_end_ = ends_with_anchor(body);
  if (anchored_end_)
    body.remove_suffix(1);
  std::size_t i = 0;
  while (i < body.size()) {
    std::vector<bool> accepts(256, false);
    const char c = body[i];
    if (c == '\\') {
      if (i + 1 >= body.size())
        unsupported(source, "a trailing backslash");
      const char e = body[i + 1];
      if (!add_class_escape(accepts, e)) {
        if (!is_literal_escape(e))
          unsupported(source, std::string("the escape \\") + e);
        accepts[static_cast<unsigned char>(e)] = true;
      }
      i += 2;
    } else if (c == '[') {
      std::size_t j = i + 1;
      const bool negate = j < body.size() && body[j] == '^';
      if (negate)
        ++j;
      if (j < body.size() && body[j] == ']')
        unsupported(source, "an empty class []");
      bool closed = false;
      while (j < body.size()) {
        char from = body[j];
        if (from == ']') {
          closed = true;
          break;
        }
        if (from == '\\') {
          if (j + 1 >= body.size())
            unsupported(source, "a trailing backslash");
          const char e = body[j + 1];
          j += 2;
          if (add_class_escape(accepts, e))
            continue;
          if (!is_literal_escape(e))
            unsupported(source, std::string("the escape \\") + e);
          from = e;
        } else {
          ++j;
        }
        if (j + 1 < body.size() && body[j] == '-' && body[j + 1] != ']') {
          const char to = body[j + 1];
          if (to == '\\' || to == '[' || static_cast<unsigned char>(to) < static_cast<unsigned char>(from))
            unsupported(source, "a range it cannot read");
          add_range(accepts, static_cast<unsigned char>(from), static_cast<unsigned char>(to));
          j += 2;
        } else {
          accepts[static_cast<unsigned char>(from)] = true;
        }
      }
      if (!closed)
        unsupported(source, "an unclosed [");
      if (negate)
        accepts.flip();
      i = j + 1;
    } else if (c == '.') {
      accepts.assign(256, true);
      accepts['\n'] = accepts['\r'] = false;
      ++i;
    } else if (std::string_view("()|^$").find(c) != std::string_view::npos) {
      unsupported(source, std::string("groups, alternation and inner anchors: '") + c + "'");
    } else if (std::string_view("*+?{}]").find(c) != std::string_view::npos) {
      unsupported(source, std::string("'") + c + "' with nothing to repeat");
    } else {
      accepts[static_cast<unsigned char>(c)] = true;
      ++i;
    }

    // Quantifier: how many copies are required, how many optional, and whether unbounded.
    std::size_t required = 1, optional = 0;
    bool unbounded = false;
    if (i < body.size()) {
      const char q = body[i];
      if (q == '*' || q == '+' || q == '?') {
        required = q == '+' ? 1 : 0;
        unbounded = q != '?';
        optional = q == '?' ? 1 : 0;
        ++i;
      } else if (q == '{') {
        const std::size_t close = body.find('}', i);
        if (close == std::string_view::npos)
          unsupported(source, "an unclosed {");
        const std::string_view inside = body.substr(i + 1, close - i - 1);
        const std::size_t comma = inside.find(',');
        auto number = [&](std::string_view digits) {
          if (digits.empty() || digits.size() > 3)
            unsupported(source, "a repetition count it cannot read");
          std::size_t n = 0;
          for (char d : digits) {
            if (!is_digit(d))
              unsupported(source, "a repetition count it cannot read");
            n = n * 10 + static_cast<std::size_t>(d - '0');
          }
          return n;
        };
        required = number(inside.substr(0, comma));
        if (comma == std::string_view::npos) {
          optional = 0;
        } else if (comma + 1 == inside.size()) {
          unbounded = true;
        } else {
          const std::size_t most = number(inside.substr(comma + 1));
          if (most < required)
            unsupported(source, "a repetition {n,m} with m < n");
          optional = most - required;
        }
        i = close + 1;
      }
      if (i < body.size() && (body[i] == '?' || body[i] == '+'))
        unsupported(source, "lazy or possessive quantifiers");
    }
    if (items_.size() + required + optional + (unbounded ? 1 : 0) > kMaxItems)
      unsupported(source, "more than " + std::to_string(kMaxItems) + " items once repetition is unrolled");
    for (std::size_t k = 0; k < required; ++k)
      items_.push_back({accepts, Repeat::One});
    for (std::size_t k = 0; k < optional; ++k)
      items_.push_back({accepts, Repeat::Optional});
    if (unbounded)
      items_.push_back({std::move(accepts), Repeat::Star});
  }
}

bool Pattern::matches(std::string_view text) const {
  // A set of NFA states: state k means "items before k are matched". One pass over the text;
  // unanchored at the start, a new attempt begins at every position (state 0 joins the set), and
  // unanchored at the end, reaching the last state anywhere is a match.
  const std::size_t n = items_.size();
  std::vector<char> current(n + 1, 0), next(n + 1, 0);
  auto close_over_skips = [&](std::vector<char>& states) {
    for (std::size_t k = 0; k < n; ++k)
      if (states[k] && items_[k].repeat != Repeat::One)
        states[k + 1] = 1;
  };
  current[0] = 1;
  close_over_skips(current);
  if (!anchored_end_ && current[n])
    return true;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (std::size_t k = 0; k < n; ++k) {
      if (!current[k] || !items_[k].accepts[c])
        continue;
      next[items_[k].repeat == Repeat::Star ? k : k + 1] = 1;
      any = true;
    }
    if (!any && anchored_start_)
      return false;
    if (!anchored_start_)
      next[0] = 1;
    close_over_skips(next);
    if (!anchored_end_ && next[n])
      return true;
    current.swap(next);
  }
  return current[n] != 0;
}

} // namespace pinsmock

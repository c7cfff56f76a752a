#include "core/utf8.hpp"

#include <algorithm>

namespace pinsmock::utf8 {
namespace {

struct Sequence {
  std::size_t length; // bytes consumed: the whole sequence, or its maximal ill-formed subpart
  bool valid;
};

// Reads one sequence at text[at] following table 3-7 of the Unicode standard: the second byte's
// range depends on the lead byte, which is what rules out overlong forms and surrogates. Never
// reads past the end of `text`.
Sequence next(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80)
    return {1, true};
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0)
      low = 0xA0; // below: overlong
    else if (lead == 0xED)
      high = 0x9F; // above: UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0)
      low = 0x90; // below: overlong
    else if (lead == 0xF4)
      high = 0x8F; // above: beyond U+10FFFF
  } else {
    return {1, false}; // a continuation byte, C0/C1 (overlong) or F5..FF
  }
  const std::size_t available = text.size() - at;
  for (std::size_t i = 1; i < length; ++i) {
    if (i >= available)
      return {i, false};
    const unsigned char b = byte(i);
    const bool in_range = i == 1 ? (b >= low && b <= high) : (b >= 0x80 && b <= 0xBF);
    if (!in_range)
      return {i, false};
  }
  return {length, true};
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD

} // namespace

std::optional<std::size_t> first_invalid(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    // ASCII runs are the common case: skip them without decoding.
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const Sequence s = next(text, at);
    if (!s.valid)
      return at;
    at += s.length;
  }
  return std::nullopt;
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const Sequence s = next(text, at);
    if (s.valid)
      out.append(text.substr(at, s.length));
    else
      out.append(kReplacement);
    at += s.length;
  }
  return out;
}

std::string_view prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes)
    return text;
  std::size_t end = max_bytes;
  // Back up over continuation bytes to the start of the character that does not fit.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  return text.substr(0, end);
}

std::string sanitize_capped(std::string_view text, std::size_t max_bytes, bool* cut) {
  if (text.size() <= max_bytes && is_valid(text)) { // the usual case (every journaled header)
    if (cut)
      *cut = false;
    return std::string(text);
  }
  // Sanitising can grow the text (1 byte -> 3); never look at more than is needed.
  const std::string clean = sanitize(text.substr(0, std::min(text.size(), max_bytes + 4)));
  const std::string_view kept = prefix(clean, max_bytes);
  if (cut)
    *cut = kept.size() < clean.size() || text.size() > max_bytes + 4;
  return std::string(kept);
}

std::string excerpt(std::string_view text, std::size_t max_bytes) {
  bool cut = false;
  std::string shown = sanitize_capped(text, max_bytes, &cut);
  return cut ? shown + "..." : shown;
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      ++count;
  return count;
}

} // namespace pinsmock::utf8

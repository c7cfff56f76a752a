#pragma once
// Strict UTF-8 (RFC 3629, Unicode table 3-7): what the mock accepts in every string that enters
// and guarantees in everything it writes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pinsmock::utf8 {

/// Offset of the first byte that does not begin a well-formed sequence (overlong forms,
/// surrogates, code points above U+10FFFF, stray or missing continuation bytes), or nullopt
/// when the whole text is well-formed.
std::optional<std::size_t> first_invalid(std::string_view text);

/// True when the whole text is well-formed UTF-8.
inline bool is_valid(std::string_view text) { return !first_invalid(text); }

/// The text with every maximal ill-formed subpart replaced by U+FFFD (Unicode's recommended
/// substitution), so the result is always well-formed. Returns a copy even when nothing changes.
std::string sanitize(std::string_view text);

/// The longest prefix of well-formed `text` that fits in `max_bytes` and ends on a character
/// boundary.
std::string_view prefix(std::string_view text, std::size_t max_bytes);

/// `sanitize(text)` cut to at most `max_bytes` on a character boundary; `*cut` tells whether
/// anything was dropped.
std::string sanitize_capped(std::string_view text, std::size_t max_bytes, bool* cut = nullptr);

/// A text as messages and violations show it: sanitised, capped at `max_bytes` on a character
/// boundary, with "..." when something was cut.
std::string excerpt(std::string_view text, std::size_t max_bytes = 200);

/// Number of code points of well-formed text (what JSON Schema's maxLength counts).
std::size_t code_points(std::string_view text);

} // namespace pinsmock::utf8

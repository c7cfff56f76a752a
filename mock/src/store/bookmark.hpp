#pragma once
// GET /pins bookmarks: opaque to clients (base64, as live), a cursor to us.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pinsmock {

/// The bookmark text for a cursor (the sequence of the last pin served).
std::string encode_bookmark(std::uint64_t cursor);

/// The cursor inside a bookmark, or nullopt when the text is not exactly one we write (garbage,
/// edited or truncated bookmarks fail the checksum; any other spelling of a cursor is refused).
std::optional<std::uint64_t> decode_bookmark(std::string_view bookmark);

/// Standard base64 with padding (also used for the media URLs' hashes).
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

} // namespace pinsmock

#pragma once
// Request bodies sent with Content-Encoding: inflated with zlib under the body limit, so a small
// compressed body cannot grow without bound in memory.

#include "pinsmock/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pinsmock {

enum class ContentCoding { Identity, Gzip, Deflate };

/// The coding a Content-Encoding value names; nullopt for codings the mock does not decode
/// (br, compress, zstd, stacked codings), which answer 415.
std::optional<ContentCoding> parse_content_coding(std::string_view value);

/// The decoded body; PayloadTooLarge once it would exceed `limit` bytes, MalformedRequest when
/// the data is not valid for its coding.
Result<std::string> decode_body(std::string_view data, ContentCoding coding, std::size_t limit);

} // namespace pinsmock

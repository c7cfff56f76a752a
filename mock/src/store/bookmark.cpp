#include "store/bookmark.hpp"

#include <array>
#include <cstdlib>

namespace pinsmock {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kPrefix = "pm1|";

// FNV-1a, enough to reject edited or random bookmarks (not a security feature).
std::uint32_t checksum(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

} // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  std::size_t i = 0;
  while (i + 2 < bytes.size()) {
    std::uint32_t n = (std::uint8_t(bytes[i]) << 16) | (std::uint8_t(bytes[i + 1]) << 8) |
                      std::uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0})
      out += kAlphabet[(n >> shift) & 63];
    i += 3;
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = std::uint8_t(bytes[i]) << 16;
    if (rest == 2)
      n |= std::uint8_t(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) // "" is the valid encoding of no bytes (RFC 4648 section 10)
    return std::nullopt;
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=') {
      if (i < text.size() - 2)
        return std::nullopt;
      ++padding;
      continue;
    }
    if (padding > 0)
      return std::nullopt;
    const std::size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos)
      return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string encode_bookmark(std::uint64_t cursor) {
  std::string body = std::string(kPrefix) + std::to_string(cursor);
  return base64_encode(body + "|" + std::to_string(checksum(body)));
}

std::optional<std::uint64_t> decode_bookmark(std::string_view bookmark) {
  auto text = base64_decode(bookmark);
  if (!text || text->compare(0, kPrefix.size(), kPrefix) != 0)
    return std::nullopt;
  const std::size_t bar = text->rfind('|');
  if (bar == std::string::npos || bar < kPrefix.size())
    return std::nullopt;
  const std::string body = text->substr(0, bar);
  if (std::to_string(checksum(body)) != text->substr(bar + 1))
    return std::nullopt;
  const std::string digits = body.substr(kPrefix.size());
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const std::uint64_t cursor = std::strtoull(digits.c_str(), nullptr, 10);
  // Only the one text we write for a cursor: no leading zeros, no saturated overflow, no other
  // spelling of base64's unused bits (all found by the bookmark fuzz target).
  if (encode_bookmark(cursor) != bookmark)
    return std::nullopt;
  return cursor;
}

} // namespace pinsmock

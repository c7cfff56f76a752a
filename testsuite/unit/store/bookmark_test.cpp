#include "store/bookmark.hpp"

#include "unit/catch_optional.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

using pinsmock::base64_decode;
using pinsmock::base64_encode;
using pinsmock::decode_bookmark;
using pinsmock::encode_bookmark;

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The bookmark checksum (FNV-1a, as in bookmark.cpp), to forge bookmarks that pass it.
std::string forged(const std::string& body) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : body) {
    h ^= c;
    h *= 16777619u;
  }
  return base64_encode(body + "|" + std::to_string(h));
}

} // namespace

TEST_CASE("Bookmark: a cursor survives the round trip", "[unit][bookmark]") {
  const std::uint64_t cursor =
      GENERATE(as<std::uint64_t>{}, 0, 1, 7, 36, 12345, std::numeric_limits<std::uint64_t>::max());
  const std::string bookmark = encode_bookmark(cursor);
  INFO("cursor " << cursor << " -> " << bookmark);
  CHECK(decode_bookmark(bookmark) == std::optional<std::uint64_t>(cursor));
}

TEST_CASE("Bookmark: it is opaque base64 and differs per cursor", "[unit][bookmark]") {
  const std::string a = encode_bookmark(41);
  const std::string b = encode_bookmark(42);
  CHECK(a != b);
  CHECK(a.size() % 4 == 0);
  CHECK(a.find_first_not_of(std::string(kAlphabet) + "=") == std::string::npos);
  CHECK(a.find("41") == std::string::npos); // not the cursor in clear text
  CHECK(encode_bookmark(42) == b);          // deterministic
}

TEST_CASE("Bookmark: garbage is rejected", "[unit][bookmark]") {
  const std::string text =
      GENERATE(as<std::string>{}, "", "abc", "!!!!", "pm1|5", "null", "AAAA",
               "cG0xfDV8MTIz" /* "pm1|5|123": wrong checksum */,
               "aGVsbG8gd29ybGQ=" /* "hello world" */, "cG0xfA==" /* "pm1|" */);
  INFO("bookmark '" << text << "'");
  CHECK_FALSE(decode_bookmark(text));
}

TEST_CASE("Bookmark: a forged bookmark with a foreign cursor is rejected", "[unit][bookmark]") {
  // Someone who knows the layout but not the checksum: "pm1|<cursor>|<anything>".
  CHECK_FALSE(decode_bookmark(base64_encode("pm1|99|0")));
  CHECK_FALSE(decode_bookmark(base64_encode("pm1|99|")));
  CHECK_FALSE(decode_bookmark(base64_encode("pm1||1")));
  CHECK_FALSE(decode_bookmark(base64_encode("pm2|99|1")));
  // The layout with a non-digit cursor is rejected even with a matching checksum position.
  const std::string real = *base64_decode(encode_bookmark(99));
  CHECK(real.rfind("pm1|99|", 0) == 0);
  std::string edited = real;
  edited[4] = '8';
  CHECK_FALSE(decode_bookmark(base64_encode(edited)));
}

TEST_CASE("Bookmark: any edited character is rejected", "[unit][bookmark]") {
  const std::string bookmark = encode_bookmark(1234);
  for (std::size_t i = 0; i < bookmark.size(); ++i) {
    if (bookmark[i] == '=')
      continue;
    for (char replacement : {'A', 'z', '0', '+'}) {
      if (replacement == bookmark[i])
        continue;
      std::string edited = bookmark;
      edited[i] = replacement;
      // Even an edit confined to base64's unused bits (same bytes decoded) is refused.
      INFO("position " << i << " -> '" << replacement << "': " << edited);
      CHECK_FALSE(decode_bookmark(edited));
    }
  }
}

TEST_CASE("Bookmark: only the exact text the mock writes for a cursor is accepted",
          "[unit][bookmark]") {
  CHECK(decode_bookmark(forged("pm1|7")) == std::optional<std::uint64_t>(7));
  CHECK(forged("pm1|7") == encode_bookmark(7));
  // Other spellings that pass the checksum (found by the bookmark fuzz target).
  CHECK_FALSE(decode_bookmark(forged("pm1|007")));
  CHECK_FALSE(decode_bookmark(forged("pm1|99999999999999999999999"))); // used to saturate
  CHECK_FALSE(decode_bookmark(forged("pm1|18446744073709551616")));    // 2^64
  CHECK(decode_bookmark(forged("pm1|18446744073709551615")) ==
        std::optional<std::uint64_t>(std::numeric_limits<std::uint64_t>::max()));
  // "pm1|0|3178393409" with the unused bits of the last base64 character set.
  CHECK(*base64_decode("cG0xfDB8MzE3ODM5MzQwOR==") == *base64_decode(encode_bookmark(0)));
  CHECK_FALSE(decode_bookmark("cG0xfDB8MzE3ODM5MzQwOR=="));
}

TEST_CASE("Bookmark: every truncation is rejected", "[unit][bookmark]") {
  const std::string bookmark = encode_bookmark(987654321);
  for (std::size_t length = 0; length < bookmark.size(); ++length) {
    INFO("first " << length << " characters of " << bookmark);
    CHECK_FALSE(decode_bookmark(bookmark.substr(0, length)));
  }
  CHECK_FALSE(decode_bookmark(bookmark + "AAAA")); // extended is as bad as truncated
}

TEST_CASE("Base64: matches the RFC 4648 test vectors, padding included", "[unit][bookmark]") {
  struct Vector {
    std::string_view plain, encoded;
  };
  const Vector v = GENERATE(values<Vector>({{"", ""},
                                            {"f", "Zg=="},
                                            {"fo", "Zm8="},
                                            {"foo", "Zm9v"},
                                            {"foob", "Zm9vYg=="},
                                            {"fooba", "Zm9vYmE="},
                                            {"foobar", "Zm9vYmFy"}}));
  INFO("'" << v.plain << "' <-> '" << v.encoded << "'");
  CHECK(base64_encode(v.plain) == v.encoded);
  CHECK(base64_decode(v.encoded) == std::optional<std::string>(v.plain));
}

TEST_CASE("Base64: every byte value survives the round trip at each length mod 3",
          "[unit][bookmark]") {
  std::string bytes;
  for (int i = 0; i < 256; ++i)
    bytes += static_cast<char>(i);
  for (std::size_t cut : {256u, 255u, 254u}) {
    const std::string input = bytes.substr(0, cut);
    const std::string encoded = base64_encode(input);
    INFO(cut << " bytes");
    CHECK(encoded.size() == (cut + 2) / 3 * 4);
    CHECK(encoded.find('/') != std::string::npos); // the high half of the alphabet is used
    CHECK(base64_decode(encoded) == std::optional<std::string>(input));
  }
}

TEST_CASE("Base64: malformed text is rejected", "[unit][bookmark]") {
  const std::string text = GENERATE(as<std::string>{}, "Zg=", "Zg", "Z===", "Zg=a",
                                    "Zg==Zg==", "Zm9v!A==", "Zm9-", "Zm9_", "Zm 9v", "====");
  INFO("'" << text << "'");
  CHECK_FALSE(base64_decode(text));
}

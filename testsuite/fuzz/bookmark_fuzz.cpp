// Fuzz target "bookmark": the GET /pins bookmark decoder and the base64 under it.
// Input: a bookmark as a client would send it; or, after a leading '#', the text inside one
// ("pm1|<text>|<checksum>" is built around it with a valid checksum, so the decoder's checks past
// the checksum are reached too).

#include "fuzz_support.hpp"
#include "store/bookmark.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

// The bookmark checksum (FNV-1a, as store/bookmark.cpp): rebuilt here to forge well-formed input.
std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pinsmock;
  using pinsmock::fuzz::fail;
  std::string_view text = pinsmock::fuzz::as_text(data, size);
  std::string bookmark(text);
  if (!text.empty() && text.front() == '#') {
    const std::string body = "pm1|" + std::string(text.substr(1));
    bookmark = base64_encode(body + "|" + std::to_string(fnv1a(body)));
  }

  // A bookmark is accepted only as the mock itself writes it: one text per cursor.
  if (const auto cursor = decode_bookmark(bookmark)) {
    if (encode_bookmark(*cursor) != bookmark)
      fail("a bookmark the mock never writes is accepted",
           bookmark + " -> " + std::to_string(*cursor));
  }

  if (const auto bytes = base64_decode(text)) {
    const std::string again = base64_encode(*bytes);
    if (again.size() != text.size() || base64_decode(again) != bytes)
      fail("base64 does not round-trip", std::string(text));
  }
  return 0;
}

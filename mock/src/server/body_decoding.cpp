#include "server/body_decoding.hpp"

#include <zlib.h>

#include <array>
#include <cctype>

namespace pinsmock {
namespace {

std::string lower_trimmed(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
    value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
    value.remove_suffix(1);
  std::string out(value);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

ApiError too_large(std::size_t limit) {
  return {ErrorId::PayloadTooLarge,
          "Request body is too large: more than " + std::to_string(limit) +
              " bytes once decompressed.",
          ""};
}

// window_bits: 15 + 32 detects gzip or zlib; -15 is raw deflate. Several gzip members in a row
// are one body (RFC 1952), so the stream restarts after each end while input remains.
Result<std::string> inflate_all(std::string_view data, int window_bits, std::size_t limit) {
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK)
    return ApiError{ErrorId::InternalError, "zlib could not start.", ""};
  std::string out;
  std::array<unsigned char, 64 * 1024> chunk{};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (true) {
    stream.next_out = chunk.data();
    stream.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&stream, Z_NO_FLUSH);
    const std::size_t produced = chunk.size() - stream.avail_out;
    if (out.size() + produced > limit) {
      inflateEnd(&stream);
      return too_large(limit);
    }
    out.append(reinterpret_cast<const char*>(chunk.data()), produced);
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0)
        break;
      if (inflateReset(&stream) != Z_OK)
        break;
      continue;
    }
    if (rc == Z_BUF_ERROR && stream.avail_in == 0)
      break; // input ended before the stream did
    if (rc != Z_OK)
      break;
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END)
    return ApiError{ErrorId::MalformedRequest,
                    "Malformed HTTP request: the body is not valid for its Content-Encoding.", ""};
  return out;
}

} // namespace

std::optional<ContentCoding> parse_content_coding(std::string_view value) {
  const std::string coding = lower_trimmed(value);
  if (coding.empty() || coding == "identity")
    return ContentCoding::Identity;
  if (coding == "gzip" || coding == "x-gzip")
    return ContentCoding::Gzip;
  if (coding == "deflate")
    return ContentCoding::Deflate;
  return std::nullopt;
}

Result<std::string> decode_body(std::string_view data, ContentCoding coding, std::size_t limit) {
  switch (coding) {
  case ContentCoding::Identity:
    if (data.size() > limit)
      return too_large(limit);
    return std::string(data);
  case ContentCoding::Gzip:
    return inflate_all(data, 15 + 32, limit);
  case ContentCoding::Deflate: {
    // "deflate" means zlib-wrapped (RFC 9110), but some clients send raw deflate.
    Result<std::string> wrapped = inflate_all(data, 15, limit);
    if (wrapped || wrapped.error().id == ErrorId::PayloadTooLarge)
      return wrapped;
    return inflate_all(data, -15, limit);
  }
  }
  return std::string(data);
}

} // namespace pinsmock

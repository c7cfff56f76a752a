#pragma once
// HTTP/1.1 request framing, done before cpp-httplib parses anything: bytes in, then a complete
// request in a normalized form (de-chunked, decompressed, one Content-Length), "need more", or a
// rejection with its catalog error. Pure (no sockets, no clock), so it is unit-tested and fuzzed.

#include "core/api_types.hpp"
#include "pinsmock/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pinsmock {

/// The caps a request must fit (README "Limits").
struct FramingLimits {
  std::size_t max_body_bytes = 10 * 1024 * 1024; // after de-chunking and decompression
  std::size_t max_header_bytes = 64 * 1024;      // request line + header fields (+ trailers)
  std::size_t max_header_count = 100;
  std::size_t max_line_bytes = 8192; // one line; cpp-httplib's own cap for the target and a field
};

/// A request as the rest of the server sees it: framing headers (Content-Length,
/// Transfer-Encoding, Content-Encoding, Expect, Trailer) and Range/If-Range are gone, the body
/// is plain.
struct FramedRequest {
  std::string method;
  std::string target; // as sent: path and query, still percent-encoded
  std::string version; // "HTTP/1.1" or "HTTP/1.0"
  Headers headers;
  std::string body;

  /// The normalized bytes cpp-httplib parses: request line, headers, Content-Length, body.
  std::string wire() const;
};

struct FramingResult {
  enum class Outcome { NeedMore, Complete, Rejected };
  Outcome outcome = Outcome::NeedMore;
  /// Complete: the bytes this request used (the rest belongs to the next, pipelined request).
  std::size_t consumed = 0;
  /// NeedMore: the buffer size at which trying again can succeed (0 = any new byte may help).
  std::size_t need_bytes = 0;
  /// Complete: the request. Otherwise what was understood so far (method, target, headers once
  /// complete), so a rejection or a time-out can be journaled.
  FramedRequest request;
  /// Rejected: why; its status comes from the error catalog.
  std::optional<ApiError> error;
  /// NeedMore: the headers are in, the body is not, and the client waits for 100 Continue.
  bool expect_continue = false;

  bool has_request_line() const { return !request.method.empty(); }
};

/// Frames the first request in `bytes` (leading blank lines are skipped).
FramingResult frame_request(std::string_view bytes, const FramingLimits& limits);

/// The methods the mock answers; any other well-formed method answers 405.
bool is_known_method(std::string_view method);

} // namespace pinsmock

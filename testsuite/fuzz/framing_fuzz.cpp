// Fuzz target "framing": the bytes a client sends on one connection, through the request framing
// the connection layer runs before anything else parses them (frame_request), request after
// request as pipelined clients send them.
// Input: raw bytes, e.g. "POST /v5/pins HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n...".

#include "core/error_catalog.hpp"
#include "fuzz_support.hpp"
#include "server/request_framing.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using pinsmock::FramingResult;
using pinsmock::fuzz::fail;
using Outcome = FramingResult::Outcome;

// Small caps, so inputs of a few kilobytes reach every limit.
pinsmock::FramingLimits limits() {
  pinsmock::FramingLimits caps;
  caps.max_body_bytes = 4096;
  caps.max_header_bytes = 2048;
  caps.max_header_count = 16;
  caps.max_line_bytes = 512;
  return caps;
}

bool same_request(const pinsmock::FramedRequest& a, const pinsmock::FramedRequest& b) {
  return a.method == b.method && a.target == b.target && a.version == b.version &&
         a.headers == b.headers && a.body == b.body;
}

void check_complete(std::string_view bytes, const FramingResult& result,
                    const pinsmock::FramingLimits& caps) {
  const pinsmock::FramedRequest& request = result.request;
  if (result.consumed == 0 || result.consumed > bytes.size())
    fail("a complete request used no bytes or more than it had", std::string(bytes));
  if (request.method.empty() || request.target.empty())
    fail("a complete request has no method or target", std::string(bytes));
  if (request.body.size() > caps.max_body_bytes)
    fail("a complete request's body is over the limit", std::to_string(request.body.size()));
  if (request.headers.size() > caps.max_header_count)
    fail("a complete request has more headers than the limit", std::string(bytes));
  // The normalized form frames to the same request, whole. It may be a little larger than what
  // was sent (a Content-Length line added, CRLF for bare LF), so it is framed with room for that.
  pinsmock::FramingLimits roomier = caps;
  roomier.max_header_count += 1;
  roomier.max_header_bytes *= 2;
  roomier.max_line_bytes += 1;
  const std::string wire = request.wire();
  const FramingResult again = pinsmock::frame_request(wire, roomier);
  if (again.outcome != Outcome::Complete || again.consumed != wire.size() ||
      !same_request(again.request, request))
    fail("the normalized request does not frame to itself", wire);
  // One byte less is never already a complete request.
  const FramingResult shorter = pinsmock::frame_request(bytes.substr(0, result.consumed - 1), caps);
  if (shorter.outcome == Outcome::Complete)
    fail("a request is complete before its last byte", std::string(bytes.substr(0, result.consumed)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const pinsmock::FramingLimits caps = limits();
  std::string_view bytes = pinsmock::fuzz::as_text(data, size);
  for (int i = 0; i < 8 && !bytes.empty(); ++i) { // pipelined requests, as the connection reads them
    const FramingResult result = pinsmock::frame_request(bytes, caps);
    switch (result.outcome) {
    case Outcome::NeedMore:
      if (result.need_bytes != 0 && result.need_bytes <= bytes.size())
        fail("NeedMore asks for bytes it already has", std::to_string(result.need_bytes));
      return 0;
    case Outcome::Rejected: {
      if (!result.error)
        fail("a rejection has no error", std::string(bytes));
      const int status = pinsmock::error_spec(result.error->id).status;
      if (status < 400 || status > 599 || result.error->detail.empty())
        fail("a rejection is not a 4xx/5xx with a message", result.error->detail);
      return 0;
    }
    case Outcome::Complete:
      check_complete(bytes, result, caps);
      bytes.remove_prefix(result.consumed);
      break;
    }
  }
  return 0;
}

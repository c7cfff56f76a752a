// server/request_framing: bytes in, a normalized request, "need more", or a catalog rejection.
#include "server/request_framing.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

using namespace pinsmock;
using Outcome = FramingResult::Outcome;

namespace {

FramingLimits small_limits() {
  FramingLimits limits;
  limits.max_body_bytes = 1000;
  limits.max_header_bytes = 2000;
  limits.max_header_count = 10;
  limits.max_line_bytes = 500;
  return limits;
}

ErrorId rejection(const FramingResult& result) {
  REQUIRE(result.outcome == Outcome::Rejected);
  REQUIRE(result.error);
  return result.error->id;
}

std::string gzip(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

bool has_header(const FramedRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers)
    if (key == name)
      return true;
  return false;
}

} // namespace

TEST_CASE("RequestFraming: a GET is complete once its blank line arrives", "[unit][framing]") {
  const std::string bytes = "GET /v5/pins?page_size=2 HTTP/1.1\r\nHost: x\r\n\r\n";
  CHECK(frame_request(bytes.substr(0, bytes.size() - 1), small_limits()).outcome ==
        Outcome::NeedMore);
  const FramingResult result = frame_request(bytes, small_limits());
  REQUIRE(result.outcome == Outcome::Complete);
  CHECK(result.consumed == bytes.size());
  CHECK(result.request.method == "GET");
  CHECK(result.request.target == "/v5/pins?page_size=2");
  CHECK(result.request.body.empty());
}

TEST_CASE("RequestFraming: pipelined requests are framed one at a time", "[unit][framing]") {
  const std::string one = "GET /a HTTP/1.1\r\n\r\n";
  const std::string two = "POST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
  const FramingResult first = frame_request(one + two, small_limits());
  REQUIRE(first.outcome == Outcome::Complete);
  CHECK(first.consumed == one.size());
  const FramingResult second = frame_request(two, small_limits());
  REQUIRE(second.outcome == Outcome::Complete);
  CHECK(second.request.body == "abc");
}

TEST_CASE("RequestFraming: a POST without Content-Length has an empty body", "[unit][framing]") {
  const FramingResult result = frame_request("POST /__admin/reset HTTP/1.1\r\n\r\n", small_limits());
  REQUIRE(result.outcome == Outcome::Complete);
  CHECK(result.request.body.empty());
  CHECK(result.request.wire().find("Content-Length: 0\r\n") != std::string::npos);
}

TEST_CASE("RequestFraming: a Content-Length above the limit answers 413 before the body",
          "[unit][framing]") {
  CHECK(rejection(frame_request("POST /v5/pins HTTP/1.1\r\nContent-Length: 1001\r\n\r\n",
                                small_limits())) == ErrorId::PayloadTooLarge);
  const FramingResult waiting =
      frame_request("POST /v5/pins HTTP/1.1\r\nContent-Length: 1000\r\n\r\nab", small_limits());
  CHECK(waiting.outcome == Outcome::NeedMore);
  CHECK(waiting.need_bytes > 1000);
}

TEST_CASE("RequestFraming: a chunked body is de-chunked under the same limit", "[unit][framing]") {
  const std::string head = "POST /v5/pins HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  const FramingResult ok =
      frame_request(head + "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n", small_limits());
  REQUIRE(ok.outcome == Outcome::Complete);
  CHECK(ok.request.body == "abcde");
  CHECK_FALSE(has_header(ok.request, "Transfer-Encoding"));
  CHECK(ok.request.wire().find("Content-Length: 5\r\n") != std::string::npos);

  CHECK(frame_request(head + "3\r\nab", small_limits()).outcome == Outcome::NeedMore);
  CHECK(rejection(frame_request(head + "3E9\r\n", small_limits())) == ErrorId::PayloadTooLarge);
  CHECK(rejection(frame_request(head + "zz\r\n", small_limits())) == ErrorId::MalformedRequest);
}

TEST_CASE("RequestFraming: a gzip body is inflated under the limit, a bomb answers 413",
          "[unit][framing]") {
  const std::string head = "POST /v5/pins HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: ";
  const std::string small = gzip("{\"title\":\"x\"}");
  const FramingResult ok =
      frame_request(head + std::to_string(small.size()) + "\r\n\r\n" + small, small_limits());
  REQUIRE(ok.outcome == Outcome::Complete);
  CHECK(ok.request.body == "{\"title\":\"x\"}");
  CHECK_FALSE(has_header(ok.request, "Content-Encoding"));

  const std::string bomb = gzip(std::string(100000, 'a'));
  CHECK(bomb.size() < 1000);
  CHECK(rejection(frame_request(head + std::to_string(bomb.size()) + "\r\n\r\n" + bomb,
                                small_limits())) == ErrorId::PayloadTooLarge);
  CHECK(rejection(frame_request(head + "4\r\n\r\nnope", small_limits())) ==
        ErrorId::MalformedRequest);
  CHECK(rejection(frame_request(
            "POST / HTTP/1.1\r\nContent-Encoding: br\r\nContent-Length: 1\r\n\r\nx",
            small_limits())) == ErrorId::UnsupportedMediaType);
}

TEST_CASE("RequestFraming: Range and If-Range never reach the server", "[unit][framing]") {
  const FramingResult result = frame_request(
      "GET /v5/pins HTTP/1.1\r\nRange: bytes=0-1,2-3\r\nIf-Range: x\r\nAccept: */*\r\n\r\n",
      small_limits());
  REQUIRE(result.outcome == Outcome::Complete);
  CHECK_FALSE(has_header(result.request, "Range"));
  CHECK_FALSE(has_header(result.request, "If-Range"));
  CHECK(has_header(result.request, "Accept"));
}

TEST_CASE("RequestFraming: header size and count are capped (431, 414)", "[unit][framing]") {
  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 11; ++i)
    many += "X-" + std::to_string(i) + ": 1\r\n";
  CHECK(rejection(frame_request(many + "\r\n", small_limits())) == ErrorId::HeadersTooLarge);
  CHECK(rejection(frame_request("GET / HTTP/1.1\r\nX: " + std::string(600, 'a'), small_limits())) ==
        ErrorId::HeadersTooLarge);
  const FramingResult long_line = frame_request("GET /" + std::string(600, 'a'), small_limits());
  CHECK(rejection(long_line) == ErrorId::UriTooLong);
  CHECK(long_line.request.method == "GET");
}

TEST_CASE("RequestFraming: an unknown method answers 405, a broken request line 400",
          "[unit][framing]") {
  const FramingResult unknown = frame_request("BREW /v5/pins HTTP/1.1\r\n\r\n", small_limits());
  CHECK(rejection(unknown) == ErrorId::MethodNotAllowed);
  CHECK(unknown.request.target == "/v5/pins");
  CHECK(rejection(frame_request("garbage\r\n\r\n", small_limits())) == ErrorId::MalformedRequest);
  CHECK(rejection(frame_request("GET / HTTP/9.9\r\n\r\n", small_limits())) ==
        ErrorId::MalformedRequest);
  CHECK(rejection(frame_request("GET / HTTP/1.1\r\n folded\r\n\r\n", small_limits())) ==
        ErrorId::MalformedRequest);
}

TEST_CASE("RequestFraming: Content-Length with Transfer-Encoding is refused", "[unit][framing]") {
  CHECK(rejection(frame_request("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: "
                                "chunked\r\n\r\n",
                                small_limits())) == ErrorId::MalformedRequest);
  CHECK(rejection(frame_request("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
                                small_limits())) == ErrorId::MalformedRequest);
}

TEST_CASE("RequestFraming: Expect 100-continue is reported while the body is awaited",
          "[unit][framing]") {
  const FramingResult result = frame_request(
      "PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n", small_limits());
  CHECK(result.outcome == Outcome::NeedMore);
  CHECK(result.expect_continue);
}

#include "server/request_framing.hpp"

#include "server/body_decoding.hpp"

#include <array>
#include <cctype>

namespace pinsmock {
namespace {

using Outcome = FramingResult::Outcome;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// RFC 9110 tchar: what a method or a field name may contain.
bool is_token(std::string_view text) {
  if (text.empty())
    return false;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos))
      return false;
  }
  return true;
}

bool is_target(std::string_view text) {
  if (text.empty())
    return false;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f)
      return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

// Headers the framing consumes: the normalized request carries one Content-Length instead.
// Range and If-Range go too: API answers are never partial (a 2,700-part Range once turned
// an 8 KB request into an 85 MB answer).
bool is_framing_header(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "Content-Length", "Transfer-Encoding", "Content-Encoding", "Expect",
      "Trailer",        "Range",             "If-Range"};
  for (std::string_view known : kNames)
    if (iequals(name, known))
      return true;
  return false;
}

FramingResult reject(FramingResult result, ErrorId id, std::string detail) {
  result.outcome = Outcome::Rejected;
  result.error = ApiError{id, std::move(detail), ""};
  return result;
}

FramingResult malformed(FramingResult result, const std::string& what) {
  return reject(std::move(result), ErrorId::MalformedRequest, "Malformed HTTP request: " + what + ".");
}

// One line ending at '\n' (a '\r' before it is dropped); nullopt while it is incomplete.
std::optional<std::string_view> next_line(std::string_view bytes, std::size_t& pos) {
  const std::size_t end = bytes.find('\n', pos);
  if (end == std::string_view::npos)
    return std::nullopt;
  std::string_view line = bytes.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  pos = end + 1;
  return line;
}

struct Chunked {
  enum class State { Incomplete, Done, Malformed, TooLarge } state = State::Incomplete;
  std::size_t end = 0; // offset just past the trailers when Done
};

// Walks a chunked body from `pos`, appending the data to `out` when given (the walk without a
// copy runs on every read; the copy once, when complete).
Chunked walk_chunks(std::string_view bytes, std::size_t pos, const FramingLimits& limits,
                    std::string* out) {
  Chunked result;
  std::size_t total = 0;
  while (true) {
    const std::size_t line_start = pos;
    const std::optional<std::string_view> line = next_line(bytes, pos);
    if (!line) {
      if (bytes.size() - line_start > limits.max_line_bytes)
        result.state = Chunked::State::Malformed;
      return result;
    }
    const std::string_view size_text = trim(line->substr(0, line->find(';')));
    if (size_text.empty() || size_text.size() > 15)
      return {Chunked::State::Malformed, 0};
    std::size_t size = 0;
    for (const char c : size_text) {
      if (!std::isxdigit(static_cast<unsigned char>(c)))
        return {Chunked::State::Malformed, 0};
      size = size * 16 + static_cast<std::size_t>(std::isdigit(static_cast<unsigned char>(c))
                                                      ? c - '0'
                                                      : std::tolower(c) - 'a' + 10);
    }
    if (size == 0)
      break;
    total += size;
    if (total > limits.max_body_bytes)
      return {Chunked::State::TooLarge, 0};
    if (bytes.size() < pos + size + 1)
      return result;
    if (out)
      out->append(bytes.substr(pos, size));
    pos += size;
    if (bytes[pos] == '\n') {
      pos += 1;
    } else if (bytes[pos] == '\r') {
      if (bytes.size() < pos + 2)
        return result;
      if (bytes[pos + 1] != '\n')
        return {Chunked::State::Malformed, 0};
      pos += 2;
    } else {
      return {Chunked::State::Malformed, 0};
    }
  }
  // Trailer fields (ignored) up to an empty line.
  const std::size_t trailers_start = pos;
  while (true) {
    const std::optional<std::string_view> line = next_line(bytes, pos);
    if (!line) {
      if (bytes.size() - trailers_start > limits.max_header_bytes)
        result.state = Chunked::State::Malformed;
      return result;
    }
    if (pos - trailers_start > limits.max_header_bytes)
      return {Chunked::State::Malformed, 0};
    if (line->empty())
      return {Chunked::State::Done, pos};
  }
}

} // namespace

bool is_known_method(std::string_view method) {
  static constexpr std::array<std::string_view, 7> kMethods = {"GET",    "HEAD",  "POST",
                                                               "PUT",    "PATCH", "DELETE",
                                                               "OPTIONS"};
  for (std::string_view known : kMethods)
    if (method == known)
      return true;
  return false;
}

std::string FramedRequest::wire() const {
  std::string out;
  out.reserve(target.size() + body.size() + 64 * (headers.size() + 2));
  out.append(method).append(" ").append(target).append(" ").append(version).append("\r\n");
  for (const auto& [name, value] : headers)
    out.append(name).append(": ").append(value).append("\r\n");
  // A POST, PUT or PATCH without a body still says so: cpp-httplib 0.11.4 answers 400 when
  // such a request has neither Content-Length nor chunking (`curl -X POST` sends neither).
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  out.append("\r\n").append(body);
  return out;
}

FramingResult frame_request(std::string_view bytes, const FramingLimits& limits) {
  FramingResult result;
  std::size_t pos = 0;
  // RFC 9112 2.2: ignore blank lines before the request line (bounded like any header bytes).
  while (pos < bytes.size() && (bytes[pos] == '\r' || bytes[pos] == '\n'))
    ++pos;
  if (pos > limits.max_header_bytes)
    return malformed(std::move(result), "too many blank lines before the request line");
  const std::size_t start = pos;

  // Request line.
  const std::optional<std::string_view> request_line = next_line(bytes, pos);
  if (!request_line) {
    if (bytes.size() - start > limits.max_line_bytes) {
      // Name the method in the journal when the line starts like a request.
      const std::string_view head = bytes.substr(start, bytes.find(' ', start) - start);
      if (is_token(head) && head.size() < 32)
        result.request.method = head;
      return reject(std::move(result), ErrorId::UriTooLong,
                    "Request line longer than " + std::to_string(limits.max_line_bytes) +
                        " bytes.");
    }
    return result;
  }
  if (request_line->size() > limits.max_line_bytes)
    return reject(std::move(result), ErrorId::UriTooLong,
                  "Request line longer than " + std::to_string(limits.max_line_bytes) + " bytes.");
  {
    const std::size_t first_space = request_line->find(' ');
    const std::size_t last_space = request_line->rfind(' ');
    if (first_space == std::string_view::npos || first_space == last_space)
      return malformed(std::move(result), "the request line is not METHOD TARGET HTTP/1.1");
    const std::string_view method = request_line->substr(0, first_space);
    const std::string_view target =
        request_line->substr(first_space + 1, last_space - first_space - 1);
    const std::string_view version = request_line->substr(last_space + 1);
    if (!is_token(method) || !is_target(target))
      return malformed(std::move(result), "the request line is not METHOD TARGET HTTP/1.1");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
      return malformed(std::move(result), "unsupported HTTP version");
    result.request.method = method;
    result.request.target = target;
    result.request.version = version;
  }

  // Header fields.
  std::optional<std::string> content_length;
  std::optional<std::string> transfer_encoding;
  std::optional<std::string> content_encoding;
  bool expect_continue = false;
  std::size_t count = 0;
  while (true) {
    const std::size_t line_start = pos;
    const std::optional<std::string_view> line = next_line(bytes, pos);
    const std::size_t used = (line ? pos : bytes.size()) - start;
    if (used > limits.max_header_bytes)
      return reject(std::move(result), ErrorId::HeadersTooLarge,
                    "Request header fields exceed " + std::to_string(limits.max_header_bytes) +
                        " bytes.");
    if (!line) {
      if (bytes.size() - line_start > limits.max_line_bytes)
        return reject(std::move(result), ErrorId::HeadersTooLarge,
                      "A header field is longer than " + std::to_string(limits.max_line_bytes) +
                          " bytes.");
      return result;
    }
    if (line->empty())
      break;
    if (line->size() > limits.max_line_bytes)
      return reject(std::move(result), ErrorId::HeadersTooLarge,
                    "A header field is longer than " + std::to_string(limits.max_line_bytes) +
                        " bytes.");
    if (++count > limits.max_header_count)
      return reject(std::move(result), ErrorId::HeadersTooLarge,
                    "More than " + std::to_string(limits.max_header_count) + " header fields.");
    if (line->front() == ' ' || line->front() == '\t')
      return malformed(std::move(result), "folded header lines are not allowed");
    const std::size_t colon = line->find(':');
    if (colon == std::string_view::npos || !is_token(line->substr(0, colon)))
      return malformed(std::move(result), "a header field is not NAME: VALUE");
    const std::string_view name = line->substr(0, colon);
    const std::string_view value = trim(line->substr(colon + 1));
    for (const char c : value)
      if (c == '\0' || c == '\r')
        return malformed(std::move(result), "a header value contains a control character");
    auto once = [&](std::optional<std::string>& slot) {
      if (slot && *slot != value)
        return false;
      slot = std::string(value);
      return true;
    };
    if (iequals(name, "Content-Length") && !once(content_length))
      return malformed(std::move(result), "conflicting Content-Length fields");
    if (iequals(name, "Transfer-Encoding") && !once(transfer_encoding))
      return malformed(std::move(result), "more than one Transfer-Encoding field");
    if (iequals(name, "Content-Encoding") && !once(content_encoding))
      return reject(std::move(result), ErrorId::UnsupportedMediaType,
                    "Only one Content-Encoding (gzip or deflate) is supported.");
    if (iequals(name, "Expect") && iequals(value, "100-continue"))
      expect_continue = true;
    if (!is_framing_header(name))
      result.request.headers.emplace_back(std::string(name), std::string(value));
  }
  const std::size_t body_start = pos;

  if (!is_known_method(result.request.method))
    return reject(std::move(result), ErrorId::MethodNotAllowed,
                  "Method " + result.request.method + " is not supported.");

  // Body framing (RFC 9112 6.3). Both fields at once is a request-smuggling shape: refused.
  std::size_t body_end = body_start;
  std::string raw_body;
  if (transfer_encoding) {
    if (content_length)
      return malformed(std::move(result), "both Content-Length and Transfer-Encoding");
    if (!iequals(*transfer_encoding, "chunked"))
      return malformed(std::move(result),
                       "Transfer-Encoding '" + *transfer_encoding + "' is not supported (only chunked)");
    const Chunked walk = walk_chunks(bytes, body_start, limits, nullptr);
    if (walk.state == Chunked::State::TooLarge)
      return reject(std::move(result), ErrorId::PayloadTooLarge,
                    "Request body is too large: more than " + std::to_string(limits.max_body_bytes) +
                        " bytes.");
    if (walk.state == Chunked::State::Malformed)
      return malformed(std::move(result), "invalid chunked body");
    if (walk.state == Chunked::State::Incomplete) {
      // Chunk framing may cost at most as much as the data plus the header allowance.
      if (bytes.size() - body_start > 2 * limits.max_body_bytes + limits.max_header_bytes)
        return reject(std::move(result), ErrorId::PayloadTooLarge,
                      "Request body is too large: its chunk framing exceeds the limit.");
      result.expect_continue = expect_continue;
      return result;
    }
    walk_chunks(bytes, body_start, limits, &raw_body);
    body_end = walk.end;
  } else if (content_length) {
    if (content_length->empty() || content_length->size() > 18 ||
        content_length->find_first_not_of("0123456789") != std::string::npos)
      return malformed(std::move(result), "invalid Content-Length");
    const std::size_t length = std::stoull(*content_length);
    if (length > limits.max_body_bytes)
      return reject(std::move(result), ErrorId::PayloadTooLarge,
                    "Request body is too large: " + std::to_string(length) + " bytes, the limit is " +
                        std::to_string(limits.max_body_bytes) + ".");
    if (bytes.size() - body_start < length) {
      result.need_bytes = body_start + length;
      result.expect_continue = expect_continue;
      return result;
    }
    raw_body = std::string(bytes.substr(body_start, length));
    body_end = body_start + length;
  }

  if (content_encoding) {
    const std::optional<ContentCoding> coding = parse_content_coding(*content_encoding);
    if (!coding)
      return reject(std::move(result), ErrorId::UnsupportedMediaType,
                    "Content-Encoding '" + *content_encoding +
                        "' is not supported (gzip, deflate or identity).");
    Result<std::string> decoded = decode_body(raw_body, *coding, limits.max_body_bytes);
    if (!decoded) {
      result.outcome = Outcome::Rejected;
      result.error = decoded.error();
      return result;
    }
    result.request.body = std::move(*decoded);
  } else {
    result.request.body = std::move(raw_body);
  }
  result.outcome = Outcome::Complete;
  result.consumed = body_end;
  return result;
}

} // namespace pinsmock

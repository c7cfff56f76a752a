#include "server/connection.hpp"

#include "core/error_catalog.hpp"
#include "server/httplib_adapter.hpp"
#include "server/wire_codec.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>

namespace pinsmock {
namespace {

using std::chrono::milliseconds;

constexpr std::size_t kReadChunk = 64 * 1024;
// After a rejection the client may still be sending its body: read (and drop) this much, for
// at most this long, so that close() does not reset the connection under the answer.
constexpr std::size_t kDrainBytes = 1024 * 1024;
constexpr milliseconds kDrainTime{1000};
// SlowBody sends a piece about this often.
constexpr milliseconds kSlowBodyStep{20};

const char* reason_phrase(int status) {
  switch (status) {
  case 400: return "Bad Request";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  case 408: return "Request Timeout";
  case 413: return "Payload Too Large";
  case 414: return "URI Too Long";
  case 415: return "Unsupported Media Type";
  case 431: return "Request Header Fields Too Large";
  case 500: return "Internal Server Error";
  case 503: return "Service Unavailable";
  default: return "Error";
  }
}

HttpResponse error_answer(const ApiError& error) {
  HttpResponse response;
  response.status = error_spec(error.id).status;
  response.body = json::dump(error_body(error));
  return response;
}

int poll_timeout_ms(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<long long>(left.count() + 1, 0, INT_MAX));
}

} // namespace

std::string serialize_closing_answer(const HttpResponse& response) {
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " +
                    reason_phrase(response.status) + "\r\n";
  out += "Content-Type: " + response.content_type + "\r\n";
  out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  out += "Cache-Control: no-cache, no-store, must-revalidate\r\n";
  out += "X-Content-Type-Options: nosniff\r\n";
  out += "Connection: close\r\n";
  for (const auto& [name, value] : response.headers)
    out += name + ": " + value + "\r\n";
  out += "\r\n";
  out += response.body;
  return out;
}

Connection::Connection(ConnectionServer& server, ConnectionSlot& slot, ByteStream& stream)
    : server_(server), slot_(slot), stream_(stream) {
  // Non-blocking: every wait is a poll() with a deadline, for any descriptor number.
  const int flags = fcntl(slot_.sock, F_GETFL, 0);
  fcntl(slot_.sock, F_SETFL, flags | O_NONBLOCK);
  int yes = 1;
  setsockopt(slot_.sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
}

Connection::Ending Connection::run() {
  const ConnectionLimits& limits = server_.limits();
  if (!handshake())
    return Ending::Close;
  while (true) {
    if (input_.empty()) {
      // Between requests: idle, and the first to go when the connection cap is reached.
      server_.set_idle(slot_, true);
      const Read read = read_more(Clock::now() + limits.idle_timeout);
      server_.set_idle(slot_, false);
      if (read != Read::Data)
        return Ending::Close;
    }
    // Slowloris: the whole request must arrive within request_timeout of its first byte.
    const Clock::time_point deadline = Clock::now() + limits.request_timeout;
    bool continue_sent = false;
    FramingResult framing = frame_request(input_, limits.framing);
    while (framing.outcome == FramingResult::Outcome::NeedMore) {
      if (framing.expect_continue && !continue_sent) {
        if (!write_all("HTTP/1.1 100 Continue\r\n\r\n"))
          return Ending::Close;
        continue_sent = true;
      }
      do {
        const Read read = read_more(deadline);
        if (read == Read::Closed)
          return Ending::Close;
        if (read == Read::Timeout)
          return reject(framing, {ErrorId::RequestTimeout,
                                  "The request did not arrive within " +
                                      std::to_string(limits.request_timeout.count()) +
                                      " ms of its first byte.",
                                  ""});
      } while (framing.need_bytes > input_.size());
      framing = frame_request(input_, limits.framing);
    }
    if (framing.outcome == FramingResult::Outcome::Rejected)
      return reject(framing, *framing.error);
    input_.erase(0, framing.consumed);

    bool closed = false;
    std::string answer = server_.answer(framing.request, server_.interrupted(slot_), closed);
    if (answer.empty())
      return Ending::Close;
    const WireEffect effect = take_wire_effect(answer);
    bool keep_open = !closed;
    const Ending ending = deliver(std::move(answer), effect, keep_open);
    // A client that reads nothing is reset: closing politely would leave the kernel trying to
    // deliver the unread answer to it for minutes.
    if (write_timed_out_)
      return Ending::Reset;
    if (!keep_open)
      return ending;
  }
}

Connection::Ending Connection::refuse_busy() {
  if (!handshake())
    return Ending::Close;
  const std::size_t cap = server_.limits().max_connections;
  return finish_and_close(serialize_closing_answer(error_answer(
      {ErrorId::ServiceUnavailable,
       "pins-mock has " + std::to_string(cap) +
           " open connections (its limit) and none is idle; retry later.",
       ""})));
}

bool Connection::handshake() {
  const Clock::time_point deadline = Clock::now() + server_.limits().request_timeout;
  while (true) {
    const ByteStream::Io io = stream_.handshake();
    if (io == ByteStream::Io::Done)
      return true;
    if (io == ByteStream::Io::Closed || Clock::now() >= deadline || poll_for(io, deadline) < 0)
      return false;
  }
}

int Connection::poll_for(ByteStream::Io want, Clock::time_point deadline) {
  pollfd pfd{slot_.sock, static_cast<short>(want == ByteStream::Io::WantWrite ? POLLOUT : POLLIN), 0};
  const int ready = ::poll(&pfd, 1, poll_timeout_ms(deadline));
  return ready < 0 && errno == EINTR ? 0 : ready;
}

Connection::Read Connection::read_more(Clock::time_point deadline) {
  std::array<char, kReadChunk> buffer;
  ByteStream::Io want = ByteStream::Io::WantRead;
  while (true) {
    if (Clock::now() >= deadline)
      return Read::Timeout;
    // Poll first (the plain case: no wasted recv), unless TLS already holds decrypted bytes.
    if (!stream_.buffered()) {
      const int ready = poll_for(want, deadline);
      if (ready < 0)
        return Read::Closed;
      if (ready <= 0)
        continue;
    }
    std::size_t got = 0;
    want = stream_.read(buffer.data(), buffer.size(), got);
    if (want == ByteStream::Io::Done) {
      input_.append(buffer.data(), got);
      return Read::Data;
    }
    if (want == ByteStream::Io::Closed)
      return Read::Closed;
  }
}

bool Connection::write_all(std::string_view bytes) {
  // The time-out counts from the last progress: a client that reads slowly is served, one that
  // never reads is dropped.
  Clock::time_point deadline = Clock::now() + server_.limits().write_timeout;
  while (!bytes.empty()) {
    std::size_t sent = 0;
    const ByteStream::Io io = stream_.write(bytes.data(), bytes.size(), sent);
    if (io == ByteStream::Io::Done) {
      bytes.remove_prefix(sent);
      deadline = Clock::now() + server_.limits().write_timeout;
      continue;
    }
    if (io == ByteStream::Io::Closed)
      return false;
    if (Clock::now() >= deadline) {
      write_timed_out_ = true;
      return false;
    }
    if (poll_for(io, deadline) < 0)
      return false;
  }
  return true;
}

Connection::Ending Connection::finish_and_close(const std::string& answer) {
  if (!write_all(answer))
    return write_timed_out_ ? Ending::Reset : Ending::Close;
  stream_.shutdown_write();
  const Clock::time_point until = Clock::now() + kDrainTime;
  std::size_t drained = 0;
  while (drained < kDrainBytes && !server_.interrupted(slot_)) {
    input_.clear();
    if (read_more(until) != Read::Data)
      break;
    drained += input_.size();
  }
  return Ending::Close;
}

Connection::Ending Connection::reject(const FramingResult& framing, const ApiError& error) {
  // Journaled like any API request (admin paths excepted), so a report lists what the client
  // sent even when it never reached routing.
  const HttpResponse response = server_.reject(to_http_request(framing.request), error);
  return finish_and_close(serialize_closing_answer(response));
}

Connection::Ending Connection::deliver(std::string answer, const WireEffect& effect,
                                       bool& keep_open) {
  if (effect.delay.count() > 0 && !server_.pause(slot_, effect.delay)) {
    keep_open = false;
    return Ending::Close;
  }
  const std::size_t header_end = answer.find("\r\n\r\n");
  const std::size_t body_start = header_end == std::string::npos ? answer.size() : header_end + 4;
  const std::string_view bytes(answer);
  switch (effect.fault) {
  case WireEffect::Fault::ConnectionReset:
    keep_open = false;
    return Ending::Reset;
  case WireEffect::Fault::EmptyResponse:
    keep_open = false;
    return Ending::Close;
  case WireEffect::Fault::TruncatedBody:
    keep_open = false;
    write_all(bytes.substr(0, body_start + (answer.size() - body_start) / 2));
    return Ending::Close;
  case WireEffect::Fault::SlowBody: {
    if (!write_all(bytes.substr(0, body_start))) {
      keep_open = false;
      return Ending::Close;
    }
    const std::size_t body_size = answer.size() - body_start;
    const std::size_t pieces = std::clamp<std::size_t>(
        static_cast<std::size_t>(effect.body_duration / kSlowBodyStep), 1,
        std::max<std::size_t>(body_size, 1));
    const milliseconds pause = effect.body_duration / static_cast<long>(pieces);
    std::size_t sent = 0;
    for (std::size_t i = 0; i < pieces; ++i) {
      if (!server_.pause(slot_, pause)) {
        keep_open = false;
        return Ending::Close;
      }
      const std::size_t end = body_size * (i + 1) / pieces;
      if (!write_all(bytes.substr(body_start + sent, end - sent))) {
        keep_open = false;
        return Ending::Close;
      }
      sent = end;
    }
    return Ending::Close;
  }
  case WireEffect::Fault::None:
    break;
  }
  if (!write_all(bytes))
    keep_open = false;
  return Ending::Close;
}

} // namespace pinsmock

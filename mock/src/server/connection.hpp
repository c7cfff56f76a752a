#pragma once
// One client connection from its first byte to its close: reads with poll() and deadlines
// (through a ByteStream: plain TCP or TLS, the same waits either way),
// frames each request (server/request_framing), has it answered (ConnectionServer::answer),
// and delivers the answer as its WireEffect says. Pipelined requests are answered in order from
// one persistent buffer.

#include "server/byte_stream.hpp"
#include "server/connection_server.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace pinsmock {

class Connection {
public:
  enum class Ending { Close, Reset };

  Connection(ConnectionServer& server, ConnectionSlot& slot, ByteStream& stream);

  /// Serves requests until the client closes, a time-out, a rejection or a stop.
  Ending run();
  /// Answers 503 (too many connections) without reading a request.
  Ending refuse_busy();
  /// A polite close for the stream (TLS close_notify) when the connection ends normally.
  void close_notify() { stream_.close_notify(); }

private:
  using Clock = std::chrono::steady_clock;
  enum class Read { Data, Timeout, Closed };

  /// TLS: completes the handshake within request_timeout (a stalled client cannot hold the
  /// connection longer than a slow request could). Plain: true at once.
  bool handshake();
  /// poll() for what `want` asks until the deadline: > 0 ready, 0 not yet (or EINTR), < 0 error.
  int poll_for(ByteStream::Io want, Clock::time_point deadline);
  Read read_more(Clock::time_point deadline);
  bool write_all(std::string_view bytes);
  /// Sends the rest of an answer after a rejection, then closes after the client's last bytes
  /// (closing with unread input would send RST and could destroy the answer in flight).
  Ending finish_and_close(const std::string& answer);
  Ending reject(const FramingResult& framing, const ApiError& error);
  Ending deliver(std::string answer, const WireEffect& effect, bool& keep_open);

  ConnectionServer& server_;
  ConnectionSlot& slot_;
  ByteStream& stream_;
  std::string input_;
  bool write_timed_out_ = false;
};

/// A JSON error answer with `Connection: close`, serialized without cpp-httplib (for requests
/// it never sees).
std::string serialize_closing_answer(const HttpResponse& response);

} // namespace pinsmock

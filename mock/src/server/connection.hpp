#pragma once
// One client connection from its first byte to its close: reads with poll() and deadlines,
// frames each request (server/request_framing), has it answered (ConnectionServer::answer),
// and delivers the answer as its WireEffect says. Pipelined requests are answered in order from
// one persistent buffer.

#include "server/connection_server.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace pinsmock {

class Connection {
public:
  enum class Ending { Close, Reset };

  Connection(ConnectionServer& server, ConnectionSlot& slot);

  /// Serves requests until the client closes, a time-out, a rejection or a stop.
  Ending run();
  /// Answers 503 (too many connections) without reading a request.
  Ending refuse_busy();

private:
  using Clock = std::chrono::steady_clock;
  enum class Read { Data, Timeout, Closed };

  Read read_more(Clock::time_point deadline);
  bool write_all(std::string_view bytes);
  /// Sends the rest of an answer after a rejection, then closes after the client's last bytes
  /// (closing with unread input would send RST and could destroy the answer in flight).
  Ending finish_and_close(const std::string& answer);
  Ending reject(const FramingResult& framing, const ApiError& error);
  Ending deliver(std::string answer, const WireEffect& effect, bool& keep_open);

  ConnectionServer& server_;
  ConnectionSlot& slot_;
  std::string input_;
  bool write_timed_out_ = false;
};

/// A JSON error answer with `Connection: close`, serialized without cpp-httplib (for requests
/// it never sees).
std::string serialize_closing_answer(const HttpResponse& response);

} // namespace pinsmock

#pragma once
// A bare TCP client for tests and the benchmark that must misbehave on purpose (slowloris,
// pipelining, never reading, resets) or see exactly what the server put on the wire.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pinsmock::test {

/// One HTTP/1.1 answer as read off the wire.
struct RawResponse {
  int status = 0;
  std::string head; // status line and header fields, without the blank line
  std::string body;

  /// The first header with this name (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

class RawSocket {
public:
  /// Connects to 127.0.0.1:port; throws std::runtime_error when it cannot. Without waiting, the
  /// handshake completes in the background (many simultaneous connects).
  explicit RawSocket(int port, bool wait_for_connection = true);
  RawSocket(RawSocket&& other) noexcept;
  RawSocket& operator=(RawSocket&& other) noexcept;
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;
  ~RawSocket();

  /// Sends every byte (waiting at most `timeout` for progress); false when the peer is gone.
  bool send(std::string_view bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  /// Reads one answer framed by Content-Length; nullopt when the connection ends or the time
  /// runs out first.
  std::optional<RawResponse> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  enum class End { Closed, Reset, Timeout };
  struct Drained {
    std::string bytes;
    End end = End::Timeout;
  };
  /// Reads until the server closes (FIN or RST) or the time runs out.
  Drained read_until_closed(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  /// Shrinks the receive buffer (before connecting matters most; here it bounds further reads).
  void set_receive_buffer(int bytes);
  int fd() const { return fd_; }

private:
  int fd_ = -1;
  std::string pending_; // bytes read past the last answer (pipelining)
};

/// "GET <target> HTTP/1.1" with a Host header and a bearer token (when given).
std::string get_request(std::string_view target, std::string_view token = "");

/// The memory this process holds, in bytes, for tests that bound growth: resident memory
/// (/proc/self/statm), or in a sanitizer build the heap bytes in use, because the sanitizers keep
/// freed blocks in quarantine and add shadow memory, which resident memory would count as growth.
std::size_t memory_in_use();

} // namespace pinsmock::test

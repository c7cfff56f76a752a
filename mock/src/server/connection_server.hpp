#pragma once
// cpp-httplib's Server with our own connection layer (mock/README.md "Connections"): httplib
// binds, accepts and turns a framed request into an answer (routing, handlers, serialization);
// everything between the socket and that is ours. Each connection has its own thread, so idle,
// slow or non-reading clients never hold a worker another client needs; connections are capped,
// time-outs are explicit, and stop() interrupts every one of them.

#include "core/api_types.hpp"
#include "pinsmock/result.hpp"
#include "server/request_framing.hpp"
#include "server/tls_stream.hpp"

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>

namespace pinsmock {

struct ConnectionLimits {
  std::size_t max_connections = 4096;
  std::chrono::milliseconds idle_timeout{30000};    // a keep-alive connection between requests
  std::chrono::milliseconds request_timeout{10000}; // first byte to last byte of one request
  std::chrono::milliseconds write_timeout{10000};   // without progress writing an answer
  FramingLimits framing;
};

/// Journals a request the connection layer turned away before routing and returns its answer.
using RejectHandler = std::function<HttpResponse(const HttpRequest&, const ApiError&)>;

/// One open connection, as the server's registry sees it (guarded by the server's mutex).
struct ConnectionSlot {
  socket_t sock = INVALID_SOCKET;
  bool idle = false; // waiting for the next request of a keep-alive connection
  std::chrono::steady_clock::time_point idle_since;
  bool interrupted = false; // evicted or stopping: leave as soon as possible
};

class ConnectionServer : public httplib::Server {
public:
  /// With a TLS context every connection speaks HTTPS (handshake first, same limits).
  ConnectionServer(ConnectionLimits limits, RejectHandler reject,
                   std::shared_ptr<const TlsContext> tls = nullptr);
  ~ConnectionServer() override;

  /// After a bind: enlarges the listen backlog (Debian's 0.11.4 listens with 5) and accepts
  /// connections again after an earlier close_connections().
  void after_bind();
  /// Refuses new connections, shuts every open one down and wakes every paused delivery, so the
  /// accept loop's stop() returns at once whatever clients do. Call before stop().
  void close_connections() noexcept;
  std::size_t open_connections() const;
  const ConnectionLimits& limits() const { return limits_; }

  // For server/connection.cpp.
  /// Routes one framed request through cpp-httplib; returns the serialized answer.
  std::string answer(const FramedRequest& request, bool close_connection, bool& connection_closed);
  HttpResponse reject(const HttpRequest& request, const ApiError& error) const;
  /// Sleeps for `duration` unless the connection is interrupted first; false when interrupted.
  bool pause(ConnectionSlot& slot, std::chrono::milliseconds duration);
  void set_idle(ConnectionSlot& slot, bool idle);
  bool interrupted(const ConnectionSlot& slot) const;

private:
  bool process_and_close_socket(socket_t sock) override;
  /// At the cap: interrupts the connection idle the longest; false when none is idle.
  bool evict_idle_locked(const ConnectionSlot& except);

  ConnectionLimits limits_;
  RejectHandler reject_;
  std::shared_ptr<const TlsContext> tls_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::list<ConnectionSlot> slots_;
  bool closing_ = false;
};

} // namespace pinsmock

#pragma once
// The bytes of one connection, plain or TLS, as non-blocking attempts: the connection
// (server/connection.cpp) does every wait itself with poll() and its deadlines, so a TLS
// handshake or record obeys the same time-outs as plain reads and writes.

#include <cstddef>
#include <memory>

namespace pinsmock {

class ByteStream {
public:
  /// Done: progress was made. WantRead/WantWrite: poll the descriptor for that, then retry.
  enum class Io { Done, WantRead, WantWrite, Closed };

  explicit ByteStream(int fd) : fd_(fd) {}
  virtual ~ByteStream() = default;
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  int fd() const { return fd_; }

  /// TLS: one step of the server handshake. Plain: Done at once.
  virtual Io handshake() { return Io::Done; }
  /// Bytes already decrypted and waiting (no poll needed before the next read).
  virtual bool buffered() const { return false; }
  virtual Io read(char* buffer, std::size_t size, std::size_t& got) = 0;
  virtual Io write(const char* data, std::size_t size, std::size_t& sent) = 0;
  /// Ends our sending direction (TLS: close_notify, then the TCP half-close).
  virtual void shutdown_write() = 0;
  /// A polite end before close() (TLS: close_notify, best effort). Plain: nothing.
  virtual void close_notify() {}

private:
  int fd_;
};

/// The plain TCP stream of a connected socket.
std::unique_ptr<ByteStream> plain_stream(int fd);

} // namespace pinsmock

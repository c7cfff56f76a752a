#include "server/byte_stream.hpp"

#include <sys/socket.h>

#include <cerrno>

namespace pinsmock {
namespace {

class PlainStream : public ByteStream {
public:
  using ByteStream::ByteStream;

  Io read(char* buffer, std::size_t size, std::size_t& got) override {
    const ssize_t n = ::recv(fd(), buffer, size, 0);
    if (n > 0) {
      got = static_cast<std::size_t>(n);
      return Io::Done;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
      return Io::WantRead;
    return Io::Closed;
  }

  Io write(const char* data, std::size_t size, std::size_t& sent) override {
    const ssize_t n = ::send(fd(), data, size, MSG_NOSIGNAL);
    if (n > 0) {
      sent = static_cast<std::size_t>(n);
      return Io::Done;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      return Io::Closed;
    return Io::WantWrite;
  }

  void shutdown_write() override { ::shutdown(fd(), SHUT_WR); }
};

} // namespace

std::unique_ptr<ByteStream> plain_stream(int fd) { return std::make_unique<PlainStream>(fd); }

} // namespace pinsmock

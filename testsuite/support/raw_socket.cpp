#include "support/raw_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <stdexcept>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PINSMOCK_SANITIZED_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define PINSMOCK_SANITIZED_HEAP 1
#endif
#endif
#ifdef PINSMOCK_SANITIZED_HEAP
// From the sanitizer run-time (ASan's and TSan's); declared here because g++ ships no
// <sanitizer/allocator_interface.h>.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace pinsmock::test {
namespace {

using Clock = std::chrono::steady_clock;

int left_ms(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left > INT_MAX ? INT_MAX : left);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

} // namespace

std::string RawResponse::header(std::string_view name) const {
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos && pos + 2 < head.size()) {
    const std::size_t start = pos + 2;
    const std::size_t end = head.find("\r\n", start);
    const std::string line = head.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos && iequals(std::string_view(line).substr(0, colon), name)) {
      std::size_t value = colon + 1;
      while (value < line.size() && line[value] == ' ')
        ++value;
      return line.substr(value);
    }
    pos = end;
  }
  return "";
}

RawSocket::RawSocket(int port, bool wait_for_connection) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd_ < 0)
    throw std::runtime_error("socket() failed");
  int yes = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 &&
      errno != EINPROGRESS) {
    ::close(fd_);
    throw std::runtime_error("connect() failed");
  }
  if (!wait_for_connection)
    return;
  pollfd pfd{fd_, POLLOUT, 0};
  int error = 0;
  socklen_t size = sizeof error;
  if (::poll(&pfd, 1, 10000) != 1 || getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &size) != 0 ||
      error != 0) {
    ::close(fd_);
    throw std::runtime_error("connect() did not complete");
  }
}

RawSocket::RawSocket(RawSocket&& other) noexcept
    : fd_(other.fd_), pending_(std::move(other.pending_)) {
  other.fd_ = -1;
}

RawSocket& RawSocket::operator=(RawSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = other.fd_;
    pending_ = std::move(other.pending_);
    other.fd_ = -1;
  }
  return *this;
}

RawSocket::~RawSocket() {
  if (fd_ >= 0)
    ::close(fd_);
}

bool RawSocket::send(std::string_view bytes, std::chrono::milliseconds timeout) {
  Clock::time_point deadline = Clock::now() + timeout;
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      deadline = Clock::now() + timeout;
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      return false;
    pollfd pfd{fd_, POLLOUT, 0};
    if (::poll(&pfd, 1, left_ms(deadline)) == 0)
      return false;
  }
  return true;
}

std::optional<RawResponse> RawSocket::read_response(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  std::array<char, 65536> buffer;
  while (true) {
    const std::size_t head_end = pending_.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      RawResponse response;
      response.head = pending_.substr(0, head_end);
      std::sscanf(response.head.c_str(), "HTTP/1.%*d %d", &response.status);
      const std::string length = response.header("Content-Length");
      const std::size_t body_size = length.empty() ? 0 : std::stoull(length);
      if (response.status == 100) { // interim answer: skip it
        pending_.erase(0, head_end + 4);
        continue;
      }
      if (pending_.size() >= head_end + 4 + body_size) {
        response.body = pending_.substr(head_end + 4, body_size);
        pending_.erase(0, head_end + 4 + body_size);
        return response;
      }
    }
    pollfd pfd{fd_, POLLIN, 0};
    if (::poll(&pfd, 1, left_ms(deadline)) <= 0)
      return std::nullopt;
    const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (n > 0)
      pending_.append(buffer.data(), static_cast<std::size_t>(n));
    else if (n == 0 || (errno != EAGAIN && errno != EINTR))
      return std::nullopt;
  }
}

RawSocket::Drained RawSocket::read_until_closed(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  Drained drained;
  drained.bytes = std::move(pending_);
  pending_.clear();
  std::array<char, 65536> buffer;
  while (true) {
    pollfd pfd{fd_, POLLIN, 0};
    if (::poll(&pfd, 1, left_ms(deadline)) <= 0) {
      drained.end = End::Timeout;
      return drained;
    }
    const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (n > 0) {
      drained.bytes.append(buffer.data(), static_cast<std::size_t>(n));
    } else if (n == 0) {
      drained.end = End::Closed;
      return drained;
    } else if (errno == ECONNRESET) {
      drained.end = End::Reset;
      return drained;
    } else if (errno != EAGAIN && errno != EINTR) {
      drained.end = End::Closed;
      return drained;
    }
  }
}

void RawSocket::set_receive_buffer(int bytes) {
  setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
}

std::string get_request(std::string_view target, std::string_view token) {
  std::string request = "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!token.empty())
    request += "Authorization: Bearer " + std::string(token) + "\r\n";
  return request + "\r\n";
}

std::size_t memory_in_use() {
#ifdef PINSMOCK_SANITIZED_HEAP
  return __sanitizer_get_current_allocated_bytes();
#else
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (!statm)
    return 0;
  unsigned long size = 0;
  unsigned long resident = 0;
  const int read = std::fscanf(statm, "%lu %lu", &size, &resident);
  std::fclose(statm);
  return read == 2 ? resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) : 0;
#endif
}

} // namespace pinsmock::test

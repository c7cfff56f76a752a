#pragma once
// Helpers of the failure-simulation [http] tests: the admin API as a client calls it, and a raw
// socket exchange that shows what a client sees on the wire (bytes, a reset, a close, timing).

#include "http_fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>

namespace pinsmock::test {

inline ApiResult admin_call(MockServer& server, const std::string& method, const std::string& path,
                            const std::string& body = "") {
  PinsClient admin(server.root_url(), "");
  return admin.raw(method, path, body);
}

/// Adds a fault rule through POST /__admin/faults; the answer must be 201.
inline std::uint64_t add_rule(MockServer& server, const std::string& rule) {
  ApiResult added = admin_call(server, "POST", "/__admin/faults", rule);
  REQUIRE_THAT(added, HasStatus(201));
  return static_cast<std::uint64_t>(int_at(added.json, "id"));
}

/// The journal's entries (GET /__admin/requests).
inline json::Document journal_of(MockServer& server) {
  ApiResult journal = admin_call(server, "GET", "/__admin/requests");
  json::Document doc;
  doc.CopyFrom(journal.json["requests"], doc.GetAllocator());
  return doc;
}

/// A file with `text` under /tmp with a unique name (tests run in parallel processes); the
/// caller removes it.
inline std::string temp_file(const std::string& text) {
  char path[] = "/tmp/pinsmock-faults-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  close(fd);
  return path;
}

/// What a client saw on one connection.
struct WireAnswer {
  std::string bytes;
  bool reset = false;  // recv failed with ECONNRESET
  bool closed = false; // orderly close (recv returned 0)
  bool timed_out = false;
  double first_byte_ms = -1;
  double total_ms = 0;

  std::string status_line() const { return bytes.substr(0, bytes.find("\r\n")); }
  std::string body() const {
    const auto end = bytes.find("\r\n\r\n");
    return end == std::string::npos ? "" : bytes.substr(end + 4);
  }
  /// The Content-Length the headers announce, or -1.
  long content_length() const {
    const auto at = bytes.find("Content-Length: ");
    return at == std::string::npos ? -1 : std::stol(bytes.substr(at + 16));
  }
};

/// Sends `method path` (HTTP/1.1, Connection: close, the creator's token, extra header lines)
/// over a fresh socket and reads until the server closes, resets, or `timeout_ms` passes.
inline WireAnswer wire_exchange(int port, const std::string& method, const std::string& path,
                                const std::string& extra_headers = "", const std::string& body = "",
                                int timeout_ms = 10000) {
  using Steady = std::chrono::steady_clock;
  WireAnswer answer;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  const std::string request =
      method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Authorization: Bearer " +
      kCreatorToken + "\r\n" + extra_headers +
      "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\n\r\n" + body;
  const auto started = Steady::now();
  REQUIRE(send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size()));
  char buffer[4096];
  for (;;) {
    const auto waited = std::chrono::duration<double, std::milli>(Steady::now() - started).count();
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, std::max(1, timeout_ms - static_cast<int>(waited))) <= 0) {
      answer.timed_out = true;
      break;
    }
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      if (answer.first_byte_ms < 0)
        answer.first_byte_ms =
            std::chrono::duration<double, std::milli>(Steady::now() - started).count();
      answer.bytes.append(buffer, static_cast<std::size_t>(n));
    } else {
      (n == 0 ? answer.closed : answer.reset) = n == 0 || errno == ECONNRESET;
      break;
    }
  }
  answer.total_ms = std::chrono::duration<double, std::milli>(Steady::now() - started).count();
  close(fd);
  return answer;
}

} // namespace pinsmock::test

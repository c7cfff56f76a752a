// The embedding of README "Embedding in a C++ test": start a MockServer, make one request to it
// (a plain socket: the consumer needs no HTTP library of its own), check the answer.
// consumer [DATA_DIR]: load the installed contracts and fixtures instead of the built-in ones.
#include <pinsmock/mock_server.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <iostream>
#include <string>

namespace {

std::string get(int port, const std::string& target, const std::string& token) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    const std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
      char buffer[4096];
      for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        answer.append(buffer, static_cast<std::size_t>(n));
    }
  }
  if (fd >= 0)
    ::close(fd);
  return answer;
}

} // namespace

int main(int argc, char** argv) {
  pinsmock::ServerOptions options;
  if (argc > 1) {
    options.contracts_dir = std::string(argv[1]) + "/contracts";
    options.fixtures_dir = std::string(argv[1]) + "/fixtures/default";
  }
  pinsmock::MockServer server(options);
  server.start();
  const std::string answer = get(server.port(), "/v5/pins?page_size=1", server.default_token());
  const bool ok = answer.rfind("HTTP/1.1 200", 0) == 0 && answer.find("\"items\"") != std::string::npos &&
                  server.requests().size() == 1;
  std::cout << "pins-mock " << pinsmock::MockServer::version() << " at " << server.base_url()
            << (argc > 1 ? " (installed data)" : " (built-in data)") << ": GET /v5/pins -> "
            << answer.substr(0, answer.find("\r\n")) << (ok ? "" : "  UNEXPECTED") << "\n";
  return ok ? 0 : 1;
}

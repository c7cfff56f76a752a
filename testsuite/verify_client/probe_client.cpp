// A client with one habit per mode, for verify-client's tests of what it reports:
//   typo         creates a pin with "titel" (live ignores it: a warning, not a violation)
//   missing-pin  asks for a pin that does not exist (meets an error path, breaks no rule)
//   rejected     5 requests, 3 of them refused by the HTTP layer before routing (a POST with no
//                body, an unknown method, a malformed request line), each on its own connection
//   swallow      creates a pin and exits 0 whatever the answer (a client that ignores errors)
#include "client_env.hpp"
#include "support/pins_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <iostream>

using namespace pinsmock::test;

namespace {

// Sends raw bytes to the mock's port and reads the answer until the server closes.
std::string send_raw(const std::string &base_url, const std::string &bytes) {
  const std::size_t colon = base_url.rfind(':');
  const int port = std::stoi(base_url.substr(colon + 1));
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
      write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size())) {
    // The server closes after answering (Connection: close, or a request it refuses); the
    // time-out only keeps a server that does neither from hanging the probe.
    timeval timeout{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buffer[4096];
    for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
      answer.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  return answer.substr(0, answer.find("\r\n"));
}

} // namespace

int main(int argc, char **argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  PinsClient client(env("PINS_BASE_URL"), env("PINS_TOKEN"));
  if (mode == "typo") {
    ApiResult created = client.pins_create(
        "{\"board_id\": \"" + env("PINS_BOARD_ID") +
        "\", \"titel\": \"Misspelt\", \"media_source\": {\"source_type\": \"image_url\", "
        "\"url\": \"https://example.com/a.jpg\"}}");
    std::cout << "probe client: create with 'titel' -> " << created.status << "\n";
    return created.status == 201 ? 0 : 1;
  }
  if (mode == "swallow") {
    ApiResult created = client.pins_create(
        "{\"board_id\": \"" + env("PINS_BOARD_ID") +
        "\", \"title\": \"Whatever\", \"media_source\": {\"source_type\": \"image_url\", "
        "\"url\": \"https://example.com/a.jpg\"}}");
    std::cout << "probe client: create -> " << created.status << " (ignored)\n";
    return 0;
  }
  if (mode == "missing-pin") {
    const int status = client.pins_get("1").status;
    std::cout << "probe client: get a pin that does not exist -> " << status << "\n";
    return status == 404 ? 0 : 1;
  }
  if (mode == "rejected") {
    const std::string base = env("PINS_BASE_URL");
    const std::string origin = base.substr(0, base.rfind("/v5"));
    const std::string auth = "Authorization: Bearer " + env("PINS_TOKEN") + "\r\n";
    for (const std::string &bytes :
         {"POST /v5/pins HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
          "BREW /v5/pins HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
          std::string("THIS IS NOT HTTP\r\n\r\n")})
      std::cout << "probe client: raw -> " << send_raw(origin, bytes) << "\n";
    std::cout << "probe client: list -> " << client.pins_list().status << ", get -> "
              << client.pins_get("1").status << "\n";
    return 0;
  }
  std::cerr << "usage: pins_probe_client typo|missing-pin|rejected|swallow\n";
  return 2;
}

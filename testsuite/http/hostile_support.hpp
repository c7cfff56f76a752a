#pragma once
// Shared checks of the hostile-client tests (issue 8): the server is alive and answers health
// within a bound, error answers are Pinterest-shaped JSON, memory stays bounded.

#include "http/http_fixture.hpp"
#include "support/raw_socket.hpp"

#include <chrono>

namespace pinsmock::test {

/// How much slower a sanitizer build runs the connection tests: under ThreadSanitizer every
/// memory access is instrumented and each connection thread costs milliseconds to start (1,000
/// idle connections delay the next accept by about 5 s), ASan about doubles the work. Time
/// bounds scale by it; the scenarios stay the same.
#if defined(__SANITIZE_THREAD__)
inline constexpr int kSanitizerSlowdown = 10;
#elif defined(__SANITIZE_ADDRESS__)
inline constexpr int kSanitizerSlowdown = 2;
#else
inline constexpr int kSanitizerSlowdown = 1;
#endif

/// What "responsive" means in these tests: a fresh client's health check answers within this
/// (1 s in a normal build).
inline constexpr std::chrono::milliseconds kHealthBound{1000 * kSanitizerSlowdown};
/// How much memory (memory_in_use(): resident, or the live heap under a sanitizer) one hostile
/// scenario may add to the test process.
inline constexpr std::size_t kMemoryGrowthBound = 64u * 1024 * 1024;

/// Seconds a fresh connection needs for GET /__admin/health (a large value when it fails).
inline double health_seconds(int port) {
  const auto start = std::chrono::steady_clock::now();
  try {
    RawSocket client(port);
    if (!client.send(get_request("/__admin/health")))
      return 1e9;
    const auto response = client.read_response(std::chrono::seconds(15));
    if (!response || response->status != 200)
      return 1e9;
  } catch (const std::exception&) {
    return 1e9;
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// True when the answer has this status and a {"code": int, "message": string} JSON body.
inline bool is_error_json(const RawResponse& response, int status) {
  json::Document body;
  return response.status == status && !json::parse_into(body, response.body) && body.IsObject() &&
         json::find(body, "code") && json::find(body, "code")->IsInt() &&
         json::find(body, "message") && json::find(body, "message")->IsString();
}

/// Options for a hostile test: a fixed clock, and time-outs short enough for a test.
inline ServerOptions hostile_options() {
  ServerOptions options = test_options();
  options.request_timeout = std::chrono::seconds(2);
  options.write_timeout = std::chrono::seconds(2);
  return options;
}

/// Sends `bytes` while watching for an early answer (a server that refuses a body answers
/// before it has all been sent); returns the answer.
inline std::optional<RawResponse> send_watching(RawSocket& socket, const std::string& bytes) {
  constexpr std::size_t kPiece = 64 * 1024;
  for (std::size_t at = 0; at < bytes.size(); at += kPiece) {
    if (auto early = socket.read_response(std::chrono::milliseconds(0)))
      return early;
    if (!socket.send(std::string_view(bytes).substr(at, kPiece), std::chrono::seconds(3)))
      break;
  }
  return socket.read_response(std::chrono::seconds(5));
}

} // namespace pinsmock::test

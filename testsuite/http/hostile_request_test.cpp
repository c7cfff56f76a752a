// Hostile and unusual requests against the HTTP framing (issue 8): body limits that hold for
// chunked and compressed bodies, Range ignored, header caps, and the edge cases real clients hit
// (POST without a body, a form Content-Type, unknown methods), each journaled.
#include "http/hostile_support.hpp"

#include <zlib.h>

using namespace pinsmock::test;
using pinsmock::MockServer;
using pinsmock::RecordedRequest;
using namespace std::chrono_literals;

namespace {

std::string gzip(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string post(const std::string& target, const std::string& extra_headers,
                 const std::string& body) {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
         kCreatorToken + "\r\n" + extra_headers + "\r\n" + body;
}

std::optional<RecordedRequest> last_request(const MockServer& server) {
  const std::vector<RecordedRequest> journal = server.requests();
  if (journal.empty())
    return std::nullopt;
  return journal.back();
}

} // namespace

TEST_CASE("Hostile: a chunked body over the limit answers 413 and memory stays bounded",
          "[http][hostile]") {
  auto options = hostile_options();
  options.max_body_bytes = 1024 * 1024;
  MockServer server(options);
  server.start();
  const std::size_t memory_before = memory_in_use();
  std::string body;
  const std::string piece(64 * 1024, 'a');
  for (int i = 0; i < 512; ++i) // 32 MB
    body += "10000\r\n" + piece + "\r\n";
  body += "0\r\n\r\n";
  RawSocket socket(server.port());
  const auto answer =
      send_watching(socket, post("/v5/pins", "Transfer-Encoding: chunked\r\n", body));
  REQUIRE(answer);
  CHECK(is_error_json(*answer, 413));
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
  CHECK(memory_in_use() < memory_before + body.size() + kMemoryGrowthBound);
  const std::optional<RecordedRequest> journaled = last_request(server);
  REQUIRE(journaled);
  CHECK(journaled->status == 413);
  CHECK(journaled->operation_id == "pins/create");
}

TEST_CASE("Hostile: a gzip bomb answers 413 without inflating it", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  const std::string bomb = gzip(std::string(100u * 1024 * 1024, ' ')); // ~100 KB
  const std::size_t memory_before = memory_in_use();
  RawSocket socket(server.port());
  REQUIRE(socket.send(post("/v5/pins",
                           "Content-Encoding: gzip\r\nContent-Type: application/json\r\n"
                           "Content-Length: " + std::to_string(bomb.size()) + "\r\n",
                           bomb)));
  const auto answer = socket.read_response(10s);
  REQUIRE(answer);
  CHECK(is_error_json(*answer, 413));
  CHECK(memory_in_use() < memory_before + kMemoryGrowthBound);
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: a gzip body within the limit is inflated and served", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  const std::string json = "{\"board_id\":\"" + kDinnersBoard +
                           "\",\"title\":\"zipped\",\"media_source\":{\"source_type\":"
                           "\"image_url\",\"url\":\"https://example.com/a.jpg\"}}";
  const std::string zipped = gzip(json);
  RawSocket socket(server.port());
  REQUIRE(socket.send(post("/v5/pins",
                           "Content-Encoding: gzip\r\nContent-Type: application/json\r\n"
                           "Content-Length: " + std::to_string(zipped.size()) + "\r\n",
                           zipped)));
  const auto answer = socket.read_response();
  REQUIRE(answer);
  CHECK(answer->status == 201);
}

TEST_CASE("Hostile: thousands of Range parts get the plain answer", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  std::string range = "bytes=0-"; // 2,700 parts in an 8 KB request
  for (int i = 0; i < 2700; ++i)
    range += ",0-";
  RawSocket socket(server.port());
  REQUIRE(socket.send("GET /v5/pins?page_size=50 HTTP/1.1\r\nAuthorization: Bearer " +
                      kCreatorToken + "\r\nRange: " + range + "\r\n\r\n"));
  const auto answer = socket.read_response();
  REQUIRE(answer);
  CHECK(answer->status == 200);
  CHECK(answer->body.size() < 1024 * 1024);
  CHECK(answer->header("Content-Range").empty());
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: a POST without body or Content-Length is served and journaled",
          "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  RawSocket socket(server.port());
  REQUIRE(socket.send("POST /__admin/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  const auto reset = socket.read_response();
  REQUIRE(reset);
  CHECK(reset->status == 200);

  REQUIRE(socket.send(post("/v5/pins", "", "")));
  const auto create = socket.read_response();
  REQUIRE(create);
  CHECK(is_error_json(*create, 400));
  const std::optional<RecordedRequest> journaled = last_request(server);
  REQUIRE(journaled);
  CHECK(journaled->operation_id == "pins/create");
  CHECK(journaled->error == "invalid_body");
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: a form-encoded body never becomes query parameters", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  RawSocket socket(server.port());
  const std::string body = "garbage=1&more=2";
  REQUIRE(socket.send(post("/v5/pins?ad_account_id=" + kCreatorAdAccount,
                           "Content-Type: application/x-www-form-urlencoded\r\n"
                           "Content-Length: " + std::to_string(body.size()) + "\r\n",
                           body)));
  REQUIRE(socket.read_response());
  const std::optional<RecordedRequest> journaled = last_request(server);
  REQUIRE(journaled);
  REQUIRE(journaled->query.size() == 1);
  CHECK(journaled->query.front().first == "ad_account_id");
  for (const auto& coverage : server.coverage())
    CHECK(coverage.parameters.count("garbage") == 0);
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: the journal lists only the headers the client sent", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  RawSocket socket(server.port());
  REQUIRE(socket.send(get_request("/v5/pins/" + fixture_pin(1), kCreatorToken)));
  REQUIRE(socket.read_response());
  const std::optional<RecordedRequest> journaled = last_request(server);
  REQUIRE(journaled);
  for (const auto& [name, value] : journaled->headers) {
    CHECK(name != "REMOTE_ADDR");
    CHECK(name != "REMOTE_PORT");
    CHECK(name != "LOCAL_ADDR");
    CHECK(name != "LOCAL_PORT");
  }
  CHECK(journaled->headers.size() == 2); // Host, Authorization
}

TEST_CASE("Hostile: an unknown method answers 405 JSON and is journaled", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  RawSocket socket(server.port());
  REQUIRE(socket.send("BREW /v5/pins HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  const auto answer = socket.read_response();
  REQUIRE(answer);
  CHECK(is_error_json(*answer, 405));
  const std::optional<RecordedRequest> journaled = last_request(server);
  REQUIRE(journaled);
  CHECK(journaled->method == "BREW");
  CHECK(journaled->status == 405);
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: too many or too large header fields answer 431 JSON", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  const std::size_t memory_before = memory_in_use();
  std::string many = "GET /v5/pins HTTP/1.1\r\n";
  for (int i = 0; i < 500; ++i)
    many += "X-Field-" + std::to_string(i) + ": 1\r\n";
  RawSocket first(server.port());
  const auto too_many = send_watching(first, many + "\r\n");
  REQUIRE(too_many);
  CHECK(is_error_json(*too_many, 431));

  RawSocket second(server.port());
  const auto too_large =
      send_watching(second, "GET /v5/pins HTTP/1.1\r\nX-Big: " + std::string(1 << 20, 'a') + "\r\n\r\n");
  REQUIRE(too_large);
  CHECK(is_error_json(*too_large, 431));
  CHECK(memory_in_use() < memory_before + kMemoryGrowthBound);
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: a malformed request line answers 400 JSON", "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  RawSocket socket(server.port());
  REQUIRE(socket.send("this is not http\r\n\r\n"));
  const auto answer = socket.read_response();
  REQUIRE(answer);
  CHECK(is_error_json(*answer, 400));
  CHECK(health_seconds(server.port()) < kHealthBound.count() / 1000.0);
}

TEST_CASE("Hostile: Expect 100-continue gets its interim answer before the body is sent",
          "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  RawSocket socket(server.port());
  const std::string body = sample("pins.create.image_url");
  REQUIRE(socket.send(post("/v5/pins",
                           "Expect: 100-continue\r\nContent-Type: application/json\r\n"
                           "Content-Length: " + std::to_string(body.size()) + "\r\n",
                           "")));
  // Only the interim answer may arrive before the body: read it raw.
  const RawSocket::Drained interim = socket.read_until_closed(500ms);
  CHECK(interim.bytes == "HTTP/1.1 100 Continue\r\n\r\n");
  REQUIRE(socket.send(body));
  const auto answer = socket.read_response();
  REQUIRE(answer);
  CHECK(answer->status == 201);
}

TEST_CASE("Hostile: a JSON body sent as multipart reaches the pipeline and is journaled",
          "[http][hostile]") {
  MockServer server(hostile_options());
  server.start();
  RawSocket socket(server.port());
  const std::string body = sample("pins.create.image_url");
  REQUIRE(socket.send(post("/v5/pins",
                           "Content-Type: multipart/form-data; boundary=x\r\n"
                           "Content-Length: " + std::to_string(body.size()) + "\r\n",
                           body)));
  const auto answer = socket.read_response();
  REQUIRE(answer);
  CHECK(answer->status == 201); // the pipeline reads JSON whatever the Content-Type says
  const std::optional<RecordedRequest> journaled = last_request(server);
  REQUIRE(journaled);
  CHECK(journaled->status == 201);
  bool content_type_kept = false;
  for (const auto& [name, value] : journaled->headers)
    content_type_kept = content_type_kept || (name == "Content-Type" && value.rfind("multipart/", 0) == 0);
  CHECK(content_type_kept);
}

// What real clients send besides the textbook request: trailing '?' and '/', encoded commas,
// explicit nulls, Connection: close, gzip, stray bodies, and outright garbage.
#include "http/http_fixture.hpp"

#include <cctype>
#include <cstdlib>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using namespace pinsmock::test;
using pinsmock::MockServer;

namespace {

// The length of a complete HTTP response at the start of `reply`, or 0 while it is incomplete
// (headers not finished, or fewer body bytes than Content-Length announces).
std::size_t complete_response_length(const std::string& reply) {
  const std::size_t end = reply.find("\r\n\r\n");
  if (end == std::string::npos)
    return 0;
  std::string head = reply.substr(0, end);
  for (char& c : head)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t length = 0;
  if (const std::size_t at = head.find("\r\ncontent-length:"); at != std::string::npos)
    length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
  return reply.size() >= end + 4 + length ? end + 4 + length : 0;
}

// Sends `bytes` over a fresh TCP connection and returns the first response the server writes,
// stopping when it is complete, the server closes, or `wait_seconds` pass (never blocks longer).
std::string raw_exchange(int port, const std::string& bytes, int wait_seconds = 5) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return "<socket failed>";
  timeval timeout{wait_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  std::string reply;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size())) {
    char buf[4096];
    while (complete_response_length(reply) == 0 && reply.size() < 65536) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0)
        break; // closed, timed out or failed
      reply.append(buf, static_cast<std::size_t>(n));
    }
  } else {
    reply = "<connect or send failed>";
  }
  ::close(fd);
  return reply;
}

} // namespace

TEST_CASE("Tolerance: a trailing '?' with no query is ignored", "[http][tolerance]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult listed = client.raw("GET", "/pins?");
  CHECK_THAT(listed, HasStatus(200));
  CHECK_THAT(listed, ConformsTo("pins/list"));
  ApiResult got = client.raw("GET", "/pins/" + fixture_pin(1) + "?");
  CHECK_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  ApiResult empty_value = client.raw("GET", "/pins?bookmark=&page_size=2");
  CHECK_THAT(empty_value, HasStatus(200));
  CHECK_THAT(empty_value, ConformsTo("pins/list"));
  CHECK(item_ids(empty_value).size() == 2);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Tolerance: a trailing slash reaches the same operation", "[http][tolerance]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult listed = client.raw("GET", "/pins/");
  CHECK_THAT(listed, HasStatus(200));
  CHECK_THAT(listed, ConformsTo("pins/list"));
  CHECK(item_ids(listed).size() == static_cast<std::size_t>(kCreatorPublicPins));
  ApiResult created = client.raw("POST", "/pins/", sample("pins.create.image_url"));
  CHECK_THAT(created, HasStatus(201));
  CHECK_THAT(created, ConformsTo("pins/create"));
  ApiResult got = client.raw("GET", "/pins/" + fixture_pin(1) + "/");
  CHECK_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  ApiResult saved = client.raw("POST", "/pins/" + fixture_pin(1) + "/save/", sample("pins.save"));
  CHECK_THAT(saved, HasStatus(201));
  CHECK_THAT(saved, ConformsTo("pins/save"));
  ApiResult with_query = client.raw("GET", "/pins/?page_size=3");
  CHECK_THAT(with_query, HasStatus(200));
  CHECK_THAT(with_query, ConformsTo("pins/list"));
  CHECK(item_ids(with_query).size() == 3);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Tolerance: explicit nulls for unset optional fields are accepted",
          "[http][tolerance]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult created = client.pins_create(with_members(
      sample("pins.create.image_url"),
      {{"title", "null"}, {"alt_text", "null"}, {"link", "null"}, {"description", "null"},
       {"board_section_id", "null"}, {"dominant_color", "null"}, {"parent_pin_id", "null"},
       {"sponsor_id", "null"}}));
  REQUIRE_THAT(created, HasStatus(201));
  CHECK_THAT(created, ConformsTo("pins/create"));
  CHECK(null_at(created.json, "alt_text"));
  CHECK(null_at(created.json, "link"));
  CHECK(null_at(created.json, "board_section_id"));
  CHECK(null_at(created.json, "parent_pin_id"));

  ApiResult updated = client.pins_update(created.string_member("id"),
                                         R"({"board_id": null, "board_section_id": null, "title": "t"})");
  CHECK_THAT(updated, HasStatus(200));
  CHECK_THAT(updated, ConformsTo("pins/update"));
  CHECK(str_at(updated.json, "board_id") == kDinnersBoard);
  ApiResult saved = client.pins_save(fixture_pin(1), R"({"board_id": ")" + kWoodBoard +
                                                         R"(", "board_section_id": null})");
  CHECK_THAT(saved, HasStatus(201));
  CHECK_THAT(saved, ConformsTo("pins/save"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Tolerance: Connection: close is answered and the client reconnects",
          "[http][tolerance]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  for (int i = 0; i < 3; ++i) {
    ApiResult res = client.raw("GET", "/pins?page_size=1", "", {{"Connection", "close"}});
    CHECK_THAT(res, HasStatus(200));
    CHECK(res.has_header("Connection"));
    if (res.has_header("Connection"))
      CHECK(res.headers.find("Connection")->second == "close");
    CHECK_THAT(res, ConformsTo("pins/list"));
  }
  ApiResult created = client.raw("POST", "/pins", sample("pins.create.image_url"), {{"Connection", "close"}});
  CHECK_THAT(created, HasStatus(201));
  CHECK_THAT(created, ConformsTo("pins/create"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Tolerance: Accept-Encoding: gzip gets a usable response", "[http][tolerance]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.raw("GET", "/pins?page_size=250", "", {{"Accept-Encoding", "gzip"}});
  REQUIRE_THAT(res, HasStatus(200));
  if (res.has_header("Content-Encoding"))
    CHECK(res.headers.find("Content-Encoding")->second == "gzip");
  // The client inflates a gzip body; either way the body must be the JSON list.
  CHECK_THAT(res, ConformsTo("pins/list"));
  CHECK(item_ids(res).size() == static_cast<std::size_t>(kCreatorPublicPins));

  // On the wire: a gzip answer says so and keeps the JSON content type.
  const std::string reply = raw_exchange(
      server.port(), "GET /v5/pins?page_size=250 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                         kCreatorToken + "\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
  CHECK(reply.rfind("HTTP/1.1 200", 0) == 0);
  CHECK_THAT(reply, Catch::Contains("application/json", Catch::CaseSensitive::No));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Tolerance: a stray {} body on DELETE is ignored", "[http][tolerance]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string id = create_pin(client);
  ApiResult deleted = client.raw("DELETE", "/pins/" + id, "{}", {{"Content-Type", "application/json"}});
  CHECK_THAT(deleted, HasStatus(204));
  CHECK_THAT(deleted, ConformsTo("pins/delete"));
  CHECK(deleted.body.empty());
  ApiResult gone = client.pins_get(id);
  CHECK_THAT(gone, IsPinterestError(404, 50));
  CHECK_THAT(gone, ConformsTo("pins/get"));
  ApiResult stray_get = client.raw("GET", "/pins/" + fixture_pin(1), "{}");
  CHECK_THAT(stray_get, HasStatus(200));
  CHECK_THAT(stray_get, ConformsTo("pins/get"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Tolerance: a JSON body with a charset or unusual whitespace is accepted",
          "[http][tolerance]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult created = client.raw("POST", "/pins", "\n\t " + sample("pins.create.image_url") + "\r\n",
                                 {{"Content-Type", "application/json; charset=utf-8"}});
  CHECK_THAT(created, HasStatus(201));
  CHECK_THAT(created, ConformsTo("pins/create"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Tolerance: a garbage request line gets an HTTP error and the server keeps serving",
          "[http][tolerance]") {
  MockServer server(test_options());
  server.start();
  for (const char* garbage : {"GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET /v5/pins HTTP/9.9 extra\r\n\r\n",
                              "\x16\x03\x01 binary\r\n\r\n"}) {
    INFO("request: " << garbage);
    const std::string reply = raw_exchange(server.port(), garbage);
    CHECK(reply.rfind("HTTP/1.1 4", 0) == 0);
  }
  // Half a request, then the client goes away after a second.
  CHECK(raw_exchange(server.port(), "GET /v5/pins HTTP/1.1\r\nHost: x\r\n", 1).empty());

  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_list();
  CHECK_THAT(res, HasStatus(200));
  CHECK_THAT(res, ConformsTo("pins/list"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Tolerance: a garbage request line gets a JSON error body", "[http][tolerance]") {
  MockServer server(test_options());
  server.start();
  const std::string reply = raw_exchange(server.port(), "GARBAGE\r\n\r\n");
  CHECK(reply.rfind("HTTP/1.1 400", 0) == 0);
  CHECK_THAT(reply, Catch::Contains("application/json", Catch::CaseSensitive::No));
  CHECK_THAT(reply, Catch::Contains("\"code\":"));
  CHECK(server.internal_errors().empty());
}

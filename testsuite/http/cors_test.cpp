// --cors (issue 14 §3): preflights answered before the pipeline, Access-Control-* headers on
// every answer; off by default, when OPTIONS is answered as any other unknown method.
#include "http/hostile_support.hpp"

#include <httplib.h>

using namespace pinsmock::test;
using pinsmock::MockServer;
using pinsmock::ServerOptions;

namespace {

ServerOptions cors_options() {
  ServerOptions options = test_options();
  options.cors = true;
  return options;
}

httplib::Headers preflight_headers(const std::string& asked_headers) {
  httplib::Headers headers{{"Origin", "http://app.example.test"},
                           {"Access-Control-Request-Method", "POST"}};
  if (!asked_headers.empty())
    headers.emplace("Access-Control-Request-Headers", asked_headers);
  return headers;
}

httplib::Result options_request(httplib::Client& client, const std::string& path,
                                const httplib::Headers& headers) {
  httplib::Request request;
  request.method = "OPTIONS";
  request.path = path;
  request.headers = headers;
  return client.send(request);
}

} // namespace

TEST_CASE("CORS: off by default, OPTIONS stays a 405 and answers carry no CORS headers",
          "[http][cors]") {
  MockServer server(test_options());
  server.start();
  httplib::Client client("127.0.0.1", server.port());
  const auto preflight = options_request(client, "/v5/pins", preflight_headers("authorization"));
  REQUIRE(preflight);
  CHECK(preflight->status == 405);
  CHECK_FALSE(preflight->has_header("Access-Control-Allow-Origin"));
  const auto health = client.Get("/__admin/health", {{"Origin", "http://app.example.test"}});
  REQUIRE(health);
  CHECK_FALSE(health->has_header("Access-Control-Allow-Origin"));
  CHECK_FALSE(health->has_header("Access-Control-Expose-Headers"));
}

TEST_CASE("CORS: a preflight gets 204 with the methods, the asked headers and a max age",
          "[http][cors]") {
  MockServer server(cors_options());
  server.start();
  httplib::Client client("127.0.0.1", server.port());
  const auto answer =
      options_request(client, "/v5/pins/1300000000000000001", preflight_headers("authorization, content-type, prefer"));
  REQUIRE(answer);
  CHECK(answer->status == 204);
  CHECK(answer->body.empty());
  CHECK(answer->get_header_value("Access-Control-Allow-Origin") == "*");
  const std::string methods = answer->get_header_value("Access-Control-Allow-Methods");
  for (const char* method : {"GET", "POST", "PATCH", "DELETE"})
    CHECK(methods.find(method) != std::string::npos);
  CHECK(answer->get_header_value("Access-Control-Allow-Headers") ==
        "authorization, content-type, prefer");
  CHECK(answer->get_header_value("Access-Control-Max-Age") == "600");
  // A browser's preflight is not the client's traffic: neither journaled nor counted.
  CHECK(server.requests().empty());
}

TEST_CASE("CORS: a preflight naming no headers, or odd ones, is allowed the usual three",
          "[http][cors]") {
  MockServer server(cors_options());
  server.start();
  httplib::Client client("127.0.0.1", server.port());
  for (const std::string& asked : {std::string(), std::string("x-a;y=<script>")}) {
    const auto answer = options_request(client, "/v5/pins", preflight_headers(asked));
    REQUIRE(answer);
    CHECK(answer->status == 204);
    CHECK(answer->get_header_value("Access-Control-Allow-Headers") ==
          "Authorization, Content-Type, Prefer");
  }
}

TEST_CASE("CORS: API, error and admin answers carry Allow-Origin and expose the mock's headers",
          "[http][cors]") {
  ServerOptions options = cors_options();
  options.rate_limit_headers = {"x-limit", "x-left", "x-reset"};
  MockServer server(options);
  server.start();
  httplib::Client client("127.0.0.1", server.port());
  const httplib::Headers origin{{"Origin", "http://app.example.test"},
                                {"Authorization", "Bearer " + kCreatorToken}};
  for (const char* path : {"/v5/pins?page_size=1", "/v5/pins/" "1399999999999999999",
                           "/v5/nowhere", "/__admin/health"}) {
    INFO(path);
    const auto answer = client.Get(path, origin);
    REQUIRE(answer);
    CHECK(answer->get_header_value("Access-Control-Allow-Origin") == "*");
    const std::string exposed = answer->get_header_value("Access-Control-Expose-Headers");
    for (const char* name : {"x-limit", "x-left", "x-reset", "Retry-After", "X-Pinsmock-Violations"})
      CHECK(exposed.find(name) != std::string::npos);
  }
  // OPTIONS without the preflight headers is no preflight: the pipeline answers it (405).
  const auto plain_options = options_request(client, "/v5/pins", {{"Origin", "http://a.test"}});
  REQUIRE(plain_options);
  CHECK(plain_options->status == 405);
  CHECK(plain_options->get_header_value("Access-Control-Allow-Origin") == "*");
}

TEST_CASE("CORS: a request turned away by the connection layer keeps its CORS headers",
          "[http][cors]") {
  ServerOptions options = cors_options();
  options.max_body_bytes = 64;
  MockServer server(options);
  server.start();
  RawSocket socket(server.port());
  const std::string body(1000, 'x');
  REQUIRE(socket.send("POST /v5/pins HTTP/1.1\r\nHost: t\r\nOrigin: http://a.test\r\n"
                      "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + body));
  const auto answer = socket.read_response();
  REQUIRE(answer);
  CHECK(answer->status == 413);
  CHECK(answer->header("Access-Control-Allow-Origin") == "*");
}

#include "server/cors.hpp"

#include <catch2/catch.hpp>

using pinsmock::CorsPolicy;
using pinsmock::HttpRequest;
using pinsmock::HttpResponse;

namespace {

HttpRequest options_request(pinsmock::Headers headers) {
  HttpRequest request;
  request.method = "OPTIONS";
  request.path = "/v5/pins";
  request.headers = std::move(headers);
  return request;
}

std::string header(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name)
      return value;
  return "<none>";
}

} // namespace

TEST_CASE("CORS: only OPTIONS with Origin and Access-Control-Request-Method is a preflight",
          "[unit][cors]") {
  CHECK(pinsmock::is_preflight(
      options_request({{"origin", "http://a.test"}, {"access-control-request-method", "GET"}})));
  CHECK_FALSE(pinsmock::is_preflight(options_request({{"Origin", "http://a.test"}})));
  CHECK_FALSE(pinsmock::is_preflight(options_request({{"Access-Control-Request-Method", "GET"}})));
  HttpRequest get = options_request({{"Origin", "x"}, {"Access-Control-Request-Method", "GET"}});
  get.method = "GET";
  CHECK_FALSE(pinsmock::is_preflight(get));
}

TEST_CASE("CORS: a preflight reflects a list of header names and nothing else", "[unit][cors]") {
  const CorsPolicy policy{true, {"x-limit"}};
  auto asked = [&](const std::string& names) {
    return header(pinsmock::preflight_answer(
                      options_request({{"Access-Control-Request-Headers", names}}), policy),
                  "Access-Control-Allow-Headers");
  };
  CHECK(asked("authorization, content-type, prefer, x_custom-1") ==
        "authorization, content-type, prefer, x_custom-1");
  const std::string defaults = "Authorization, Content-Type, Prefer";
  CHECK(asked("") == defaults);
  CHECK(asked("a;b") == defaults);
  CHECK(asked("a\tb") == defaults);
  CHECK(asked(std::string(1025, 'a')) == defaults);
  const HttpResponse answer = pinsmock::preflight_answer(options_request({}), policy);
  CHECK(answer.status == 204);
  CHECK(answer.body.empty());
  CHECK(header(answer, "Access-Control-Expose-Headers") == "x-limit");
}

TEST_CASE("CORS: headers are added only when the policy is on", "[unit][cors]") {
  HttpResponse off;
  pinsmock::add_cors_headers(off, CorsPolicy{false, {"x-limit"}});
  CHECK(off.headers.empty());
  HttpResponse on;
  pinsmock::add_cors_headers(on, CorsPolicy{true, {"x-limit", "Retry-After"}});
  CHECK(header(on, "Access-Control-Allow-Origin") == "*");
  CHECK(header(on, "Access-Control-Expose-Headers") == "x-limit, Retry-After");
}

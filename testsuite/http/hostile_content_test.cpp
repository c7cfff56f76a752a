// Hostile request content: deep nesting, huge strings, ill-formed UTF-8, U+0000, raw bytes in
// paths, queries and headers. Each must get a normal answer or a 4xx JSON {code, message} naming
// the field; the server stays up, and everything it writes afterwards is well-formed UTF-8 JSON.
#include "http_fixture.hpp"
#include "support/raw_socket.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock;
using namespace pinsmock::test;
using Catch::Contains;

namespace {

// An oracle independent of the mock's own validator (RFC 3629, Unicode table 3-7).
bool well_formed_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF)
      n = 1;
    else if (c >= 0xE0 && c <= 0xEF)
      n = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
      n = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
      return false;
    if (i + n >= s.size())
      return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const unsigned char low = k == 1 ? lo : 0x80, high = k == 1 ? hi : 0xBF;
      if (b(i + k) < low || b(i + k) > high)
        return false;
    }
    i += n + 1;
  }
  return true;
}

ApiResult admin(MockServer& server, const std::string& method, const std::string& path) {
  PinsClient client(server.root_url(), "");
  return client.raw(method, path);
}

// The server answers health, and every admin answer is well-formed UTF-8 and parses as JSON.
void check_still_serving(MockServer& server) {
  REQUIRE_THAT(admin(server, "GET", "/__admin/health"), HasStatus(200));
  for (const char* path : {"/__admin/requests", "/__admin/violations", "/__admin/coverage"}) {
    INFO(path);
    ApiResult answer = admin(server, "GET", path);
    CHECK_THAT(answer, HasStatus(200));
    CHECK(well_formed_utf8(answer.body));
    CHECK(answer.json.IsObject());
  }
  CHECK(server.internal_errors().empty());
}

// A PinCreate body whose title is the raw JSON text `title` (not re-encoded, so it may be broken).
std::string create_with_raw_title(const std::string& title) {
  return R"({"board_id": "1100000000000000001", "media_source": {"source_type": "image_url",)"
         R"( "url": "https://example.com/a.jpg"}, "title": )" +
         title + "}";
}

std::size_t held_kib() { return memory_in_use() / 1024; }

} // namespace

TEST_CASE("Hostile content: a body nested 100000 levels deep answers 400 naming the limit",
          "[http][hostile]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const std::string& body : {deep, create_with_raw_title(deep)}) {
    ApiResult res = client.pins_create(body);
    CHECK_THAT(res, IsPinterestError(400, 1));
    CHECK_THAT(res.string_member("message"), Contains("64 levels"));
  }
  ApiResult update = client.pins_update(fixture_pin(1), "{\"title\": " + deep + "}");
  CHECK_THAT(update, IsPinterestError(400, 1));
  check_still_serving(server);
}

TEST_CASE("Hostile content: a body of 500000 values answers 400 before building them",
          "[http][hostile]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  // Each {} lacks its url: checked item by item, every one would be a violation with its path.
  std::string items = "{}";
  for (int i = 1; i < 500000; ++i)
    items += ",{}";
  const std::string body =
      R"({"board_id": "1100000000000000001", "media_source": {"source_type": "multiple_image_urls", "items": [)" +
      items + "]}}";
  const std::size_t before = held_kib();
  ApiResult res = client.pins_create(body);
  const std::size_t growth_kib = held_kib() - std::min(before, held_kib());
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res.string_member("message"), Contains("10000 values"));
  INFO("memory in use grew by " << growth_kib << " KiB");
  CHECK(growth_kib < 64 * 1024);
  check_still_serving(server);
}

TEST_CASE("Hostile content: a board_id of 100000 digits is checked without crashing",
          "[http][hostile]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string digits(100000, '7');
  const std::string body = sample("pins.create.image_url");
  ApiResult unknown = client.pins_create(
      with_members(body, {{"board_id", "\"" + digits + "\""}}));
  CHECK_THAT(unknown, IsPinterestError(404, 40));
  ApiResult not_digits = client.pins_create(
      with_members(body, {{"board_id", "\"" + digits + "x\""}}));
  CHECK_THAT(not_digits, IsPinterestError(400, 1));
  CHECK_THAT(not_digits.string_member("message"), Contains("board_id"));
  check_still_serving(server);
}

TEST_CASE("Hostile content: a 1 MB image_base64 string is checked without crashing",
          "[http][hostile]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::string data(1 << 20, 'A');
  ApiResult good = client.pins_create(with_members(sample("pins.create.image_base64"),
                                                   {{"media_source", R"({"source_type": "image_base64",
                                                      "content_type": "image/png", "data": ")" +
                                                                         data + "\"}"}}));
  CHECK_THAT(good, HasStatus(201));
  ApiResult bad = client.pins_create(with_members(sample("pins.create.image_base64"),
                                                  {{"media_source", R"({"source_type": "image_base64",
                                                     "content_type": "image/png", "data": ")" +
                                                                        data + "!\"}"}}));
  CHECK_THAT(bad, IsPinterestError(400, 1));
  CHECK_THAT(bad.string_member("message"), Contains("data"));
  check_still_serving(server);
}

TEST_CASE("Hostile content: ill-formed UTF-8 in a body string answers 400 naming the field",
          "[http][hostile]") {
  const std::string title = GENERATE(as<std::string>{},
                                     std::string(100000, '\x80'), // continuation flood
                                     "\xFF", "ab\xC3", "\xC0\xAF",  // stray, truncated, overlong
                                     "\xE0\x80\xAF", "\xF0\x80\x80\xAF", // overlong 3 and 4 bytes
                                     "\xED\xA0\x80", "\xF4\x90\x80\x80",  // surrogate, > U+10FFFF
                                     "\\uDC00", "x\\uDFFFy");             // lone low surrogates
  INFO("title: " << title.substr(0, 20));
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(create_with_raw_title("\"" + title + "\""));
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res.string_member("message"), Contains("/title") && Contains("UTF-8"));
  CHECK(well_formed_utf8(res.body));
  ApiResult update = client.pins_update(fixture_pin(1), "{\"title\": \"" + title + "\"}");
  CHECK_THAT(update, IsPinterestError(400, 1));
  ApiResult list = client.pins_list({{"page_size", "250"}});
  CHECK_THAT(list, HasStatus(200));
  CHECK(well_formed_utf8(list.body));
  CHECK(item_ids(list).size() == static_cast<std::size_t>(kCreatorPublicPins));
  check_still_serving(server);
}

TEST_CASE("Hostile content: U+0000 in a body string answers 400 and cannot bypass maxLength",
          "[http][hostile]") {
  const std::string title = GENERATE(as<std::string>{}, "\\u0000" + std::string(200, 'x'), "a\\u0000b");
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.pins_create(create_with_raw_title("\"" + title + "\""));
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK_THAT(res.string_member("message"), Contains("/title") && Contains("U+0000"));
  CHECK(server.requests().size() == 1);
  check_still_serving(server);
}

TEST_CASE("Hostile content: ill-formed UTF-8 in a query or path parameter answers 400 naming it",
          "[http][hostile]") {
  struct Case {
    std::string path; // below /v5, raw bytes (the client percent-encodes them)
    std::string name;
  };
  const Case c = GENERATE(values<Case>({
      {"/pins?bookmark=\xFF", "bookmark"},
      {"/pins?page_size=\xC0\xAF", "page_size"},
      {"/pins?creative_types=REGULAR,\xED\xA0\x80", "creative_types"},
      {"/pins?unknown_parameter=\xFE", "unknown_parameter"},
      {"/pins?page_size=1\xE2\x82", "page_size"},
      {"/pins/\xFF\xFF", "pin_id"},
      {"/pins/13000\x80/analytics?start_date=2026-11-01&end_date=2026-11-02&metric_types=SAVE",
       "pin_id"},
  }));
  INFO(c.path);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.raw("GET", c.path);
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK(well_formed_utf8(res.body));
  CHECK_THAT(res.string_member("message"), Contains("'" + c.name + "'") && Contains("UTF-8"));
  check_still_serving(server);
}

TEST_CASE("Hostile content: a query parameter whose name is ill-formed answers 400",
          "[http][hostile]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.raw("GET", "/pins?\xC3\x28=1&page_size=2");
  CHECK_THAT(res, IsPinterestError(400, 1));
  CHECK(well_formed_utf8(res.body));
  CHECK_THAT(res.string_member("message"), Contains("name") && Contains("UTF-8"));
  check_still_serving(server);
}

TEST_CASE("Hostile content: a 404 never echoes ill-formed path bytes", "[http][hostile]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult res = client.raw("GET", "/bo\xFF\xFE" "ards/\xC0");
  CHECK_THAT(res, IsPinterestError(404, 404));
  CHECK(well_formed_utf8(res.body));
  CHECK_THAT(res.string_member("message"), Contains("/v5/bo\xEF\xBF\xBD\xEF\xBF\xBD" "ards"));
  ApiResult method = client.raw("PUT", "/pins/\xFF");
  CHECK_THAT(method, IsPinterestError(405, 405));
  CHECK(well_formed_utf8(method.body));
  check_still_serving(server);
}

TEST_CASE("Hostile content: the journal cuts bodies on a character boundary", "[http][hostile]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  std::string title;
  for (int i = 0; i < 3000; ++i)
    title += "\xC3\xA9"; // é
  // 11 bytes before the title: the 4 KiB cap falls in the middle of an é.
  client.pins_create(with_members(sample("pins.create.image_url"), {{"title", "\"" + title + "\""}}));
  client.pins_create("{\"title\": \"" + title + "\"}");
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  for (const RecordedRequest& r : requests) {
    CHECK(r.body_truncated);
    CHECK(r.body.size() <= 4096);
    CHECK(r.body.size() >= 4090);
    CHECK(well_formed_utf8(r.body));
  }
  check_still_serving(server);
}

TEST_CASE("Hostile content: raw bytes in headers or paths or bodies keep admin answers valid JSON",
          "[http][hostile]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  client.raw("GET", "/pins?page_size=2", "", {{"X-Odd", "caf\xE9 \xFF\xC0\xAF"}});
  client.raw("POST", "/pins", "{\"title\": \"\xFF", {{"X-Odd", "\xED\xA0\x80"}});
  client.raw("POST", "/pins", std::string("\xFF\xFE{\0}", 5));
  client.raw("GET", "/pins/\xF0\x9F\x98");
  client.raw("GET", "/\xC3");
  client.raw("GET", "/pins?\xFF=\xFF");
  REQUIRE(server.requests().size() == 6);
  for (const RecordedRequest& r : server.requests()) {
    CHECK(well_formed_utf8(r.path));
    CHECK(well_formed_utf8(r.body));
    for (const auto& [name, value] : r.headers)
      CHECK((well_formed_utf8(name) && well_formed_utf8(value)));
    for (const auto& [name, value] : r.query)
      CHECK((well_formed_utf8(name) && well_formed_utf8(value)));
  }
  for (const RecordedViolation& v : server.violations())
    CHECK((well_formed_utf8(v.location) && well_formed_utf8(v.rule) && well_formed_utf8(v.value)));
  for (const OperationCoverage& op : server.coverage())
    for (const std::string& name : op.parameters)
      CHECK(well_formed_utf8(name));
  check_still_serving(server);
}

TEST_CASE("Hostile content: the journal caps headers so 100 requests of 56 KB headers stay small",
          "[http][hostile]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  std::vector<std::pair<std::string, std::string>> headers;
  // As much as the connection layer lets through (64 KiB, 8 KiB a field): 7 × 8,000 bytes.
  for (int i = 0; i < 7; ++i)
    headers.emplace_back("X-Filler-" + std::to_string(i), std::string(8000, 'h'));
  const std::size_t before = held_kib();
  for (int i = 0; i < 100; ++i)
    REQUIRE_THAT(client.raw("GET", "/pins?page_size=1", "", headers), HasStatus(200));
  const std::size_t growth_kib = held_kib() - std::min(before, held_kib());
  INFO("memory in use grew by " << growth_kib << " KiB");
  CHECK(growth_kib < 32 * 1024);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 100);
  ApiResult journal = admin(server, "GET", "/__admin/requests");
  REQUIRE(journal.json.IsObject());
  for (const auto& entry : journal.json["requests"].GetArray())
    CHECK(json_at(entry, "headers_truncated") != nullptr);
  for (const RecordedRequest& r : requests) {
    std::size_t bytes = 0;
    bool authorization = false;
    for (const auto& [name, value] : r.headers) {
      bytes += name.size() + value.size();
      CHECK(value.size() <= 1024);
      authorization = authorization || name == "Authorization";
    }
    CHECK(bytes <= 8192);
    CHECK(authorization); // the headers a reader needs come first, fillers are dropped
  }
  check_still_serving(server);
}

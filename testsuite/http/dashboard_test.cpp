// The dashboard at /__admin/ (served from the binary) and the admin answers it reads that were
// added for it: rate-limit state, the journal's first_id, each operation's declared statuses.
// What the page shows in a browser is the browser test's job (testsuite/browser/).
#include "http/http_fixture.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <string>

using namespace pinsmock;
using namespace pinsmock::test;

namespace {

std::string header(const ApiResult& result, const std::string& name) {
  const auto range = result.headers.equal_range(name);
  if (range.first == range.second)
    return "<missing>";
  return std::next(range.first) == range.second ? range.first->second : "<repeated>";
}

bool is_bool(const json::Value& root, std::string_view path, bool expected) {
  const json::Value* v = json_at(root, path);
  return v && v->IsBool() && v->GetBool() == expected;
}

/// The size of the array at `path`, or -1 when there is none.
int array_size(const json::Value& root, std::string_view path) {
  const json::Value* v = json_at(root, path);
  return v && v->IsArray() ? static_cast<int>(v->Size()) : -1;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

constexpr std::array<const char*, 6> kAssets = {
    "/__admin/",                    "/__admin/assets/dashboard.css", "/__admin/assets/dashboard.js",
    "/__admin/assets/dom.js",       "/__admin/assets/journal.js",    "/__admin/assets/panels.js"};

} // namespace

TEST_CASE("Dashboard: GET /__admin/ serves the page with a strict content policy",
          "[http][dashboard]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult page = admin.raw("GET", "/__admin/");
  REQUIRE_THAT(page, HasStatus(200));
  CHECK(header(page, "Content-Type") == "text/html; charset=utf-8");
  CHECK(contains(page.body, "<!doctype html>"));
  CHECK(contains(page.body, "<script type=\"module\" src=\"assets/dashboard.js\">"));
  const std::string policy = header(page, "Content-Security-Policy");
  CHECK(contains(policy, "default-src 'none'"));
  CHECK(contains(policy, "script-src 'self'"));
  CHECK(contains(policy, "connect-src 'self'"));
  CHECK(contains(policy, "frame-ancestors 'none'"));
  CHECK_FALSE(contains(policy, "unsafe"));
  CHECK_FALSE(contains(policy, "http"));
  CHECK(header(page, "X-Content-Type-Options") == "nosniff");
  CHECK(contains(header(page, "Cache-Control"), "no-store"));
  CHECK(header(page, "X-Frame-Options") == "DENY");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Dashboard: the stylesheet and the script are served with their types and policy",
          "[http][dashboard]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult css = admin.raw("GET", "/__admin/assets/dashboard.css");
  REQUIRE_THAT(css, HasStatus(200));
  CHECK(header(css, "Content-Type") == "text/css; charset=utf-8");
  ApiResult js = admin.raw("GET", "/__admin/assets/dashboard.js");
  REQUIRE_THAT(js, HasStatus(200));
  CHECK(header(js, "Content-Type") == "text/javascript; charset=utf-8");
  for (const ApiResult* asset : {&css, &js}) {
    CHECK(contains(header(*asset, "Content-Security-Policy"), "default-src 'none'"));
    CHECK(header(*asset, "X-Content-Type-Options") == "nosniff");
    CHECK(contains(header(*asset, "Cache-Control"), "no-store"));
  }
  CHECK_THAT(admin.raw("GET", "/__admin/assets/other.js"), IsPinterestError(404, 404));
  // Only the dashboard's own files: nothing else of the embedded table, however the path is put.
  CHECK_THAT(admin.raw("GET", "/__admin/assets/index.html/"), IsPinterestError(404, 404));
  CHECK_THAT(admin.raw("GET", "/__admin/assets/../../contracts/manifest.json"),
             IsPinterestError(404, 404));
  CHECK_THAT(admin.raw("GET", "/__admin/assets/%2e%2e%2f%2e%2e%2fcontracts%2fmanifest.json"),
             IsPinterestError(404, 404));
}

TEST_CASE("Dashboard: /__admin redirects to /__admin/", "[http][dashboard]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult bare = admin.raw("GET", "/__admin");
  REQUIRE_THAT(bare, HasStatus(302));
  CHECK(header(bare, "Location") == "/__admin/");
}

TEST_CASE("Dashboard: the page and its assets name no other host and never parse data as HTML",
          "[http][dashboard]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  for (const char* path : kAssets) {
    INFO(path);
    ApiResult asset = admin.raw("GET", path);
    REQUIRE_THAT(asset, HasStatus(200));
    // Everything is relative to the mock itself: no CDN, no font, no analytics.
    CHECK_FALSE(contains(asset.body, "http://"));
    CHECK_FALSE(contains(asset.body, "https://"));
    CHECK_FALSE(contains(asset.body, "src=\"//"));
    CHECK_FALSE(contains(asset.body, "href=\"//"));
    CHECK_FALSE(contains(asset.body, "@import"));
    if (!contains(path, ".js")) // the script has a function of that name; CSS may not load any
      CHECK_FALSE(contains(asset.body, "url("));
    // Journal bodies come from any client: the script builds text nodes, never markup.
    for (const char* sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                             "eval(", "new Function"})
      CHECK_FALSE(contains(asset.body, sink));
  }
  // No inline script or style, which the policy would block anyway.
  const std::string html = admin.raw("GET", "/__admin/").body;
  CHECK_FALSE(contains(html, "<script>"));
  CHECK_FALSE(contains(html, "<style"));
  CHECK_FALSE(contains(html, "style=\""));
  CHECK_FALSE(contains(html, " onclick="));
}

TEST_CASE("Dashboard: serving the page leaves the journal and the coverage untouched",
          "[http][dashboard]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  for (const char* path : kAssets)
    REQUIRE_THAT(admin.raw("GET", path), HasStatus(200));
  REQUIRE_THAT(admin.raw("GET", "/__admin"), HasStatus(302));
  CHECK(server.requests().empty());
  ApiResult coverage = admin.raw("GET", "/__admin/coverage");
  REQUIRE_THAT(coverage, HasStatus(200));
  CHECK(int_at(coverage.json, "exercised") == 0);
}

TEST_CASE("Dashboard: a write to the page answers 405 in JSON", "[http][dashboard]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult post = admin.raw("POST", "/__admin/", "{}");
  CHECK_THAT(post, IsPinterestError(405, 405));
  CHECK(post.content_type.rfind("application/json", 0) == 0);
  CHECK(server.requests().empty());
}

TEST_CASE("Admin API: GET /__admin/rate-limits answers enabled false while limits are off",
          "[http][admin][rate_limits]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult state = admin.raw("GET", "/__admin/rate-limits");
  REQUIRE_THAT(state, HasStatus(200));
  CHECK(is_bool(state.json, "enabled", false));
  CHECK(array_size(state.json, "windows") == 0);
}

TEST_CASE("Admin API: GET /__admin/rate-limits shows the quotas and each token's window",
          "[http][admin][rate_limits]") {
  ServerOptions options = test_options();
  options.rate_limits = "standard";
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  PinsClient admin(server.root_url(), "");
  REQUIRE_THAT(client.pins_get(fixture_pin(1)), HasStatus(200));
  REQUIRE_THAT(client.pins_get(fixture_pin(2)), HasStatus(200));
  ApiResult state = admin.raw("GET", "/__admin/rate-limits");
  REQUIRE_THAT(state, HasStatus(200));
  CHECK(is_bool(state.json, "enabled", true));
  CHECK(int_at(state.json, "categories/org_read/limit") == 100);
  CHECK(int_at(state.json, "categories/org_read/window_seconds") == 1);
  CHECK(null_at(state.json, "same_object_writes"));
  REQUIRE(array_size(state.json, "windows") == 1);
  CHECK(str_at(state.json, "windows/0/token") == kCreatorToken);
  CHECK(str_at(state.json, "windows/0/category") == "org_read");
  CHECK(int_at(state.json, "windows/0/limit") == 100);
  // The fixed test clock does not move, so the window is still the one the reads opened.
  CHECK(int_at(state.json, "windows/0/remaining") == 98);
  CHECK_THAT(admin.raw("POST", "/__admin/rate-limits"), IsPinterestError(405, 405));
  REQUIRE_THAT(admin.raw("POST", "/__admin/reset"), HasStatus(200));
  CHECK(array_size(admin.raw("GET", "/__admin/rate-limits").json, "windows") == 0);
}

TEST_CASE("Admin API: GET /__admin/requests says which id the journal now starts at",
          "[http][admin][journal]") {
  ServerOptions options = test_options();
  options.journal_size = 2;
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  PinsClient admin(server.root_url(), "");
  CHECK(null_at(admin.raw("GET", "/__admin/requests").json, "first_id"));
  for (int i = 1; i <= 3; ++i)
    REQUIRE_THAT(client.pins_get(fixture_pin(i)), HasStatus(200));
  // Three requests into a journal of two: the first was dropped, and a poller using since
  // learns it from first_id even when nothing new arrived.
  ApiResult later = admin.raw("GET", "/__admin/requests?since=3");
  REQUIRE_THAT(later, HasStatus(200));
  CHECK(array_size(later.json, "requests") == 0);
  CHECK(int_at(later.json, "first_id") == 2);
  REQUIRE_THAT(admin.raw("DELETE", "/__admin/requests"), HasStatus(204));
  CHECK(null_at(admin.raw("GET", "/__admin/requests").json, "first_id"));
}

TEST_CASE("Admin API: coverage lists the statuses each operation's contract declares",
          "[http][admin][coverage]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult coverage = admin.raw("GET", "/__admin/coverage");
  REQUIRE_THAT(coverage, HasStatus(200));
  const json::Value* operations = json_at(coverage.json, "operations");
  REQUIRE(operations);
  REQUIRE(operations->Size() == 8);
  bool saw_delete = false;
  for (const auto& op : operations->GetArray()) {
    const json::Value* declared = json::find(op, "declared_statuses");
    REQUIRE(declared);
    REQUIRE(declared->IsArray());
    CHECK(declared->Size() >= 3);
    for (rapidjson::SizeType i = 1; i < declared->Size(); ++i)
      CHECK((*declared)[i - 1].GetInt() < (*declared)[i].GetInt());
    if (str_at(op, "operation") == "pins/delete") {
      saw_delete = true;
      CHECK((*declared)[0].GetInt() == 204);
    }
  }
  CHECK(saw_delete);
}

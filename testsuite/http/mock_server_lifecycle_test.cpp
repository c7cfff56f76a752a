// MockServer as an embeddable object: start/stop, ports and URLs, several at once, startup errors.
#include "http/http_fixture.hpp"

#include "pinsmock/startup_error.hpp"

#include <chrono>
#include <memory>

using namespace pinsmock::test;
using pinsmock::MockServer;
using pinsmock::ServerOptions;
using pinsmock::StartupError;

namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

TEST_CASE("MockServer: start serves on an ephemeral port under a /v5 base URL",
          "[http][lifecycle]") {
  MockServer server(test_options());
  CHECK_FALSE(server.running());
  server.start();
  CHECK(server.running());
  CHECK(server.port() > 0);
  CHECK(server.base_url() == "http://127.0.0.1:" + std::to_string(server.port()) + "/v5");
  CHECK(ends_with(server.base_url(), "/v5"));
  CHECK(server.root_url() == "http://127.0.0.1:" + std::to_string(server.port()));

  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_get(fixture_pin(1));
  CHECK_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));

  server.stop();
  CHECK_FALSE(server.running());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("MockServer: two servers run at once with separate state", "[http][lifecycle]") {
  MockServer first(test_options());
  MockServer second(test_options());
  first.start();
  second.start();
  REQUIRE(first.port() != second.port());

  PinsClient a(first.base_url(), kCreatorToken);
  PinsClient b(second.base_url(), kCreatorToken);
  const std::string id = create_pin(a);
  ApiResult on_first = a.pins_get(id);
  CHECK_THAT(on_first, HasStatus(200));
  CHECK_THAT(on_first, ConformsTo("pins/get"));
  ApiResult on_second = b.pins_get(id);
  CHECK_THAT(on_second, IsPinterestError(404, 50));
  CHECK_THAT(on_second, ConformsTo("pins/get"));

  CHECK(first.internal_errors().empty());
  CHECK(second.internal_errors().empty());
}

TEST_CASE("MockServer: stop right after start returns within two seconds", "[http][lifecycle]") {
  MockServer server(test_options());
  const auto begin = std::chrono::steady_clock::now();
  server.start();
  server.stop();
  const auto elapsed = std::chrono::steady_clock::now() - begin;
  CHECK(elapsed < std::chrono::seconds(2));
  CHECK_FALSE(server.running());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("MockServer: stop after a served keep-alive request returns within two seconds",
          "[http][lifecycle]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(client.pins_list(), HasStatus(200)); // leaves an idle keep-alive connection open
  const auto begin = std::chrono::steady_clock::now();
  server.stop();
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(2));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("MockServer: stop is idempotent and harmless before start", "[http][lifecycle]") {
  MockServer server(test_options());
  server.stop(); // never started
  server.start();
  server.stop();
  server.stop();
  CHECK_FALSE(server.running());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("MockServer: start on a running server throws StartupError", "[http][lifecycle]") {
  MockServer server(test_options());
  server.start();
  CHECK_THROWS_AS(server.start(), StartupError);
  CHECK(server.running());
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(client.pins_list(), HasStatus(200));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("MockServer: the destructor stops serving", "[http][lifecycle]") {
  auto server = std::make_unique<MockServer>(test_options());
  server->start();
  const std::string base_url = server->base_url();
  PinsClient before(base_url, kCreatorToken);
  REQUIRE_THAT(before.pins_list(), HasStatus(200));
  CHECK(server->internal_errors().empty());

  const auto begin = std::chrono::steady_clock::now();
  server.reset();
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(2));
  PinsClient after(base_url, kCreatorToken);
  ApiResult refused = after.pins_list();
  CHECK(refused.status == 0); // transport error: nobody listens any more
  CHECK_FALSE(refused.transport_error.empty());
}

TEST_CASE("MockServer: a missing fixtures directory throws StartupError at construction",
          "[http][lifecycle]") {
  ServerOptions options = test_options();
  options.fixtures_dir = "/nonexistent/pins-mock/fixtures";
  CHECK_THROWS_AS(MockServer(options), StartupError);
}

TEST_CASE("MockServer: a directory that is not a fixture set throws StartupError",
          "[http][lifecycle]") {
  ServerOptions options = test_options();
  options.fixtures_dir = source_dir() + "/fixtures/requests"; // JSON files, but no accounts.json
  CHECK_THROWS_AS(MockServer(options), StartupError);
}

TEST_CASE("MockServer: a malformed today option throws StartupError", "[http][lifecycle]") {
  ServerOptions options = test_options();
  options.today = "2026-13-45";
  CHECK_THROWS_AS(MockServer(options), StartupError);
}

TEST_CASE("MockServer: the default fixtures directory on disk loads like the built-in copy",
          "[http][lifecycle]") {
  ServerOptions options = test_options();
  options.fixtures_dir = source_dir() + "/fixtures/default";
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult got = client.pins_get(fixture_pin(36), {});
  CHECK_THAT(got, IsPinterestError(404, 50)); // the partner's secret pin stays hidden
  CHECK_THAT(got, ConformsTo("pins/get"));
  ApiResult own = client.pins_get(fixture_pin(30));
  CHECK_THAT(own, HasStatus(200));
  CHECK_THAT(own, ConformsTo("pins/get"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("MockServer: binding a port that another server uses throws StartupError on start",
          "[http][lifecycle]") {
  MockServer occupant(test_options());
  occupant.start();

  ServerOptions options = test_options();
  options.port = occupant.port();
  MockServer intruder(options);
  CHECK_THROWS_AS(intruder.start(), StartupError);
  CHECK_FALSE(intruder.running());

  // The occupant keeps answering all requests.
  for (int i = 0; i < 4; ++i) {
    PinsClient fresh(occupant.base_url(), kCreatorToken); // a new connection each time
    CHECK_THAT(fresh.pins_list(), HasStatus(200));
  }
  CHECK(occupant.internal_errors().empty());
}

TEST_CASE("MockServer: a fixed free port is used as given", "[http][lifecycle]") {
  int port = 0;
  {
    MockServer probe(test_options());
    probe.start();
    port = probe.port();
  }
  ServerOptions options = test_options();
  options.port = port;
  MockServer server(options);
  server.start();
  CHECK(server.port() == port);
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK_THAT(client.pins_list(), HasStatus(200));
  CHECK(server.internal_errors().empty());
}

#include "pinsmock/mock_server.hpp"
#include "support/conforms_to.hpp"
#include "support/pins_client.hpp"

TEST_CASE("MockServer: serves the default fixtures after start", "[http][lifecycle]") {
  pinsmock::MockServer server;
  server.start();
  pinsmock::test::PinsClient client(server.base_url(), server.default_token());
  auto result = client.pins_list();
  REQUIRE_THAT(result, pinsmock::test::HasStatus(200));
  REQUIRE_THAT(result, pinsmock::test::ConformsTo("pins/list"));
}

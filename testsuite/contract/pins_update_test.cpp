// pins/update — PATCH /pins/{pin_id}
#include "contract_checks.hpp"
#include "scoped_pin.hpp"
#include "support/conforms_to.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock::test;

TEST_CASE("pins/update: title, description, link and alt_text are echoed and persist",
          "[contract][pins/update][writes]") {
  ScopedPin pin;
  REQUIRE_THAT(pin.created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  const std::string title = unique_title("updated");
  const std::string body = "{\"title\": \"" + title +
                           "\", \"description\": \"Updated by pins-contract.\", \"link\": "
                           "\"https://example.com/updated\", \"alt_text\": \"Updated alt text\"}";
  ApiResult r = client.pins_update(pin.id(), body);
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("pins/update"));
  CHECK(r.string_member("title") == title);
  CHECK(r.string_member("description") == "Updated by pins-contract.");
  CHECK(r.string_member("link") == "https://example.com/updated");
  CHECK(r.string_member("alt_text") == "Updated alt text");
  ApiResult again = client.pins_get(pin.id());
  REQUIRE_THAT(again, HasStatus(200));
  CHECK(again.string_member("title") == title);
}

TEST_CASE("pins/update: board_id moves the pin to another board",
          "[contract][pins/update][writes]") {
  if (target().second_board_id().empty()) {
    // The Pins API cannot create boards: without a second one this cannot be checked.
    return not_checked("no second board (--second-board-id): nothing to move to");
  }
  ScopedPin pin;
  REQUIRE_THAT(pin.created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  ApiResult r =
      client.pins_update(pin.id(), "{\"board_id\": \"" + target().second_board_id() + "\"}");
  REQUIRE_THAT(r, HasStatus(200));
  REQUIRE_THAT(r, ConformsTo("pins/update"));
  CHECK(r.string_member("board_id") == target().second_board_id());
}

TEST_CASE("pins/update: a title over 100 characters answers 400",
          "[contract][pins/update][writes]") {
  ScopedPin pin;
  REQUIRE_THAT(pin.created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  ApiResult r = client.pins_update(pin.id(), "{\"title\": \"" + std::string(101, 'x') + "\"}");
  REQUIRE_THAT(r, HasStatus(400));
  REQUIRE_THAT(r, ConformsTo("pins/update"));
}

TEST_CASE("pins/update: a pin that does not exist answers 404",
          "[contract][pins/update][writes]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_update("1", "{\"title\": \"nobody\"}");
  REQUIRE_THAT(r, HasStatus(404));
  REQUIRE_THAT(r, ConformsTo("pins/update"));
}

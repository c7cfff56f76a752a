// pins/save — POST /pins/{pin_id}/save
#include "contract_checks.hpp"
#include "scoped_pin.hpp"
#include "support/conforms_to.hpp"

#include <catch2/catch.hpp>

using namespace pinsmock::test;

TEST_CASE("pins/save: saving to another board answers 201 and leaves the original in place",
          "[contract][pins/save][writes]") {
  if (target().second_board_id().empty()) {
    // The Pins API cannot create boards: without a second one this cannot be checked.
    return not_checked("no second board (--second-board-id): nowhere to save to");
  }
  ScopedPin pin;
  REQUIRE_THAT(pin.created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  ApiResult r = client.pins_save(pin.id(), "{\"board_id\": \"" + target().second_board_id() + "\"}");
  const std::string saved_id = r.string_member("id");
  if (!saved_id.empty() && saved_id != pin.id())
    target().track(saved_id);
  REQUIRE_THAT(r, HasStatus(201));
  REQUIRE_THAT(r, ConformsTo("pins/save"));
  CHECK(r.string_member("board_id") == target().second_board_id());
  ApiResult original = client.pins_get(pin.id());
  REQUIRE_THAT(original, HasStatus(200));
  CHECK(original.string_member("board_id") == pin.created().string_member("board_id"));
}

TEST_CASE("pins/save: a pin that does not exist answers 404", "[contract][pins/save][writes]") {
  PinsClient client = target().client();
  ApiResult r = client.pins_save("1", "{\"board_id\": \"" + target().board_id() + "\"}");
  REQUIRE_THAT(r, HasStatus(404));
  REQUIRE_THAT(r, ConformsTo("pins/save"));
}

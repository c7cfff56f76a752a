// The whole life of a pin: create -> get -> list -> update -> save -> analytics -> delete -> 404.
#include "contract_checks.hpp"
#include "scoped_pin.hpp"
#include "support/conforms_to.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace pinsmock::test;

TEST_CASE("lifecycle: a pin is created, read, listed, updated, saved, reported and deleted",
          "[contract][lifecycle][writes][analytics]") {
  PinsClient client = target().client();
  ScopedPin pin;
  REQUIRE_THAT(pin.created(), HasStatus(201) && ConformsTo("pins/create"));
  REQUIRE_THAT(pin.created(), ConformsTo("pins/create"));

  ApiResult got = client.pins_get(pin.id());
  REQUIRE_THAT(got, HasStatus(200));
  REQUIRE_THAT(got, ConformsTo("pins/get"));

  const Walk walk = walk_pins(client, 50);
  INFO(walk.problem);
  REQUIRE(walk.problem.empty());
  CHECK(std::count(walk.ids.begin(), walk.ids.end(), pin.id()) == 1);

  const std::string title = unique_title("lifecycle");
  ApiResult updated = client.pins_update(pin.id(), "{\"title\": \"" + title + "\"}");
  REQUIRE_THAT(updated, HasStatus(200));
  REQUIRE_THAT(updated, ConformsTo("pins/update"));
  CHECK(updated.string_member("title") == title);

  const std::string save_board =
      target().second_board_id().empty() ? target().board_id() : target().second_board_id();
  ApiResult saved = client.pins_save(pin.id(), "{\"board_id\": \"" + save_board + "\"}");
  const std::string saved_id = saved.string_member("id");
  if (!saved_id.empty() && saved_id != pin.id())
    target().track(saved_id);
  REQUIRE_THAT(saved, HasStatus(201));
  REQUIRE_THAT(saved, ConformsTo("pins/save"));

  ApiResult report = client.pins_analytics(
      pin.id(), {{"start_date", utc_date(-3)}, {"end_date", utc_date(0)}, {"metric_types", "IMPRESSION"}});
  REQUIRE_THAT(report, HasStatus(200));
  REQUIRE_THAT(report, ConformsTo("pins/analytics"));

  ApiResult deleted = client.pins_delete(pin.id());
  REQUIRE_THAT(deleted, HasStatus(204));
  REQUIRE_THAT(deleted, ConformsTo("pins/delete"));
  const std::string id = pin.id();
  pin.release();

  ApiResult gone = client.pins_get(id);
  REQUIRE_THAT(gone, HasStatus(404));
  REQUIRE_THAT(gone, ConformsTo("pins/get"));
}

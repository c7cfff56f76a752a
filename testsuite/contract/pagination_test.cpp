// pins/list bookmark walks over pins the suite creates.
#include "contract_checks.hpp"
#include "scoped_pin.hpp"
#include "support/conforms_to.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>

using namespace pinsmock::test;

namespace {

constexpr int kCreated = 30;

std::vector<std::unique_ptr<ScopedPin>> create_pins(int count) {
  std::vector<std::unique_ptr<ScopedPin>> pins;
  for (int i = 0; i < count; ++i)
    pins.push_back(std::make_unique<ScopedPin>());
  return pins;
}

std::map<std::string, int> occurrences(const std::vector<std::string>& ids) {
  std::map<std::string, int> seen;
  for (const std::string& id : ids)
    ++seen[id];
  return seen;
}

} // namespace

TEST_CASE("pins/list: a bookmark walk sees each of 30 new pins exactly once and ends with null",
          "[contract][pins/list][writes]") {
  auto pins = create_pins(kCreated);
  for (const auto& pin : pins)
    REQUIRE_THAT(pin->created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  const Walk walk = walk_pins(client, 7);
  INFO(walk.problem);
  REQUIRE(walk.problem.empty());
  CHECK(walk.ended_with_null);
  const auto seen = occurrences(walk.ids);
  for (const auto& [id, count] : seen) {
    INFO("pin " << id << " was listed " << count << " times");
    CHECK(count == 1);
  }
  for (const auto& pin : pins) {
    INFO("created pin " << pin->id() << " is missing from the walk");
    CHECK(seen.count(pin->id()) == 1);
  }
  // Live pages may be short and still carry a bookmark (API-NOTES.md 3); --strict forbids it.
  if (target().strict())
    for (std::size_t i = 0; i + 1 < walk.pages.size(); ++i)
      CHECK(walk.pages[i].json["items"].Size() == 7);
}

TEST_CASE("pins/list: pins created and deleted between pages cause no duplicates or gaps",
          "[contract][pins/list][writes]") {
  auto pins = create_pins(12);
  for (const auto& pin : pins)
    REQUIRE_THAT(pin->created(), HasStatus(201) && ConformsTo("pins/create"));
  PinsClient client = target().client();
  ApiResult first = client.pins_list({{"page_size", "5"}});
  REQUIRE_THAT(first, HasStatus(200));
  REQUIRE_THAT(first, ConformsTo("pins/list"));
  std::vector<std::string> ids;
  for (const auto& item : first.json["items"].GetArray())
    ids.emplace_back(item["id"].GetString());
  const pinsmock::json::Value& bookmark = first.json["bookmark"];
  REQUIRE(bookmark.IsString());

  // Between pages: one new pin (newest first: it belongs before the cursor) and one deletion of
  // a pin not yet seen.
  ScopedPin newcomer;
  REQUIRE_THAT(newcomer.created(), HasStatus(201) && ConformsTo("pins/create"));
  const std::string deleted = pins.front()->id(); // the oldest of ours, not on page one
  REQUIRE(std::find(ids.begin(), ids.end(), deleted) == ids.end());
  REQUIRE_THAT(client.pins_delete(deleted), HasStatus(204));
  pins.front()->release();

  std::string next = bookmark.GetString();
  for (int page = 0; page < 100 && !next.empty(); ++page) {
    ApiResult r = client.pins_list({{"page_size", "5"}, {"bookmark", next}});
    REQUIRE_THAT(r, HasStatus(200));
    REQUIRE_THAT(r, ConformsTo("pins/list"));
    for (const auto& item : r.json["items"].GetArray())
      ids.emplace_back(item["id"].GetString());
    next = r.json["bookmark"].IsString() ? r.json["bookmark"].GetString() : "";
  }
  const auto seen = occurrences(ids);
  for (const auto& [id, count] : seen) {
    INFO("pin " << id << " was listed " << count << " times");
    CHECK(count == 1);
  }
  CHECK(seen.count(deleted) == 0);
  for (std::size_t i = 1; i < pins.size(); ++i) {
    INFO("surviving pin " << pins[i]->id() << " was skipped");
    CHECK(seen.count(pins[i]->id()) == 1);
  }
}

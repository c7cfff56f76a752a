// pins/list — GET /pins: order, page sizes, bookmarks and filters.
#include "http/http_fixture.hpp"

#include <algorithm>
#include <set>

using namespace pinsmock::test;
using pinsmock::MockServer;

namespace {

// Fixture pin ids …NN, in the given order.
std::vector<std::string> pins(std::initializer_list<int> numbers) {
  std::vector<std::string> out;
  for (int n : numbers)
    out.push_back(fixture_pin(n));
  return out;
}

// The creator's pins on public boards, newest first (fixtures/README.md).
std::vector<std::string> creator_public_newest_first() {
  return pins({30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 8, 7, 6, 5, 4, 3, 2, 1});
}

// GET /pins with `query` as a single page of up to 250 pins; must answer 200, conform, and end.
std::vector<std::string> list_once(PinsClient& client, Query query) {
  query.emplace_back("page_size", "250");
  ApiResult page = client.pins_list(query);
  REQUIRE_THAT(page, HasStatus(200));
  REQUIRE_THAT(page, ConformsTo("pins/list"));
  CHECK(null_at(page.json, "bookmark"));
  return item_ids(page);
}

} // namespace

TEST_CASE("pins/list: lists the operation user's public-board pins newest first",
          "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult page = client.pins_list();
  REQUIRE_THAT(page, HasStatus(200));
  REQUIRE_THAT(page, ConformsTo("pins/list"));
  CHECK(item_ids(page) == creator_public_newest_first());
  CHECK(null_at(page.json, "bookmark"));
  const pinsmock::json::Value* items = json_at(page.json, "items");
  REQUIRE(items);
  std::string previous = "9999";
  for (const auto& item : items->GetArray()) {
    CHECK(str_at(item, "created_at") < previous);
    previous = str_at(item, "created_at");
    CHECK(str_at(item, "board_owner/username") == "mock_creator");
    CHECK(null_at(item, "pin_metrics"));
  }
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: new pins come first, page_size defaults to 25 and accepts 1 and 250",
          "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  std::vector<std::string> created;
  for (int i = 0; i < 10; ++i)
    created.push_back(create_pin(client));

  ApiResult first = client.pins_list();
  REQUIRE_THAT(first, HasStatus(200));
  CHECK_THAT(first, ConformsTo("pins/list"));
  const std::vector<std::string> ids = item_ids(first);
  CHECK(ids.size() == 25);
  CHECK_FALSE(null_at(first.json, "bookmark"));
  REQUIRE(ids.size() >= 10);
  CHECK(std::vector<std::string>(ids.begin(), ids.begin() + 10) ==
        std::vector<std::string>(created.rbegin(), created.rend()));

  ApiResult one = client.pins_list({{"page_size", "1"}});
  REQUIRE_THAT(one, HasStatus(200));
  CHECK_THAT(one, ConformsTo("pins/list"));
  CHECK(item_ids(one) == std::vector<std::string>{created.back()});
  CHECK_FALSE(null_at(one.json, "bookmark"));

  ApiResult all = client.pins_list({{"page_size", "250"}});
  REQUIRE_THAT(all, HasStatus(200));
  CHECK_THAT(all, ConformsTo("pins/list"));
  CHECK(item_ids(all).size() == 10 + kCreatorPublicPins);
  CHECK(null_at(all.json, "bookmark"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: a page that holds exactly the rest has a null bookmark",
          "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult page = client.pins_list({{"page_size", std::to_string(kCreatorPublicPins)}});
  REQUIRE_THAT(page, HasStatus(200));
  CHECK_THAT(page, ConformsTo("pins/list"));
  CHECK(item_ids(page).size() == static_cast<std::size_t>(kCreatorPublicPins));
  CHECK(null_at(page.json, "bookmark"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: a bookmark walk sees each pin exactly once, in order", "[http][pins/list]") {
  const int page_size = GENERATE(1, 4, 18, 25);
  INFO("page_size " << page_size);
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const ListWalk walk = walk_list(client, {{"page_size", std::to_string(page_size)}});
  CHECK(walk.ids == creator_public_newest_first());
  CHECK(walk.pages == (kCreatorPublicPins + page_size - 1) / page_size);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: a bookmark walk stays exact when pins are created and deleted between pages",
          "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  std::vector<std::string> seen;
  std::set<std::string> created;
  std::string bookmark;
  int pages = 0;
  do {
    Query query{{"page_size", "5"}};
    if (!bookmark.empty())
      query.emplace_back("bookmark", bookmark);
    ApiResult page = client.pins_list(query);
    REQUIRE_THAT(page, HasStatus(200));
    REQUIRE_THAT(page, ConformsTo("pins/list"));
    for (const std::string& id : item_ids(page))
      seen.push_back(id);
    bookmark = null_at(page.json, "bookmark") ? "" : str_at(page.json, "bookmark");
    ++pages;
    if (pages == 1) {
      // Between pages 1 and 2: two new pins, one deletion ahead of the cursor, one behind it,
      // and the deletion of the pin the bookmark points at.
      created.insert(create_pin(client));
      created.insert(create_pin(client));
      REQUIRE_THAT(client.pins_delete(fixture_pin(1)), HasStatus(204));
      REQUIRE_THAT(client.pins_delete(fixture_pin(30)), HasStatus(204));
      REQUIRE_THAT(client.pins_delete(fixture_pin(26)), HasStatus(204));
    } else if (pages == 2) {
      created.insert(create_pin(client));
      REQUIRE_THAT(client.pins_delete(fixture_pin(20)), HasStatus(204)); // the next page's head
    }
    REQUIRE(pages < 100);
  } while (!bookmark.empty());

  CHECK(all_distinct(seen));
  std::vector<std::string> expected = creator_public_newest_first();
  expected.erase(std::remove_if(expected.begin(), expected.end(),
                                [](const std::string& id) {
                                  return id == fixture_pin(1) || id == fixture_pin(20);
                                }),
                 expected.end());
  CHECK(seen == expected); // 30 and 26 were seen before their deletion; new pins are newer
  for (const std::string& id : created)
    CHECK(std::find(seen.begin(), seen.end(), id) == seen.end());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: pin_filter selects repins, native pins or promoted pins",
          "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK(list_once(client, {{"pin_filter", "exclude_native"}}) == pins({24, 8}));
  CHECK(list_once(client, {{"pin_filter", "has_been_promoted"}}) == pins({20, 2}));
  CHECK(list_once(client, {{"pin_filter", "has_been_promoted"}, {"include_protected_pins", "true"}}) ==
        pins({20, 13, 2}));
  std::vector<std::string> native = creator_public_newest_first();
  native.erase(std::remove_if(native.begin(), native.end(),
                              [](const std::string& id) {
                                return id == fixture_pin(24) || id == fixture_pin(8);
                              }),
               native.end());
  CHECK(list_once(client, {{"pin_filter", "exclude_repins"}}) == native);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: creative_types filters by one type", "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK(list_once(client, {{"creative_types", "VIDEO"}}) == pins({27, 21, 3}));
  CHECK(list_once(client, {{"creative_types", "IDEA"}}) == pins({25, 6}));
  CHECK(list_once(client, {{"creative_types", "CAROUSEL"}}) == pins({23, 5}));
  CHECK(list_once(client, {{"creative_types", "REGULAR"}}).size() ==
        static_cast<std::size_t>(kCreatorPublicPins - 7));
  CHECK(list_once(client, {{"creative_types", "VIDEO"}, {"include_protected_pins", "true"}}) ==
        pins({27, 21, 10, 3}));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: creative_types accepts a comma list, an encoded comma and repeated keys",
          "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::vector<std::string> expected = pins({27, 23, 21, 5, 3});

  ApiResult literal = client.raw("GET", "/pins?creative_types=VIDEO,CAROUSEL&page_size=250");
  REQUIRE_THAT(literal, HasStatus(200));
  CHECK_THAT(literal, ConformsTo("pins/list"));
  CHECK(item_ids(literal) == expected);

  ApiResult encoded = client.raw("GET", "/pins?creative_types=VIDEO%2CCAROUSEL&page_size=250");
  REQUIRE_THAT(encoded, HasStatus(200));
  CHECK_THAT(encoded, ConformsTo("pins/list"));
  CHECK(item_ids(encoded) == expected);

  ApiResult lower_encoded = client.raw("GET", "/pins?creative_types=VIDEO%2cCAROUSEL&page_size=250");
  REQUIRE_THAT(lower_encoded, HasStatus(200));
  CHECK_THAT(lower_encoded, ConformsTo("pins/list"));
  CHECK(item_ids(lower_encoded) == expected);

  CHECK(list_once(client, {{"creative_types", "VIDEO"}, {"creative_types", "CAROUSEL"}}) == expected);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: pin_type=PRIVATE lists only pins on secret boards", "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  CHECK(list_once(client, {{"pin_type", "PRIVATE"}}) == pins({19, 18, 17, 16, 15}));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: include_protected_pins adds the protected board's pins",
          "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  const std::vector<std::string> with = list_once(client, {{"include_protected_pins", "true"}});
  CHECK(with.size() == static_cast<std::size_t>(kCreatorPublicPins + kCreatorProtectedPins));
  for (int n = 9; n <= 14; ++n)
    CHECK(std::find(with.begin(), with.end(), fixture_pin(n)) != with.end());
  for (int n = 15; n <= 19; ++n)
    CHECK(std::find(with.begin(), with.end(), fixture_pin(n)) == with.end());
  CHECK(list_once(client, {{"include_protected_pins", "false"}}) == creator_public_newest_first());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: each user sees only their own pins", "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  CHECK(list_once(partner, {}) == pins({34, 33, 32, 31}));
  CHECK(list_once(partner, {{"pin_type", "PRIVATE"}}) == pins({36, 35}));
  PinsClient admin(server.base_url(), kAdminToken);
  CHECK(list_once(admin, {}).empty());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("pins/list: pin_metrics=true gives every item a pin_metrics object",
          "[http][pins/list]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult page = client.pins_list({{"pin_metrics", "true"}, {"page_size", "5"}});
  REQUIRE_THAT(page, HasStatus(200));
  CHECK_THAT(page, ConformsTo("pins/list"));
  const pinsmock::json::Value* items = json_at(page.json, "items");
  REQUIRE(items);
  REQUIRE(items->Size() == 5);
  for (const auto& item : items->GetArray()) {
    const pinsmock::json::Value* metrics = json_at(item, "pin_metrics");
    REQUIRE(metrics);
    CHECK(metrics->IsObject());
  }
  CHECK(server.internal_errors().empty());
}

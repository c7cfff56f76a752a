// ad_account_id: acting for another user through Business Access (fixtures/README.md: mock_partner
// is ANALYST and mock_admin ADMIN on mock_creator's ad account 549755885175).
#include "http/http_fixture.hpp"

using namespace pinsmock::test;
using pinsmock::MockServer;

TEST_CASE("Business Access: an analyst lists the owner's public pins with ad_account_id",
          "[http][business-access]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  const ListWalk walk = walk_list(partner, {{"ad_account_id", kCreatorAdAccount}, {"page_size", "7"}});
  CHECK(walk.ids.size() == static_cast<std::size_t>(kCreatorPublicPins));
  CHECK(walk.ids.front() == fixture_pin(30));
  CHECK(walk.ids.back() == fixture_pin(1));
  CHECK(all_distinct(walk.ids));

  ApiResult page = partner.pins_list({{"ad_account_id", kCreatorAdAccount}, {"page_size", "1"}});
  REQUIRE_THAT(page, HasStatus(200));
  CHECK_THAT(page, ConformsTo("pins/list"));
  CHECK(str_at(page.json, "items/0/board_owner/username") == "mock_creator");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Business Access: an analyst sees protected pins but may not list private ones",
          "[http][business-access]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  const ListWalk with_protected = walk_list(
      partner, {{"ad_account_id", kCreatorAdAccount}, {"include_protected_pins", "true"}, {"page_size", "250"}});
  CHECK(with_protected.ids.size() ==
        static_cast<std::size_t>(kCreatorPublicPins + kCreatorProtectedPins));

  ApiResult secret = partner.pins_list({{"ad_account_id", kCreatorAdAccount}, {"pin_type", "PRIVATE"}});
  CHECK_THAT(secret, IsPinterestError(403, 29));
  CHECK_THAT(secret, ConformsTo("pins/list"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Business Access: an analyst gets the owner's public and protected pins",
          "[http][business-access]") {
  const int pin = GENERATE(1, 9);
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult got = partner.pins_get(fixture_pin(pin), {{"ad_account_id", kCreatorAdAccount}});
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(str_at(got.json, "id") == fixture_pin(pin));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Business Access: an analyst on a secret-board pin answers 403 code 29",
          "[http][business-access]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult got = partner.pins_get(fixture_pin(15), {{"ad_account_id", kCreatorAdAccount}});
  CHECK_THAT(got, IsPinterestError(403, 29));
  CHECK_THAT(got, ConformsTo("pins/get"));
  ApiResult updated = partner.pins_update(fixture_pin(15), R"({"title": "x"})",
                                          {{"ad_account_id", kCreatorAdAccount}});
  CHECK_THAT(updated, IsPinterestError(403, 29));
  CHECK_THAT(updated, ConformsTo("pins/update"));
  ApiResult created = partner.pins_create(
      with_members(sample("pins.create.image_url"), {{"board_id", "\"" + kGiftsBoard + "\""}}),
      {{"ad_account_id", kCreatorAdAccount}});
  CHECK_THAT(created, IsPinterestError(403, 29));
  CHECK_THAT(created, ConformsTo("pins/create"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Business Access: an admin gets and lists the owner's secret-board pins",
          "[http][business-access]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.base_url(), kAdminToken);
  ApiResult got = admin.pins_get(fixture_pin(15), {{"ad_account_id", kCreatorAdAccount}});
  REQUIRE_THAT(got, HasStatus(200));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(str_at(got.json, "board_id") == kGiftsBoard);

  ApiResult secret = admin.pins_list({{"ad_account_id", kCreatorAdAccount}, {"pin_type", "PRIVATE"}});
  REQUIRE_THAT(secret, HasStatus(200));
  CHECK_THAT(secret, ConformsTo("pins/list"));
  CHECK(item_ids(secret).size() == static_cast<std::size_t>(kCreatorSecretPins));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Business Access: an analyst creates on the owner's public board as the owner",
          "[http][business-access]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult created =
      partner.pins_create(sample("pins.create.image_url"), {{"ad_account_id", kCreatorAdAccount}});
  REQUIRE_THAT(created, HasStatus(201));
  CHECK_THAT(created, ConformsTo("pins/create"));
  CHECK(str_at(created.json, "board_owner/username") == "mock_creator");

  PinsClient creator(server.base_url(), kCreatorToken);
  ApiResult own = creator.pins_get(created.string_member("id"));
  REQUIRE_THAT(own, HasStatus(200));
  CHECK_THAT(own, ConformsTo("pins/get"));
  const pinsmock::json::Value* is_owner = json_at(own.json, "is_owner");
  REQUIRE(is_owner);
  CHECK(is_owner->IsTrue());
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Business Access: an unknown ad account answers 403 code 29", "[http][business-access]") {
  MockServer server(test_options());
  server.start();
  PinsClient partner(server.base_url(), kPartnerToken);
  ApiResult listed = partner.pins_list({{"ad_account_id", "549755899999"}});
  CHECK_THAT(listed, IsPinterestError(403, 29));
  CHECK_THAT(listed, ConformsTo("pins/list"));
  ApiResult got = partner.pins_get(fixture_pin(1), {{"ad_account_id", "549755899999"}});
  CHECK_THAT(got, IsPinterestError(403, 29));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Business Access: a user without a role on the ad account answers 403 code 29",
          "[http][business-access]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.base_url(), kAdminToken); // no role on the partner's own ad account
  ApiResult listed = admin.pins_list({{"ad_account_id", kPartnerAdAccount}});
  CHECK_THAT(listed, IsPinterestError(403, 29));
  CHECK_THAT(listed, ConformsTo("pins/list"));
  PinsClient creator(server.base_url(), kCreatorToken);
  ApiResult got = creator.pins_get(fixture_pin(31), {{"ad_account_id", kPartnerAdAccount}});
  CHECK_THAT(got, IsPinterestError(403, 29));
  CHECK_THAT(got, ConformsTo("pins/get"));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Business Access: the owner's own ad account acts as the owner", "[http][business-access]") {
  MockServer server(test_options());
  server.start();
  PinsClient creator(server.base_url(), kCreatorToken);
  ApiResult secret = creator.pins_get(fixture_pin(15), {{"ad_account_id", kCreatorAdAccount}});
  CHECK_THAT(secret, HasStatus(200));
  CHECK_THAT(secret, ConformsTo("pins/get"));
  ApiResult listed = creator.pins_list({{"ad_account_id", kCreatorAdAccount}, {"page_size", "250"}});
  REQUIRE_THAT(listed, HasStatus(200));
  CHECK_THAT(listed, ConformsTo("pins/list"));
  CHECK(item_ids(listed).size() == static_cast<std::size_t>(kCreatorPublicPins));
  CHECK(server.internal_errors().empty());
}

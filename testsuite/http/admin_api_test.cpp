// /__admin: health, reset and the accounts a tester may use.
#include "http/http_fixture.hpp"

#include <map>

using namespace pinsmock::test;
using pinsmock::MockServer;

TEST_CASE("Admin API: GET /__admin/health answers 200 with the pin count", "[http][admin]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult res = admin.raw("GET", "/__admin/health");
  REQUIRE_THAT(res, HasStatus(200));
  CHECK(res.content_type.rfind("application/json", 0) == 0);
  CHECK(str_at(res.json, "status") == "ok");
  CHECK(int_at(res.json, "pins") == kFixturePinCount);
  ApiResult slash = admin.raw("GET", "/__admin/health/");
  CHECK_THAT(slash, HasStatus(200));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Admin API: the admin routes need no token", "[http][admin]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "pina_unknown_token");
  CHECK_THAT(admin.raw("GET", "/__admin/health"), HasStatus(200));
  CHECK_THAT(admin.raw("GET", "/__admin/accounts"), HasStatus(200));
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Admin API: POST /__admin/reset restores the fixtures", "[http][admin]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  PinsClient admin(server.root_url(), "");
  const std::string created = create_pin(client);
  ApiResult deleted = client.pins_delete(fixture_pin(1));
  REQUIRE_THAT(deleted, HasStatus(204));
  ApiResult updated = client.pins_update(fixture_pin(2), R"({"title": "changed before reset"})");
  REQUIRE_THAT(updated, HasStatus(200));
  CHECK_THAT(updated, ConformsTo("pins/update"));
  CHECK(int_at(admin.raw("GET", "/__admin/health").json, "pins") == kFixturePinCount);

  ApiResult reset = admin.raw("POST", "/__admin/reset");
  REQUIRE_THAT(reset, HasStatus(200));
  CHECK(reset.content_type.rfind("application/json", 0) == 0);
  CHECK(int_at(reset.json, "pins") == kFixturePinCount);

  ApiResult gone = client.pins_get(created);
  CHECK_THAT(gone, IsPinterestError(404, 50));
  CHECK_THAT(gone, ConformsTo("pins/get"));
  ApiResult back = client.pins_get(fixture_pin(1));
  CHECK_THAT(back, HasStatus(200));
  CHECK_THAT(back, ConformsTo("pins/get"));
  ApiResult restored = client.pins_get(fixture_pin(2));
  CHECK_THAT(restored, ConformsTo("pins/get"));
  CHECK(str_at(restored.json, "title") != "changed before reset");
  const ListWalk walk = walk_list(client, {{"page_size", "250"}});
  CHECK(walk.ids.size() == static_cast<std::size_t>(kCreatorPublicPins));
  CHECK(int_at(admin.raw("GET", "/__admin/health").json, "pins") == kFixturePinCount);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Admin API: reset restarts ids, so the same requests give the same ids",
          "[http][admin]") {
  MockServer server(test_options());
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  PinsClient admin(server.root_url(), "");
  ApiResult first = client.pins_create(sample("pins.create.image_url"));
  REQUIRE_THAT(first, HasStatus(201));
  CHECK_THAT(first, ConformsTo("pins/create"));
  REQUIRE_THAT(admin.raw("POST", "/__admin/reset"), HasStatus(200));
  ApiResult again = client.pins_create(sample("pins.create.image_url"));
  REQUIRE_THAT(again, HasStatus(201));
  CHECK_THAT(again, ConformsTo("pins/create"));
  CHECK(again.body == first.body);

  server.reset(); // the C++ API does the same
  ApiResult third = client.pins_create(sample("pins.create.image_url"));
  REQUIRE_THAT(third, HasStatus(201));
  CHECK(third.body == first.body);
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Admin API: GET /__admin/accounts lists users, tokens, scopes and boards",
          "[http][admin]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult res = admin.raw("GET", "/__admin/accounts");
  REQUIRE_THAT(res, HasStatus(200));
  CHECK(res.content_type.rfind("application/json", 0) == 0);
  const pinsmock::json::Value* accounts = json_at(res.json, "accounts");
  REQUIRE(accounts);
  REQUIRE(accounts->IsArray());

  std::map<std::string, const pinsmock::json::Value*> by_name;
  for (const auto& account : accounts->GetArray())
    by_name[str_at(account, "username")] = &account;
  REQUIRE(by_name.count("mock_creator"));
  REQUIRE(by_name.count("mock_partner"));
  REQUIRE(by_name.count("mock_admin"));

  const pinsmock::json::Value& creator = *by_name["mock_creator"];
  CHECK(str_at(creator, "user_id") == "1000000000000000001");
  std::map<std::string, std::vector<std::string>> scopes;
  for (const auto& token : json_at(creator, "tokens")->GetArray()) {
    auto& list = scopes[str_at(token, "token")];
    for (const auto& scope : json_at(token, "scopes")->GetArray())
      list.emplace_back(scope.GetString());
  }
  REQUIRE(scopes.count(kCreatorToken));
  REQUIRE(scopes.count(kCreatorReadonlyToken));
  CHECK(scopes[kCreatorReadonlyToken] == std::vector<std::string>{"boards:read", "pins:read"});
  CHECK(scopes[kCreatorToken].size() == 9);
  CHECK(str_at(creator, "ad_accounts/0") == kCreatorAdAccount);

  std::map<std::string, std::string> privacy;
  for (const auto& board : json_at(creator, "boards")->GetArray())
    privacy[str_at(board, "id")] = str_at(board, "privacy");
  CHECK(privacy == std::map<std::string, std::string>{{kDinnersBoard, "PUBLIC"},
                                                      {kTravelBoard, "PROTECTED"},
                                                      {kGiftsBoard, "SECRET"},
                                                      {kWoodBoard, "PUBLIC"}});
  CHECK(str_at(creator, "boards/0/sections/0/id") == kSoupsSection);

  const pinsmock::json::Value& partner = *by_name["mock_partner"];
  CHECK(str_at(partner, "business_access/0/ad_account_id") == kCreatorAdAccount);
  CHECK(str_at(partner, "business_access/0/role") == "ANALYST");
  CHECK(str_at(*by_name["mock_admin"], "business_access/0/role") == "ADMIN");
  CHECK(server.internal_errors().empty());
}

TEST_CASE("Admin API: every token the accounts list works against /v5", "[http][admin]") {
  MockServer server(test_options());
  server.start();
  PinsClient admin(server.root_url(), "");
  ApiResult res = admin.raw("GET", "/__admin/accounts");
  REQUIRE_THAT(res, HasStatus(200));
  int tokens = 0;
  for (const auto& account : json_at(res.json, "accounts")->GetArray())
    for (const auto& token : json_at(account, "tokens")->GetArray()) {
      PinsClient client(server.base_url(), str_at(token, "token"));
      ApiResult listed = client.pins_list({{"page_size", "1"}});
      INFO("token " << str_at(token, "token"));
      CHECK_THAT(listed, HasStatus(200));
      CHECK_THAT(listed, ConformsTo("pins/list"));
      ++tokens;
    }
  CHECK(tokens == 4);
  CHECK(server.default_token() == kCreatorToken);
  CHECK(server.internal_errors().empty());
}

#pragma once
// Shared facts and helpers of the [http] tests: fixture ids and tokens (fixtures/README.md),
// server options with a fixed clock, JSON navigation and bookmark walks.

#include "pinsmock/json.hpp"
#include "pinsmock/mock_server.hpp"
#include "support/api_result.hpp"
#include "support/conforms_to.hpp"
#include "support/pins_client.hpp"
#include "support/samples.hpp"

#include <cstdio>
#include <initializer_list>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pinsmock::test {

// Tokens (fixtures/README.md "Accounts").
inline const std::string kCreatorToken = "pina_mock_creator_full";
inline const std::string kCreatorReadonlyToken = "pina_mock_creator_readonly";
inline const std::string kPartnerToken = "pina_mock_partner_full";
inline const std::string kAdminToken = "pina_mock_admin_full";

// Ad accounts: mock_creator owns the first; mock_partner is ANALYST and mock_admin ADMIN on it.
inline const std::string kCreatorAdAccount = "549755885175";
inline const std::string kPartnerAdAccount = "549755885176";

// Boards and sections (fixtures/README.md "Boards").
inline const std::string kDinnersBoard = "1100000000000000001";  // creator, PUBLIC
inline const std::string kTravelBoard = "1100000000000000002";   // creator, PROTECTED
inline const std::string kGiftsBoard = "1100000000000000003";    // creator, SECRET
inline const std::string kWoodBoard = "1100000000000000004";     // creator, PUBLIC, no sections
inline const std::string kPartnerBoard = "1100000000000000011";  // partner, PUBLIC
inline const std::string kPartnerSecretBoard = "1100000000000000012"; // partner, SECRET
inline const std::string kSoupsSection = "1200000000000000001";  // on kDinnersBoard
inline const std::string kPastaSection = "1200000000000000002";  // on kDinnersBoard
inline const std::string kJapanSection = "1200000000000000003";  // on kTravelBoard
inline const std::string kUnknownBoard = "1199999999999999999";
inline const std::string kUnknownSection = "1299999999999999999";
inline const std::string kUnknownPin = "1399999999999999999";

// The creator's visible fixture pins (fixtures/README.md "Pins").
inline constexpr int kCreatorPublicPins = 19;
inline constexpr int kCreatorProtectedPins = 6;
inline constexpr int kCreatorSecretPins = 5;
inline constexpr int kFixturePinCount = 36;

/// Fixture pin …NN as its id, e.g. fixture_pin(1) == "1300000000000000001".
inline std::string fixture_pin(int n) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "13%017d", n);
  return buf;
}

/// Options for a test server: fixed clock and seed, so runs reproduce.
inline ServerOptions test_options(std::uint64_t seed = 1) {
  ServerOptions options;
  options.seed = seed;
  options.today = "2026-11-15";
  return options;
}

/// The value at a slash-separated path ("media/images/150x150/width", "items/0/id"), or nullptr.
inline const json::Value* json_at(const json::Value& root, std::string_view path) {
  const json::Value* at = &root;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view token = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (at->IsArray()) {
      std::size_t index = 0;
      for (char c : token) {
        if (c < '0' || c > '9')
          return nullptr;
        index = index * 10 + static_cast<std::size_t>(c - '0');
      }
      if (token.empty() || index >= at->Size())
        return nullptr;
      at = &(*at)[static_cast<rapidjson::SizeType>(index)];
    } else if (at->IsObject()) {
      at = json::find(*at, token);
      if (!at)
        return nullptr;
    } else {
      return nullptr;
    }
  }
  return at;
}

/// The string at `path`, or "<missing>" when absent or not a string.
inline std::string str_at(const json::Value& root, std::string_view path) {
  const json::Value* v = json_at(root, path);
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : "<missing>";
}

/// The integer at `path`, or -1 when absent or not an integer.
inline std::int64_t int_at(const json::Value& root, std::string_view path) {
  const json::Value* v = json_at(root, path);
  return v && v->IsInt64() ? v->GetInt64() : -1;
}

/// True when the member at `path` exists and is JSON null.
inline bool null_at(const json::Value& root, std::string_view path) {
  const json::Value* v = json_at(root, path);
  return v && v->IsNull();
}

/// `body` (a JSON object) with members replaced by raw JSON values: {{"title", "null"}}.
inline std::string with_members(const std::string& body,
                                std::initializer_list<std::pair<std::string, std::string>> members) {
  json::Document doc;
  if (json::parse_into(doc, body) || !doc.IsObject())
    throw std::invalid_argument("with_members: the body is not a JSON object");
  for (const auto& [key, raw] : members) {
    json::Document value;
    if (json::parse_into(value, raw))
      throw std::invalid_argument("with_members: not JSON: " + raw);
    json::set(doc, key, json::Value(value, doc.GetAllocator()), doc.GetAllocator());
  }
  return json::dump(doc);
}

/// A JSON string literal of `n` copies of `c` (for length limits).
inline std::string json_string_of(std::size_t n, char c = 'x') {
  return "\"" + std::string(n, c) + "\"";
}

/// The ids of a list page's items, in order.
inline std::vector<std::string> item_ids(const ApiResult& page) {
  std::vector<std::string> ids;
  if (const json::Value* items = json_at(page.json, "items"); items && items->IsArray())
    for (const auto& item : items->GetArray())
      ids.push_back(str_at(item, "id"));
  return ids;
}

/// Creates a pin from a sample and returns its id (the exchange must answer 201 and conform).
inline std::string create_pin(PinsClient& client, const std::string& body) {
  ApiResult created = client.pins_create(body);
  REQUIRE_THAT(created, HasStatus(201));
  REQUIRE_THAT(created, ConformsTo("pins/create"));
  return created.string_member("id");
}

inline std::string create_pin(PinsClient& client) {
  return create_pin(client, sample("pins.create.image_url"));
}

/// Every page of GET /pins with `query` (plus bookmarks): each must answer 200 and conform.
struct ListWalk {
  std::vector<std::string> ids;
  int pages = 0;
};

inline ListWalk walk_list(PinsClient& client, Query query) {
  ListWalk walk;
  std::string bookmark;
  do {
    Query page_query = query;
    if (!bookmark.empty())
      page_query.emplace_back("bookmark", bookmark);
    ApiResult page = client.pins_list(page_query);
    REQUIRE_THAT(page, HasStatus(200));
    REQUIRE_THAT(page, ConformsTo("pins/list"));
    ++walk.pages;
    for (std::string& id : item_ids(page))
      walk.ids.push_back(std::move(id));
    bookmark = str_at(page.json, "bookmark");
    if (bookmark == "<missing>") {
      REQUIRE(null_at(page.json, "bookmark"));
      bookmark.clear();
    }
    REQUIRE(walk.pages < 1000);
  } while (!bookmark.empty());
  return walk;
}

/// True when no id occurs twice.
inline bool all_distinct(const std::vector<std::string>& ids) {
  return std::set<std::string>(ids.begin(), ids.end()).size() == ids.size();
}

} // namespace pinsmock::test

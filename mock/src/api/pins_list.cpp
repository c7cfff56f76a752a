// pins/list — GET /pins
#include "api/access.hpp"
#include "api/analytics.hpp"
#include "api/handlers.hpp"
#include "api/pin_json.hpp"
#include "store/bookmark.hpp"

#include <algorithm>

namespace pinsmock {
namespace {

// Which of the operation user's pins a listing shows (README "Listing pins").
struct ListFilter {
  bool private_only = false;     // pin_type=PRIVATE: pins on secret boards
  bool include_protected = false;
  std::string pin_filter;        // exclude_native | exclude_repins | has_been_promoted
  std::vector<std::string> creative_types;

  bool keeps(const PinRecord& pin, const FixtureSet& fixtures, const Principal& principal) const {
    const Board* board = fixtures.board(pin.board_id);
    const BoardPrivacy privacy = board ? board->privacy : BoardPrivacy::Public;
    if (private_only ? privacy != BoardPrivacy::Secret
                     : privacy == BoardPrivacy::Secret ||
                           (privacy == BoardPrivacy::Protected && !include_protected))
      return false;
    if (!role_covers(principal, privacy))
      return false;
    const json::Value* parent = json::find(pin.pin, "parent_pin_id");
    const bool is_repin = parent && parent->IsString();
    if (pin_filter == "exclude_native" && !is_repin)
      return false;
    if (pin_filter == "exclude_repins" && is_repin)
      return false;
    if (pin_filter == "has_been_promoted" &&
        !json::get_bool(pin.pin, "has_been_promoted").value_or(false))
      return false;
    if (!creative_types.empty()) {
      const auto type = json::get_string(pin.pin, "creative_type").value_or("");
      if (std::find(creative_types.begin(), creative_types.end(), type) == creative_types.end())
        return false;
    }
    return true;
  }
};

} // namespace

ApiResponse pins_list(const ApiRequest& request, Services& services) {
  const json::Value& params = request.params;
  std::optional<std::uint64_t> cursor;
  if (auto bookmark = json::get_string(params, "bookmark")) {
    cursor = decode_bookmark(*bookmark);
    if (!cursor)
      return error_response({ErrorId::InvalidParameters,
                             "Invalid parameter 'bookmark': not a bookmark this server issued.",
                             "bookmark"});
  }
  ListFilter filter;
  filter.private_only = json::get_string(params, "pin_type").value_or("") == "PRIVATE";
  filter.include_protected = json::get_bool(params, "include_protected_pins").value_or(false);
  filter.pin_filter = std::string(json::get_string(params, "pin_filter").value_or(""));
  if (const json::Value* types = json::find(params, "creative_types"); types && types->IsArray())
    for (const auto& t : types->GetArray())
      filter.creative_types.emplace_back(t.GetString());
  if (filter.private_only && !role_covers(request.principal, BoardPrivacy::Secret))
    return error_response({ErrorId::NotPermitted, "", "ad_account_id"});
  if (filter.private_only && !request.principal.has_scope(kReadSecretScope))
    return error_response({ErrorId::InsufficientScope, "", "Authorization"});

  const auto page_size = static_cast<std::size_t>(json::get_int(params, "page_size").value_or(25));
  const Principal& principal = request.principal;
  PinPage page = services.store.list_page(
      principal.operation_user,
      [&](const PinRecord& pin) { return filter.keeps(pin, services.fixtures, principal); },
      cursor, page_size);

  const bool with_metrics = json::get_bool(params, "pin_metrics").value_or(false);
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value items(rapidjson::kArrayType);
  items.Reserve(static_cast<rapidjson::SizeType>(page.items.size()), a);
  for (const PinRecord& pin : page.items) {
    json::Value metrics;
    if (with_metrics)
      metrics = pin_metrics(pin, services, a);
    items.PushBack(render_pin(pin, principal.operation_user, with_metrics ? &metrics : nullptr, a),
                   a);
  }
  body.AddMember("items", std::move(items), a);
  body.AddMember("bookmark",
                 page.next_cursor ? json::string(encode_bookmark(*page.next_cursor), a)
                                  : json::Value(rapidjson::kNullType),
                 a);
  return json_response(200, std::move(body));
}

} // namespace pinsmock

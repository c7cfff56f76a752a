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
    if (pin_filter == "exclude_native" && !pin.is_repin)
      return false;
    if (pin_filter == "exclude_repins" && pin.is_repin)
      return false;
    if (pin_filter == "has_been_promoted" && !pin.has_been_promoted)
      return false;
    if (!creative_types.empty() && std::find(creative_types.begin(), creative_types.end(),
                                             pin.creative_type) == creative_types.end())
      return false;
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

  // The page is the stored pins' bytes with the viewer's parts spliced in: no document, and
  // the store's lock is not held while they are written.
  const bool with_metrics = json::get_bool(params, "pin_metrics").value_or(false);
  RenderedBody body;
  body.kind = RenderedBody::Kind::PinList;
  body.spliced_metrics = with_metrics;
  if (page.next_cursor)
    body.bookmark = encode_bookmark(*page.next_cursor);
  std::size_t size = 64;
  for (const PinPtr& pin : page.items)
    size += pin->json.size() + 1;
  body.bytes.reserve(size);
  json::Writer out(body.bytes);
  out.StartObject();
  out.Key("items");
  out.StartArray();
  std::string metrics;
  for (const PinPtr& pin : page.items) {
    if (with_metrics)
      metrics = pin_metrics_json(*pin, services);
    write_pin(out, *pin, principal.operation_user, with_metrics ? &metrics : nullptr);
    if (!pin->violation.empty())
      body.violations.push_back(pin->violation);
  }
  out.EndArray();
  out.Key("bookmark");
  if (body.bookmark)
    out.String(body.bookmark->data(), static_cast<rapidjson::SizeType>(body.bookmark->size()));
  else
    out.Null();
  out.EndObject();
  return rendered_response(200, std::move(body));
}

} // namespace pinsmock

#include "api/pin_json.hpp"

#include "api/pin_media.hpp"

#include <cstdio>
#include <stdexcept>

namespace pinsmock {
namespace {

json::Value copy_or_null(const json::Value& body, const char* key, json::Allocator& alloc) {
  if (const json::Value* v = json::find(body, key))
    return json::Value(*v, alloc);
  return json::Value(rapidjson::kNullType);
}

json::Value section_value(const std::optional<std::string>& section, json::Allocator& alloc) {
  return section ? json::string(*section, alloc) : json::Value(rapidjson::kNullType);
}

json::Value board_owner(const Board& board, json::Allocator& alloc) {
  json::Value owner(rapidjson::kObjectType);
  owner.AddMember("username", json::string(board.owner, alloc), alloc);
  return owner;
}

// Live computes this from the image; a stable colour per pin keeps responses reproducible.
std::string derived_color(const std::string& pin_id) {
  const std::string hash = asset_hash(pin_id, 0);
  return "#" + hash.substr(0, 6);
}

} // namespace

json::Document pin_from_create(const json::Value& body, const Placement& placement,
                               const MediaTemplate& media_size) {
  json::Document pin(rapidjson::kObjectType);
  auto& a = pin.GetAllocator();
  const json::Value& source = body["media_source"];
  pin.AddMember("id", json::string(placement.id, a), a);
  pin.AddMember("created_at", json::string(placement.created_at, a), a);
  pin.AddMember("link", copy_or_null(body, "link", a), a);
  pin.AddMember("title", json::string(json::get_string(body, "title").value_or(""), a), a);
  pin.AddMember("description", json::string(json::get_string(body, "description").value_or(""), a),
                a);
  const auto color = json::get_string(body, "dominant_color");
  pin.AddMember("dominant_color",
                json::string(color ? std::string(*color) : derived_color(placement.id), a), a);
  pin.AddMember("alt_text", copy_or_null(body, "alt_text", a), a);
  pin.AddMember("creative_type", json::string(creative_type_for(media_size.media_type), a), a);
  pin.AddMember("board_id", json::string(placement.board->id, a), a);
  pin.AddMember("board_section_id", section_value(placement.section_id, a), a);
  pin.AddMember("is_owner", true, a);
  pin.AddMember("board_owner", board_owner(*placement.board, a), a);
  pin.AddMember("is_standard", json::get_bool(source, "is_standard").value_or(true), a);
  pin.AddMember("has_been_promoted", false, a);
  pin.AddMember("parent_pin_id", copy_or_null(body, "parent_pin_id", a), a);
  pin.AddMember("media", build_media(source, media_size, placement.id, a), a);
  pin.AddMember("pin_metrics", json::Value(rapidjson::kNullType), a);
  return pin;
}

json::Document pin_from_save(const json::Value& original, const std::string& original_id,
                             const Placement& placement) {
  json::Document pin;
  pin.CopyFrom(original, pin.GetAllocator());
  auto& a = pin.GetAllocator();
  json::set(pin, "id", json::string(placement.id, a), a);
  json::set(pin, "created_at", json::string(placement.created_at, a), a);
  json::set(pin, "board_id", json::string(placement.board->id, a), a);
  json::set(pin, "board_section_id", section_value(placement.section_id, a), a);
  json::set(pin, "board_owner", board_owner(*placement.board, a), a);
  json::set(pin, "has_been_promoted", json::Value(false), a);
  json::set(pin, "parent_pin_id", json::string(original_id, a), a);
  json::set(pin, "pin_metrics", json::Value(rapidjson::kNullType), a);
  return pin;
}

void apply_update(json::Document& pin, const json::Value& update, const Board& board,
                  const std::optional<std::string>& section_id) {
  auto& a = pin.GetAllocator();
  for (const char* key : {"title", "description", "link", "alt_text"})
    if (const json::Value* v = json::find(update, key))
      json::set(pin, key, json::Value(*v, a), a);
  json::set(pin, "board_id", json::string(board.id, a), a);
  json::set(pin, "board_section_id", section_value(section_id, a), a);
  json::set(pin, "board_owner", board_owner(board, a), a);
  // carousel_slots[i].link becomes the link of the carousel's i-th image.
  const json::Value* slots = json::find(update, "carousel_slots");
  json::Value* media = json::find(pin, "media");
  json::Value* items = media ? json::find(*media, "items") : nullptr;
  if (slots && slots->IsArray() && items && items->IsArray())
    for (rapidjson::SizeType i = 0; i < slots->Size() && i < items->Size(); ++i)
      if (auto link = json::get_string((*slots)[i], "link"))
        json::set((*items)[i], "link", json::string(*link, a), a);
}

namespace {

// The part of `pin` a member-wise contract has not seen yet: `id` and every member that is new or
// differs from `before`'s (deep comparison), or nullopt when a member of `before` is gone.
std::optional<json::Document> changed_part(const json::Value& pin, const json::Value& before) {
  if (!pin.IsObject() || !before.IsObject())
    return std::nullopt;
  for (const auto& member : before.GetObject())
    if (!pin.HasMember(member.name))
      return std::nullopt;
  json::Document part(rapidjson::kObjectType);
  auto& a = part.GetAllocator();
  for (const auto& member : pin.GetObject()) {
    const auto old = before.FindMember(member.name);
    const bool is_id = std::string_view(member.name.GetString()) == "id";
    if (is_id || old == before.MemberEnd() || old->value != member.value)
      part.AddMember(json::Value(member.name, a), json::Value(member.value, a), a);
  }
  return part;
}

} // namespace

void record_pin(PinRecord& record, const json::Value& pin, const PinCheck& check,
                const json::Value* derived_from) {
  record.render(pin);
  record.violation.clear();
  if (!check)
    return;
  // Why checking the changed part suffices: the contract is a conjunction over members (`id`
  // present, each member valid against its property; checks_members_alone verified that at
  // startup), `derived_from` satisfied it when it was written, and every member not in the part
  // is byte-for-byte that Pin's. valijson still checks everything that is new, against the Pin
  // contract itself, so a bad member of an update is caught as before.
  if (check.checks_members_alone && derived_from)
    if (std::optional<json::Document> part = changed_part(pin, *derived_from)) {
      record.violation = check(*part);
      return;
    }
  record.violation = check(pin);
}

json::Document pin_document(const PinRecord& record) {
  json::Document doc;
  if (auto err = json::parse_into(doc, record.json))
    throw std::logic_error("stored pin " + record.id + " is not JSON: " + err->message);
  return doc;
}

void write_pin(json::Writer& out, const PinRecord& pin, const std::string& viewer,
               const std::string* pin_metrics) {
  pin.write_for(out, pin.owner == viewer,
                pin_metrics ? std::optional<std::string_view>(*pin_metrics) : std::nullopt);
}

RenderedBody render_pin(const PinRecord& pin, const std::string& viewer,
                        const std::string* pin_metrics) {
  RenderedBody body;
  body.kind = RenderedBody::Kind::Pin;
  body.bytes.reserve(pin.json.size() + (pin_metrics ? pin_metrics->size() : 0) + 1);
  json::Writer out(body.bytes);
  write_pin(out, pin, viewer, pin_metrics);
  if (!pin.violation.empty())
    body.violations.push_back(pin.violation);
  body.spliced_metrics = pin_metrics != nullptr;
  return body;
}

} // namespace pinsmock

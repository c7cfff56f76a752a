#include "admin/state_document.hpp"

#include "fixtures/fixture_items.hpp"
#include "pinsmock/startup_error.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace pinsmock {
namespace {

json::Value wrapped(const char* key, json::Value list, json::Allocator& a) {
  json::Value file(rapidjson::kObjectType);
  file.AddMember(json::string(key, a), std::move(list), a);
  return file;
}

json::Value pins_file(const PinStore::Contents& contents, json::Allocator& a) {
  json::Value pins(rapidjson::kArrayType);
  for (const PinPtr& pin : contents.pins) {
    // The stored bytes are the Pin as its owner sees it: exactly a fixture's Pin object.
    json::Document parsed;
    if (json::parse_into(parsed, pin->json))
      continue; // rendered by us from a Value: cannot happen
    json::Value entry(rapidjson::kObjectType);
    entry.AddMember("owner", json::string(pin->owner, a), a);
    entry.AddMember("sequence", pin->sequence, a);
    entry.AddMember("pin", json::Value(parsed, a), a);
    pins.PushBack(std::move(entry), a);
  }
  return wrapped("pins", std::move(pins), a);
}

json::Value runtime_file(const WorldState& world, std::uint64_t next_sequence, json::Allocator& a) {
  json::Value runtime(rapidjson::kObjectType);
  const IdState ids = world.ids.snapshot();
  json::Value id_state(rapidjson::kObjectType);
  // Decimal strings: 64-bit values that tools reading JSON as doubles would round.
  id_state.AddMember("state", json::string(std::to_string(ids.state), a), a);
  id_state.AddMember("current", json::string(std::to_string(ids.current), a), a);
  runtime.AddMember("ids", std::move(id_state), a);
  if (auto clock = world.clock.saved()) {
    json::Value c(rapidjson::kObjectType);
    c.AddMember("time", json::string(format_timestamp(clock->first), a), a);
    c.AddMember("ticks", clock->second, a);
    runtime.AddMember("clock", std::move(c), a);
  } else {
    runtime.AddMember("clock", json::Value(rapidjson::kNullType), a);
  }
  runtime.AddMember("next_sequence", next_sequence, a);
  return runtime;
}

} // namespace

json::Document export_state(const WorldState& world) {
  const FixtureSnapshot set = world.fixtures.get();
  const PinStore::Contents contents = world.store.contents(); // before ids: see the header
  json::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  json::Value files(rapidjson::kObjectType);

  json::Value accounts(rapidjson::kArrayType);
  const std::string& suffix = world.own_token_suffix;
  for (const Account& account : set->accounts) {
    if (suffix.empty()) {
      accounts.PushBack(to_json(account, a), a);
      continue;
    }
    Account exported = account;
    auto own = [&](const Token& t) {
      return t.token.size() > suffix.size() &&
             t.token.compare(t.token.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    exported.tokens.erase(std::remove_if(exported.tokens.begin(), exported.tokens.end(), own),
                          exported.tokens.end());
    accounts.PushBack(to_json(exported, a), a);
  }
  files.AddMember("accounts.json", wrapped("accounts", std::move(accounts), a), a);
  json::Value boards(rapidjson::kArrayType);
  for (const Board& board : set->boards)
    boards.PushBack(to_json(board, a), a);
  files.AddMember("boards.json", wrapped("boards", std::move(boards), a), a);
  files.AddMember("pins.json", pins_file(contents, a), a);

  std::set<std::string_view> pin_ids;
  for (const PinPtr& pin : contents.pins)
    pin_ids.insert(pin->id);
  json::Value series(rapidjson::kArrayType);
  for (const AnalyticsPoint& point : set->analytics)
    if (pin_ids.count(point.pin_id)) // a deleted pin's series goes with it
      series.PushBack(to_json(point, a), a);
  files.AddMember("analytics.json", wrapped("series", std::move(series), a), a);
  for (const auto& [type, media] : set->media)
    files.AddMember(json::string("media/" + type + ".json", a), to_json(media, a), a);
  files.AddMember("runtime.json", runtime_file(world, contents.next_sequence, a), a);

  doc.AddMember("format", json::string(kStateFormat, a), a);
  doc.AddMember("files", std::move(files), a);
  return doc;
}

Result<FixtureSnapshot> read_state(const json::Value& document, const ContractRegistry& contracts,
                                   bool utc_created_at, const std::string& label) {
  auto refuse = [](std::string detail, std::string pointer) {
    return ApiError{ErrorId::InvalidBody, std::move(detail), std::move(pointer)};
  };
  const auto format = document.IsObject() ? json::get_string(document, "format") : std::nullopt;
  if (!format || *format != kStateFormat)
    return refuse(label + ": /format: not a pins-mock state (expected \"" +
                      std::string(kStateFormat) + "\")",
                  "/format");
  const json::Value* files = json::find(document, "files");
  if (!files || !files->IsObject())
    return refuse(label + ": /files: expected an object of file name -> JSON", "/files");
  std::map<std::string, std::string> texts;
  for (const auto& file : files->GetObject())
    texts[file.name.GetString()] = json::dump(file.value);
  try {
    return FixtureSnapshot(FixtureSet::load(FileSource::in_memory(std::move(texts), label),
                                            contracts, utc_created_at));
  } catch (const StartupError& e) {
    return refuse(e.what(), "/files");
  }
}

void apply_state(const WorldState& world, FixtureSnapshot set) {
  const std::optional<RuntimeState>& runtime = set->runtime;
  world.store.reset(set->pins, runtime ? runtime->next_sequence : 0);
  if (runtime && runtime->ids)
    world.ids.restore(*runtime->ids);
  else
    world.ids.reset(world.seed);
  world.clock.reset();
  if (runtime && runtime->clock_time)
    if (auto seconds = parse_timestamp(*runtime->clock_time))
      world.clock.restore(*seconds, runtime->clock_ticks);
  world.fixtures.set(std::move(set));
}

} // namespace pinsmock

#include "record/recorded_set.hpp"

#include "fixtures/fixture_items.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <tuple>

namespace pinsmock {
namespace {

json::Value strings(const std::vector<std::string>& list, json::Allocator& a) {
  json::Value out(rapidjson::kArrayType);
  for (const std::string& s : list)
    out.PushBack(json::string(s, a), a);
  return out;
}

json::Value number(double value) {
  if (std::nearbyint(value) == value && std::fabs(value) < 9e15)
    return json::Value(static_cast<std::int64_t>(value));
  return json::Value(value);
}

// Numeric ids in numeric order (equal lengths compare as text).
bool id_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

std::string text_of(const json::Document& doc) { return json::dump_pretty(doc) + "\n"; }

} // namespace

const std::vector<std::string>& recorded_token_scopes() {
  static const std::vector<std::string> scopes = {
      "boards:read",       "boards:write",       "boards:read_secret",
      "boards:write_secret", "pins:read",        "pins:write",
      "pins:read_secret",  "pins:write_secret",  "user_accounts:read"};
  return scopes;
}

std::string recorded_token(const std::string& username) {
  std::string token = "pina_recorded_";
  bool replaced = false;
  std::uint32_t hash = 2166136261u; // FNV-1a: fixed, so the token is the same every session
  for (const char c : username) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    token += plain ? c : '_';
    replaced = replaced || !plain;
    hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  }
  if (replaced) { // "a.b" and "a-b" must not share a token
    static const char* hex = "0123456789abcdef";
    token += '_';
    for (int shift = 28; shift >= 0; shift -= 4)
      token += hex[(hash >> shift) & 0xF];
  }
  return token;
}

std::string token_hint(std::string_view real_token) {
  // A quarter at most, so that a short token is not half given away.
  const std::size_t shown = std::min<std::size_t>(4, real_token.size() / 4);
  return "'" + std::string(real_token.substr(0, shown)) + "...' (" +
         std::to_string(real_token.size()) + " characters)";
}

RecordedSet::RecordedSet(const FixtureSet* existing,
                         std::map<std::string, std::set<std::string>> token_hints)
    : token_hints_(std::move(token_hints)) {
  if (!existing)
    return;
  for (const Account& a : existing->accounts)
    accounts_[a.username] = a;
  for (const Board& b : existing->boards)
    boards_[b.id] = b;
  for (const PinPtr& p : existing->pins) {
    RecordedPin& pin = pins_[p->id];
    pin.id = p->id;
    pin.owner = p->owner;
    // The stored bytes are the owner's view, as recorded: parsed back, key order kept.
    if (json::parse_into(pin.pin, p->json))
      pins_.erase(p->id); // cannot happen: the mock rendered these bytes itself
  }
  for (const AnalyticsPoint& point : existing->analytics)
    for (const auto& [metric, value] : point.metrics)
      series_[{point.pin_id, point.date}][metric] = value;
}

Account& RecordedSet::account(const std::string& username) {
  auto it = accounts_.find(username);
  if (it != accounts_.end())
    return it->second;
  ++revision_;
  Account& a = accounts_[username];
  a.username = username;
  return a;
}

void RecordedSet::add_token(const std::string& username, const std::string& hint) {
  Account& a = account(username);
  const std::string token = recorded_token(username);
  const bool has = std::any_of(a.tokens.begin(), a.tokens.end(),
                               [&](const Token& t) { return t.token == token; });
  if (!has) {
    a.tokens.push_back(Token{token, recorded_token_scopes()});
    ++revision_;
  }
  if (token_hints_[token].insert(hint).second)
    ++revision_;
}

void RecordedSet::set_user_id(const std::string& username, const std::string& user_id) {
  Account& a = account(username);
  if (a.user_id != user_id) {
    a.user_id = user_id;
    ++revision_;
  }
}

void RecordedSet::add_board(const std::string& id, const std::string& owner) {
  if (boards_.count(id))
    return;
  account(owner);
  Board& b = boards_[id];
  b.id = id;
  b.owner = owner;
  b.name = "Board " + id; // upstream's pin answers carry no board name
  ++revision_;
}

void RecordedSet::describe_board(const std::string& id, std::optional<std::string> name,
                                 std::optional<BoardPrivacy> privacy) {
  auto it = boards_.find(id);
  if (it == boards_.end())
    return;
  Board& b = it->second;
  if (name && b.name != *name) {
    b.name = std::move(*name);
    ++revision_;
  }
  if (privacy && b.privacy != *privacy) {
    b.privacy = *privacy;
    ++revision_;
  }
}

void RecordedSet::add_section(const std::string& board_id, const std::string& section_id) {
  auto it = boards_.find(board_id);
  if (it == boards_.end() || it->second.has_section(section_id))
    return;
  it->second.sections.push_back(Section{section_id, "Section " + section_id});
  ++revision_;
}

void RecordedSet::put_pin(RecordedPin pin) {
  account(pin.owner);
  auto it = pins_.find(pin.id);
  if (it != pins_.end() && it->second.owner == pin.owner && it->second.pin == pin.pin)
    return; // the same answer again
  const std::string id = pin.id;
  pins_[id] = std::move(pin);
  ++revision_;
}

void RecordedSet::erase_pin(const std::string& id) {
  if (!pins_.erase(id))
    return;
  for (auto it = series_.begin(); it != series_.end();)
    it = it->first.first == id ? series_.erase(it) : std::next(it);
  ++revision_;
}

void RecordedSet::pin_metric(const std::string& pin_id, const std::string& date,
                             const std::string& metric, double value) {
  auto& metrics = series_[{pin_id, date}];
  auto it = metrics.find(metric);
  if (it != metrics.end() && it->second == value)
    return;
  metrics[metric] = value;
  ++revision_;
}

std::set<std::string> RecordedSet::pin_ids() const {
  std::set<std::string> ids;
  for (const auto& [id, pin] : pins_)
    ids.insert(id);
  return ids;
}

std::map<std::string, std::string> RecordedSet::render() const {
  std::map<std::string, std::string> files;
  {
    json::Document doc(rapidjson::kObjectType);
    auto& a = doc.GetAllocator();
    json::Value list(rapidjson::kArrayType);
    for (const auto& [name, account] : accounts_) {
      json::Value entry = to_json(account, a);
      list.PushBack(std::move(entry), a);
    }
    doc.AddMember("accounts", std::move(list), a);
    files["accounts.json"] = text_of(doc);
  }
  {
    json::Document doc(rapidjson::kObjectType);
    auto& a = doc.GetAllocator();
    std::vector<const Board*> ordered;
    for (const auto& [id, board] : boards_)
      ordered.push_back(&board);
    std::sort(ordered.begin(), ordered.end(),
              [](const Board* x, const Board* y) { return id_less(x->id, y->id); });
    json::Value list(rapidjson::kArrayType);
    for (const Board* board : ordered) {
      json::Value entry(rapidjson::kObjectType);
      entry.AddMember("id", json::string(board->id, a), a);
      entry.AddMember("owner", json::string(board->owner, a), a);
      entry.AddMember("name", json::string(board->name, a), a);
      entry.AddMember("privacy", json::string(to_string(board->privacy), a), a);
      json::Value sections(rapidjson::kArrayType);
      for (const Section& s : board->sections) {
        json::Value section(rapidjson::kObjectType);
        section.AddMember("id", json::string(s.id, a), a);
        section.AddMember("name", json::string(s.name, a), a);
        sections.PushBack(std::move(section), a);
      }
      entry.AddMember("sections", std::move(sections), a);
      list.PushBack(std::move(entry), a);
    }
    doc.AddMember("boards", std::move(list), a);
    files["boards.json"] = text_of(doc);
  }
  {
    // Oldest first, as the mock's store numbers them: its listings then run newest first, as
    // upstream's do.
    std::vector<const RecordedPin*> ordered;
    for (const auto& [id, pin] : pins_)
      ordered.push_back(&pin);
    auto created = [](const RecordedPin* p) {
      return std::string(json::get_string(p->pin, "created_at").value_or(""));
    };
    std::sort(ordered.begin(), ordered.end(), [&](const RecordedPin* x, const RecordedPin* y) {
      const std::string cx = created(x), cy = created(y);
      return cx != cy ? cx < cy : id_less(x->id, y->id);
    });
    json::Document doc(rapidjson::kObjectType);
    auto& a = doc.GetAllocator();
    json::Value list(rapidjson::kArrayType);
    std::set<std::string> elsewhere;
    for (const RecordedPin* pin : ordered) {
      json::Value entry(rapidjson::kObjectType);
      entry.AddMember("owner", json::string(pin->owner, a), a);
      entry.AddMember("pin", json::Value(pin->pin, a), a);
      list.PushBack(std::move(entry), a);
      if (auto parent = json::get_string(pin->pin, "parent_pin_id");
          parent && !pins_.count(std::string(*parent)))
        elsewhere.insert(std::string(*parent));
    }
    doc.AddMember("pins", std::move(list), a);
    // Repins of pins the recording never saw: their parents exist upstream (fixtures/README.md).
    if (!elsewhere.empty())
      doc.AddMember("parents_elsewhere",
                    strings(std::vector<std::string>(elsewhere.begin(), elsewhere.end()), a), a);
    files["pins.json"] = text_of(doc);
  }
  {
    json::Document doc(rapidjson::kObjectType);
    auto& a = doc.GetAllocator();
    json::Value list(rapidjson::kArrayType);
    for (const auto& [key, metrics] : series_) {
      if (!pins_.count(key.first))
        continue; // analytics of a pin the recording does not hold (yet): kept in memory
      json::Value entry(rapidjson::kObjectType);
      entry.AddMember("pin_id", json::string(key.first, a), a);
      entry.AddMember("date", json::string(key.second, a), a);
      entry.AddMember("app_type", "ALL", a);
      json::Value values(rapidjson::kObjectType);
      for (const auto& [metric, value] : metrics)
        values.AddMember(json::string(metric, a), number(value), a);
      entry.AddMember("metrics", std::move(values), a);
      list.PushBack(std::move(entry), a);
    }
    doc.AddMember("series", std::move(list), a);
    files["analytics.json"] = text_of(doc);
  }
  {
    json::Document doc(rapidjson::kObjectType);
    auto& a = doc.GetAllocator();
    json::Value list(rapidjson::kArrayType);
    for (const auto& [token, username, hints] : token_table()) {
      json::Value entry(rapidjson::kObjectType);
      entry.AddMember("token", json::string(token, a), a);
      entry.AddMember("username", json::string(username, a), a);
      entry.AddMember("real_tokens", strings(hints, a), a);
      list.PushBack(std::move(entry), a);
    }
    doc.AddMember("tokens", std::move(list), a);
    files["recording.json"] = text_of(doc);
  }
  return files;
}

std::vector<std::tuple<std::string, std::string, std::vector<std::string>>>
RecordedSet::token_table() const {
  std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> table;
  for (const auto& [token, hints] : token_hints_) {
    std::string username;
    for (const auto& [name, account] : accounts_)
      for (const Token& t : account.tokens)
        if (t.token == token)
          username = name;
    table.emplace_back(token, username, std::vector<std::string>(hints.begin(), hints.end()));
  }
  return table;
}

} // namespace pinsmock

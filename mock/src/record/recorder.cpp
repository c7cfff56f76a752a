#include "record/recorder.hpp"

#include "pinsmock/startup_error.hpp"
#include "core/durable_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace pinsmock {
namespace {

namespace fs = std::filesystem;

// What write() replaces (media templates are written once, at start).
constexpr const char* kRecordingFiles[] = {"accounts.json",  "boards.json",    "pins.json",
                                           "analytics.json", "recording.json", "README.md"};

constexpr const char* kMediaTypes[] = {"image_url",           "image_base64", "pin_url",
                                       "multiple_image_urls", "multiple_image_base64",
                                       "video_id"};

std::string_view query_value(const PassedExchange& x, std::string_view name) {
  if (x.query)
    for (const auto& [key, value] : *x.query)
      if (key == name)
        return value;
  return {};
}

// "/pins/123/analytics" -> {"pins", "123", "analytics"}
std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start)
      out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

std::string string_at(const json::Value& object, std::string_view key) {
  return std::string(json::get_string(object, key).value_or(""));
}

std::optional<BoardPrivacy> parse_privacy(std::string_view text) {
  if (text == "PUBLIC")
    return BoardPrivacy::Public;
  if (text == "PROTECTED")
    return BoardPrivacy::Protected;
  if (text == "SECRET")
    return BoardPrivacy::Secret;
  return std::nullopt;
}

std::map<std::string, std::set<std::string>> read_token_hints(const std::string& dir) {
  std::map<std::string, std::set<std::string>> hints;
  const std::optional<std::string> text = FileSource::directory(dir).read("recording.json");
  if (!text)
    return hints;
  json::Document doc;
  if (auto err = json::parse_into(doc, *text))
    throw StartupError(dir + "/recording.json: not JSON: " + err->message);
  const json::Value* tokens = json::find(doc, "tokens");
  if (tokens && tokens->IsArray())
    for (const auto& entry : tokens->GetArray()) {
      const json::Value* seen = json::find(entry, "real_tokens");
      auto& set = hints[string_at(entry, "token")];
      if (seen && seen->IsArray())
        for (const auto& hint : seen->GetArray())
          if (hint.IsString())
            set.insert(hint.GetString());
    }
  return hints;
}

std::string readme_text(const RecordedSet& set) {
  std::string text =
      "# A fixture set recorded by pins-mock\n\n"
      "Written by `pins-mock --proxy URL --record DIR` from the answers that passed through it;\n"
      "serve it with `pins-mock --fixtures DIR`. Recording again into this directory merges\n"
      "(pins, boards and accounts by id, analytics by pin and date). The file formats are those of\n"
      "fixtures/README.md in the pins-mock sources; what a recording holds and leaves out, in\n"
      "the pins-mock README, section \"Recording fixtures\".\n\n"
      "## Tokens\n\n"
      "Real tokens are never written here. Each account seen gets a mock token (with every\n"
      "scope); the real tokens it stands for are listed by their first characters and length.\n\n"
      "| mock token | account | real tokens seen |\n|---|---|---|\n";
  for (const auto& [token, username, hints] : set.token_table()) {
    std::string seen;
    for (const std::string& hint : hints)
      seen += (seen.empty() ? "" : ", ") + hint;
    text += "| `" + token + "` | " + username + " | " + seen + " |\n";
  }
  text += "\n" + std::to_string(set.pin_count()) + " pins recorded.\n";
  return text;
}

} // namespace

Recorder::Recorder(std::string dir, const ContractRegistry& contracts,
                   const FileSource& media_source)
    : dir_(std::move(dir)), contracts_(contracts) {
  std::error_code error;
  fs::create_directories(fs::path(dir_) / "media", error);
  if (error)
    throw StartupError("--record " + dir_ + ": cannot create the directory: " + error.message());
  // The mock's own templates, so that the recording loads; a user's edits are kept.
  for (const char* type : kMediaTypes) {
    const std::string name = std::string("media/") + type + ".json";
    if (fs::exists(fs::path(dir_) / name))
      continue;
    std::optional<std::string> text = media_source.read(name);
    if (!text)
      throw StartupError("--record " + dir_ + ": " + media_source.describe(name) +
                         ": file not found");
    if (auto failure = replace_file_durably(dir_ + "/" + name, *text))
      throw StartupError("--record " + dir_ + ": " + *failure);
  }
  // One recorder per directory: a second one would undo the first one's merges.
  lock_.fd = ::open((dir_ + "/.recording.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_.fd < 0 || ::flock(lock_.fd, LOCK_EX | LOCK_NB) != 0)
    throw StartupError("--record " + dir_ + ": another pins-mock is recording into it");
  // Holding the lock, any temporary file here is a leftover of a recorder that was killed.
  for (const char* name : kRecordingFiles)
    remove_stale_temporaries(dir_ + "/" + name);
  if (fs::exists(fs::path(dir_) / "accounts.json")) {
    // Merging needs the earlier recording whole: it must load as the mock would load it.
    auto existing = FixtureSet::load(FileSource::directory(dir_), contracts_);
    set_ = RecordedSet(existing.get(), read_token_hints(dir_));
  }
  if (auto failed = write())
    throw StartupError("--record " + dir_ + ": " + *failed);
}

Recorder::DirectoryLock::~DirectoryLock() {
  if (fd >= 0)
    ::close(fd); // releases the lock
}

std::optional<std::string> Recorder::record(const PassedExchange& exchange) {
  std::lock_guard lock(mutex_);
  const std::uint64_t before = set_.revision();
  learn(exchange);
  if (set_.revision() == before)
    return std::nullopt; // nothing new: no file is rendered or written
  return write();
}

void Recorder::learn(const PassedExchange& x) {
  const std::vector<std::string> path = segments(x.path);
  if (x.operation_id == "pins/delete" && x.status == 204 && path.size() == 2)
    return set_.erase_pin(path[1]);
  // Only successful answers are facts; errors depend on the request, not on the data.
  if (x.status < 200 || x.status > 299 || !x.body || !x.body->IsObject())
    return;
  const json::Value& body = *x.body;
  const std::string& op = x.operation_id;
  if (op == "pins/get" || op == "pins/create" || op == "pins/update" || op == "pins/save")
    return learn_pin(body, x, false);
  if (op == "pins/list") {
    const json::Value* items = json::find(body, "items");
    if (items && items->IsArray())
      for (const auto& pin : items->GetArray()) // PRIVATE lists only pins on secret boards
        learn_pin(pin, x, query_value(x, "pin_type") == "PRIVATE");
    return;
  }
  // Only the "all" totals are pinned; a single app type or a split is derived by the mock.
  const std::string_view app_types = query_value(x, "app_types");
  const bool totals = (app_types.empty() || app_types == "ALL") &&
                      query_value(x, "split_field") != "APP_TYPE";
  if (op == "pins/analytics" && totals && path.size() == 3)
    return learn_series(path[1], body);
  if (op == "multi_pins/analytics" && totals)
    for (const auto& member : body.GetObject())
      learn_series(member.name.GetString(), member.value);
  if (!op.empty())
    return;
  // Outside the contracts, the reads that name what pins do not: users, boards, sections.
  if (path.size() == 1 && path[0] == "user_account") {
    const std::string username = string_at(body, "username");
    if (username.empty() || !query_value(x, "ad_account_id").empty())
      return;
    usernames_[x.token] = username;
    set_.add_token(username, token_hint(x.token));
    if (auto id = json::get_string(body, "id"))
      set_.set_user_id(username, std::string(*id));
    return;
  }
  if (path.size() == 2 && path[0] == "boards")
    return learn_board(body);
  if (path.size() == 1 && path[0] == "boards") {
    const json::Value* items = json::find(body, "items");
    if (items && items->IsArray())
      for (const auto& board : items->GetArray())
        learn_board(board);
  }
}

void Recorder::learn_pin(const json::Value& pin, const PassedExchange& x, bool secret_board) {
  if (!pin.IsObject())
    return;
  RecordedPin record;
  record.id = string_at(pin, "id");
  const std::string board_id = string_at(pin, "board_id");
  if (record.id.empty() || board_id.empty())
    return;
  const json::Value* board_owner = json::find(pin, "board_owner");
  const std::string board_owner_name =
      board_owner && board_owner->IsObject() ? string_at(*board_owner, "username") : "";
  // A pin the token's user owns is theirs, also on someone else's (group) board: the user is
  // who GET /v5/user_account or an earlier own pin named, else this pin's board owner. Without
  // ad_account_id only: with it, the operation user is the ad account's owner.
  const bool own = json::get_bool(pin, "is_owner").value_or(false) &&
                   query_value(x, "ad_account_id").empty();
  std::string owner = board_owner_name;
  if (own) {
    if (auto known = usernames_.find(x.token); known != usernames_.end())
      owner = known->second;
    if (!owner.empty() && !x.token.empty()) {
      usernames_[x.token] = owner;
      set_.add_token(owner, token_hint(x.token));
    }
  }
  if (owner.empty())
    return; // nobody to file it under
  // Stored as its owner sees it; is_owner and pin_metrics are rendered per request.
  record.owner = owner;
  record.pin.CopyFrom(pin, record.pin.GetAllocator());
  auto& a = record.pin.GetAllocator();
  json::set(record.pin, "is_owner", json::Value(true), a);
  json::set(record.pin, "pin_metrics", json::Value(rapidjson::kNullType), a);
  if (!contracts_.validate("components/pin.json", record.pin).empty())
    return; // would not load; the violation is in the journal already
  set_.add_board(board_id, board_owner_name.empty() ? owner : board_owner_name);
  if (secret_board)
    set_.describe_board(board_id, std::nullopt, BoardPrivacy::Secret);
  if (auto section = json::get_string(pin, "board_section_id"))
    set_.add_section(board_id, std::string(*section));
  set_.put_pin(std::move(record));
}

void Recorder::learn_series(const std::string& pin_id, const json::Value& per_app_type) {
  const json::Value* all = per_app_type.IsObject() ? json::find(per_app_type, "all") : nullptr;
  const json::Value* daily = all && all->IsObject() ? json::find(*all, "daily_metrics") : nullptr;
  if (!daily || !daily->IsArray())
    return;
  for (const auto& day : daily->GetArray()) {
    const std::string date = day.IsObject() ? string_at(day, "date") : "";
    const json::Value* metrics = day.IsObject() ? json::find(day, "metrics") : nullptr;
    if (date.empty() || !metrics || !metrics->IsObject())
      continue;
    for (const auto& m : metrics->GetObject()) {
      const std::string name = m.name.GetString();
      // Ratios are computed from the counts they divide; pinning them would change nothing.
      if (!m.value.IsNumber() || name == "SAVE_RATE" || name == "VIDEO_AVG_WATCH_TIME")
        continue;
      set_.pin_metric(pin_id, date, name, m.value.GetDouble());
    }
  }
}

void Recorder::learn_board(const json::Value& board) {
  if (!board.IsObject())
    return;
  const std::string id = string_at(board, "id");
  const json::Value* owner = json::find(board, "owner");
  const std::string username = owner && owner->IsObject() ? string_at(*owner, "username") : "";
  if (id.empty() || username.empty())
    return;
  set_.add_board(id, username);
  const auto name = json::get_string(board, "name");
  set_.describe_board(id, name ? std::optional<std::string>(*name) : std::nullopt,
                      parse_privacy(json::get_string(board, "privacy").value_or("")));
}

std::optional<std::string> Recorder::write() {
  std::map<std::string, std::string> files = set_.render();
  files["README.md"] = readme_text(set_);
  {
    // Each file is replaced atomically; referenced files go first, so that a reader between two
    // renames meets at worst an unreferenced account, board or pin, never a dangling reference.
    // When pins went away, their analytics rows go first.
    std::set<std::string> pins = set_.pin_ids();
    const bool shrinking = std::any_of(written_pins_.begin(), written_pins_.end(),
                                       [&](const std::string& id) { return !pins.count(id); });
    const char* data[] = {"pins.json", "analytics.json"};
    if (shrinking)
      std::swap(data[0], data[1]);
    for (const char* name : {"accounts.json", "boards.json", data[0], data[1], "recording.json",
                             "README.md"}) {
      const std::string& text = files.at(name);
      auto it = written_.find(name);
      if (it != written_.end() && it->second == text)
        continue;
      if (auto failure = replace_file_durably(dir_ + "/" + name, text))
        return "recording: " + *failure;
      written_[name] = text;
    }
    written_pins_ = std::move(pins);
  }
  return std::nullopt;
}

} // namespace pinsmock

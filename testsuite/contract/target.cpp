#include "target.hpp"

#include "pinsmock/json.hpp"
#include "pinsmock/mock_server.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace pinsmock::test {
namespace {
TargetOptions configured;
} // namespace

struct Target::InProcess {
  MockServer server;
  std::optional<Session> session; // the running test case's
  explicit InProcess(ServerOptions options) : server(std::move(options)) { server.start(); }
};

void Target::configure(TargetOptions options) { configured = std::move(options); }

Target& Target::get() {
  // The one deliberate global of the test process (DESIGN B12).
  static Target instance = [] {
    Target t;
    t.options_ = configured;
    return t;
  }();
  return instance;
}

namespace {

// "http://host:port/v5" -> "http://host:port": /__admin lives beside /v5 on the same origin.
std::string admin_origin(const std::string& base_url) {
  return base_url.substr(0, base_url.rfind("/v5"));
}

// A running pins-mock tells who its users are (GET /__admin/accounts): take the first token that
// can write pins and that account's public boards, unless given on the command line.
void discover_from_mock(TargetOptions& options) {
  PinsClient admin(admin_origin(options.base_url), "");
  const ApiResult accounts = admin.raw("GET", "/__admin/accounts");
  const json::Value* list = json::find(accounts.json, "accounts");
  if (!list || !list->IsArray())
    return;
  for (const auto& account : list->GetArray()) {
    for (const auto& token : account["tokens"].GetArray()) {
      bool writes = false;
      for (const auto& scope : token["scopes"].GetArray())
        writes = writes || std::string_view(scope.GetString()) == "pins:write";
      if (!writes)
        continue;
      if (options.token.empty())
        options.token = token["token"].GetString();
      std::vector<std::string> boards;
      for (const auto& board : account["boards"].GetArray())
        if (std::string_view(board["privacy"].GetString()) == "PUBLIC")
          boards.emplace_back(board["id"].GetString());
      if (options.board_id.empty() && !boards.empty())
        options.board_id = boards[0];
      if (options.second_board_id.empty() && boards.size() > 1)
        options.second_board_id = boards[1];
      return;
    }
  }
}

} // namespace

void Target::ensure_started() {
  if (options_.target_is_mock && !discovered_) {
    discovered_ = true;
    if (options_.token.empty() || options_.board_id.empty())
      discover_from_mock(options_);
  }
  if (!options_.base_url.empty() || in_process_)
    return;
  ServerOptions options;
  options.response_check = ValidationMode::Enforce;
  in_process_ = std::make_shared<InProcess>(std::move(options));
  options_.base_url = in_process_->server.base_url();
  if (options_.token.empty())
    options_.token = in_process_->server.default_token();
  const auto boards = in_process_->server.default_board_ids();
  if (options_.board_id.empty() && !boards.empty())
    options_.board_id = boards.front();
  if (options_.second_board_id.empty() && boards.size() > 1)
    options_.second_board_id = boards[1];
}

const std::string& Target::base_url() {
  ensure_started();
  return options_.base_url;
}

const std::string& Target::token() {
  ensure_started();
  return options_.token;
}

const std::string& Target::board_id() {
  ensure_started();
  return options_.board_id;
}

const std::string& Target::second_board_id() {
  ensure_started();
  return options_.second_board_id;
}

PinsClient Target::client() { return client_with_token(token()); }

PinsClient Target::client_with_token(const std::string& token) {
  PinsClient client(base_url(), token);
  if (!is_mock())
    client.set_rate_limit_retries(5);
  return client;
}

void Target::begin_session_if_mock() {
  if (!is_mock())
    return;
  end_session_if_mock();
  ensure_started();
  if (fixture_token_.empty())
    fixture_token_ = options_.token;
  if (in_process_) {
    in_process_->session.emplace(in_process_->server.new_session());
    const std::string own = in_process_->session->token_for(fixture_token_);
    options_.token = own.empty() ? fixture_token_ : own;
    return;
  }
  PinsClient admin(admin_origin(options_.base_url), "");
  const ApiResult created = admin.raw("POST", "/__admin/sessions");
  const json::Value* tokens = json::find(created.json, "tokens");
  const json::Value* own = tokens ? json::find(*tokens, fixture_token_) : nullptr;
  if (created.status != 201 || !own || !own->IsString()) {
    // A pins-mock without sessions (older than issue 12): share its state as before.
    options_.token = fixture_token_;
    admin.raw("POST", "/__admin/reset");
    return;
  }
  remote_session_ = json::get_string(created.json, "id").value_or("");
  options_.token = own->GetString();
}

void Target::end_session_if_mock() {
  if (in_process_ && in_process_->session) {
    in_process_->session.reset();
    created_.clear();
  } else if (!remote_session_.empty()) {
    PinsClient admin(admin_origin(options_.base_url), "");
    admin.raw("DELETE", "/__admin/sessions/" + remote_session_);
    remote_session_.clear();
    created_.clear();
  }
  if (!fixture_token_.empty())
    options_.token = fixture_token_;
}

int Target::delete_tracked() {
  int failed = 0;
  if (created_.empty())
    return 0;
  PinsClient c = client();
  for (const std::string& id : std::set<std::string>(created_)) {
    const ApiResult r = c.pins_delete(id);
    if (r.status == 204 || r.status == 404)
      created_.erase(id);
    else
      ++failed;
  }
  return failed;
}

std::vector<std::string> Target::internal_errors() const {
  return in_process_ ? in_process_->server.internal_errors() : std::vector<std::string>{};
}

} // namespace pinsmock::test

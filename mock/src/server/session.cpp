#include "pinsmock/session.hpp"

#include "admin/fault_admin.hpp"
#include "pinsmock/mock_server.hpp"
#include "server/world.hpp"

#include <stdexcept>

namespace pinsmock {

Session::Session(MockServer* server, std::shared_ptr<World> world, std::string token)
    : server_(server), world_(std::move(world)), id_(world_->id), token_(std::move(token)) {}

Session::Session(Session&& other) noexcept
    : server_(std::exchange(other.server_, nullptr)), world_(std::move(other.world_)),
      id_(std::move(other.id_)), token_(std::move(other.token_)) {}

Session& Session::operator=(Session&& other) noexcept {
  if (this != &other) {
    end();
    server_ = std::exchange(other.server_, nullptr);
    world_ = std::move(other.world_);
    id_ = std::move(other.id_);
    token_ = std::move(other.token_);
  }
  return *this;
}

Session::~Session() { end(); }

void Session::end() {
  if (server_)
    server_->end_session(id_);
  server_ = nullptr;
}

std::string Session::token_for(const std::string& fixture_token) const {
  const std::string own = session_token(fixture_token, id_);
  return world_->fixtures.get()->find_token(own) ? own : std::string();
}

std::string Session::base_url() const { return server_ ? server_->base_url() : std::string(); }

std::vector<std::string> Session::board_ids() const {
  std::vector<std::string> ids;
  const FixtureSnapshot fixtures = world_->fixtures.get();
  const auto found = fixtures->find_token(token_);
  if (!found)
    return ids;
  for (const Board& board : fixtures->boards)
    if (board.owner == found->first->username && board.privacy == BoardPrivacy::Public)
      ids.push_back(board.id);
  return ids;
}

std::vector<RecordedRequest> Session::requests() const { return world_->journal.entries(); }

std::vector<RecordedViolation> Session::violations() const { return world_->journal.violations(); }

std::vector<OperationCoverage> Session::coverage() const { return world_->coverage.snapshot(); }

void Session::reset() {
  if (auto broken = world_->reload_and_reset())
    throw std::invalid_argument("fixtures not reloaded: " + *broken);
}

// Through the server's admin routes, so a session answers as HTTP with ?session=ID does.
std::string Session::admin(std::string method, std::string path, const std::string& body) const {
  if (!server_)
    throw std::invalid_argument("the session has ended");
  return server_->admin_call(std::move(method), std::move(path), body, id_);
}

std::string Session::export_state() const { return admin("GET", "/state", ""); }

void Session::import_state(const std::string& document) { admin("PUT", "/state", document); }

std::string Session::add_account(const std::string& account_json) {
  return admin("POST", "/accounts", account_json);
}

std::string Session::add_board(const std::string& board_json) {
  return admin("POST", "/boards", board_json);
}

std::string Session::add_section(const std::string& board_id, const std::string& section_json) {
  return admin("POST", "/boards/" + board_id + "/sections", section_json);
}

std::string Session::seed_pin(const std::string& entry_json) {
  return admin("POST", "/pins", entry_json);
}

std::uint64_t Session::add_fault(const std::string& rule_json) {
  json::Document document;
  if (auto err = json::parse_into(document, rule_json))
    throw std::invalid_argument("fault rule is not JSON: " + err->message);
  auto rule = parse_fault_rule(document, world_->admin.operation_ids, world_->admin.max_delay_ms);
  if (!rule)
    throw std::invalid_argument(rule.error().detail);
  return world_->faults.add(std::move(*rule)).id;
}

} // namespace pinsmock

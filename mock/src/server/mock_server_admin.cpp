#include "pinsmock/mock_server.hpp"

#include "admin/fault_admin.hpp"
#include "admin/state_document.hpp"
#include "pinsmock/startup_error.hpp"
#include "server/mock_server_impl.hpp"
#include "server/server_setup.hpp"

#include <stdexcept>

namespace pinsmock {

std::string MockServer::Impl::admin_call(std::string method, std::string path,
                                         std::string_view body, const std::string& session) {
  HttpRequest request;
  request.method = std::move(method);
  request.path = std::string(kAdminPrefix) + path;
  if (!session.empty())
    request.query.emplace_back("session", session);
  request.body = std::string(body);
  HttpResponse response = pipeline.handle(request);
  if (response.status >= 300) {
    json::Document doc;
    const bool parsed = !json::parse_into(doc, response.body);
    throw std::invalid_argument(
        parsed ? std::string(json::get_string(doc, "message").value_or(response.body))
               : response.body);
  }
  return response.body;
}

void MockServer::reset() { impl_->admin_call("POST", "/reset", ""); }

std::string MockServer::export_state() const { return impl_->admin_call("GET", "/state", ""); }

void MockServer::import_state(std::string_view document) {
  impl_->admin_call("PUT", "/state", document);
}

std::string MockServer::add_account(std::string_view account_json) {
  return impl_->admin_call("POST", "/accounts", account_json);
}

std::string MockServer::add_board(std::string_view board_json) {
  return impl_->admin_call("POST", "/boards", board_json);
}

std::string MockServer::add_section(std::string_view board_id, std::string_view section_json) {
  return impl_->admin_call("POST", "/boards/" + std::string(board_id) + "/sections", section_json);
}

std::string MockServer::seed_pin(std::string_view entry_json) {
  return impl_->admin_call("POST", "/pins", entry_json);
}

std::vector<RecordedRequest> MockServer::requests() const {
  return impl_->world().journal.entries();
}

std::vector<RecordedViolation> MockServer::violations() const {
  return impl_->world().journal.violations();
}

std::vector<RecordedWarning> MockServer::warnings() const {
  return impl_->world().journal.warnings();
}

std::vector<OperationCoverage> MockServer::coverage() const {
  return impl_->world().coverage.snapshot();
}

void MockServer::clear_requests() {
  impl_->world().journal.clear();
  impl_->world().coverage.clear();
}

std::uint64_t MockServer::add_fault(std::string_view rule_json) {
  json::Document document;
  if (auto err = json::parse_into(document, rule_json))
    throw std::invalid_argument("fault rule is not JSON: " + err->message);
  auto rule =
      parse_fault_rule(document, impl_->manifest.operation_ids(), impl_->options.max_delay_ms);
  if (!rule)
    throw std::invalid_argument(rule.error().detail);
  return impl_->world().faults.add(std::move(*rule)).id;
}

bool MockServer::remove_fault(std::uint64_t id) { return impl_->world().faults.remove(id); }

void MockServer::clear_faults() { impl_->world().faults.clear(); }

std::string MockServer::faults_json() const {
  json::Document body(rapidjson::kObjectType);
  auto& a = body.GetAllocator();
  json::Value list(rapidjson::kArrayType);
  for (const FaultRule& rule : impl_->world().faults.list())
    list.PushBack(fault_rule_to_json(rule, a), a);
  body.AddMember("faults", std::move(list), a);
  return json::dump(body);
}

std::string MockServer::clock_now() const { return impl_->world().clock.now_text(); }

void MockServer::set_clock(std::string_view timestamp) {
  const auto seconds = parse_timestamp(timestamp);
  if (!seconds)
    throw std::invalid_argument("clock: expected YYYY-MM-DDTHH:MM:SS, got '" +
                                std::string(timestamp) + "'");
  if (!impl_->world().clock.set(*seconds))
    throw std::invalid_argument("clock: cannot move backwards to " + std::string(timestamp) +
                                " (now " + impl_->world().clock.now_text() + ")");
}

void MockServer::advance_clock(std::int64_t seconds) {
  if (!impl_->world().clock.advance(seconds))
    throw std::invalid_argument("clock: cannot move backwards");
}

std::vector<std::string> MockServer::internal_errors() const {
  return impl_->pipeline.internal_errors();
}

std::string MockServer::default_token() const { return impl_->default_account().second.token; }

std::vector<std::string> MockServer::default_board_ids() const {
  std::vector<std::string> ids;
  const std::string user = impl_->default_account().first.username;
  const FixtureSnapshot now = impl_->world().fixtures.get();
  for (const Board& board : now->boards)
    if (board.owner == user && board.privacy == BoardPrivacy::Public)
      ids.push_back(board.id);
  return ids;
}

Session MockServer::new_session(const SessionOptions& options) {
  SessionSpec spec;
  spec.fixtures = options.fixtures;
  spec.seed = options.seed;
  if (!options.today.empty()) {
    spec.today = Date::parse(options.today);
    if (!spec.today)
      throw std::invalid_argument("today: expected a date YYYY-MM-DD, got '" + options.today + "'");
  }
  Result<std::shared_ptr<World>> world = impl_->sessions.create(spec);
  if (!world)
    throw std::invalid_argument(world.error().detail);
  const std::string id = (*world)->id;
  // The complete token of the session's own fixtures (a directory has its own accounts; one
  // without such a token leaves token() empty, and token_for() names the others).
  std::string token;
  try {
    token = session_token(complete_account(*(*world)->fixtures.get(), impl_->manifest).second.token,
                          id);
  } catch (const StartupError&) {
  }
  return Session(this, std::move(*world), std::move(token));
}

std::size_t MockServer::session_count() const { return impl_->sessions.size(); }

void MockServer::end_session(const std::string& id) noexcept { impl_->sessions.end(id); }

std::string MockServer::admin_call(std::string method, std::string path, std::string_view body,
                                   const std::string& session) const {
  return impl_->admin_call(std::move(method), std::move(path), body, session);
}

} // namespace pinsmock

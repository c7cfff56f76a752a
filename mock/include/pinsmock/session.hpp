#pragma once
// A session of an in-process MockServer (README "Parallel tests and sessions"): an isolated copy
// of the fixture world with its own tokens, pins, ids, clock, fault rules, rate-limit counters,
// journal and coverage. RAII: the session ends when the object is destroyed, so it must not
// outlive its MockServer.
//
//   auto s = mock.new_session();
//   PinsClient client(s.base_url(), s.token());   // sees only this session's pins
//   CHECK(s.requests().size() == 1);

#include "pinsmock/journal.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pinsmock {

class MockServer;
class World;

/// What a new session starts from; unset fields take the server's values.
struct SessionOptions {
  std::string fixtures = "default";  // "default" or a fixture directory to load
  std::optional<std::uint64_t> seed; // ids and generated analytics
  std::string today;                 // "YYYY-MM-DD": fixes the session's clock
};

class Session {
public:
  Session(Session&& other) noexcept;
  Session& operator=(Session&& other) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  /// Ends the session (as DELETE /__admin/sessions/{id} does).
  ~Session();

  const std::string& id() const { return id_; }
  /// The session's token of the fixture account with every scope (MockServer::default_token());
  /// empty when the session's fixture directory has no such token.
  const std::string& token() const { return token_; }
  /// The session's own token for a fixture token ("" when the fixtures have no such token).
  std::string token_for(const std::string& fixture_token) const;
  /// The API's base URL (the same for every session: the token chooses the session).
  std::string base_url() const;
  /// The public boards of token()'s user.
  std::vector<std::string> board_ids() const;

  /// This session's journal, violations and coverage (the server's accessors show the default
  /// session's).
  std::vector<RecordedRequest> requests() const;
  std::vector<RecordedViolation> violations() const;
  std::vector<OperationCoverage> coverage() const;
  /// Back to the fixtures' state: pins, ids, clock, fault rules, rate-limit counters, and
  /// run-time data gone. A session of a fixture directory reads it again first; throws
  /// std::invalid_argument (file:line:column, pointer, reason) when a file is broken, and
  /// nothing changes then (POST /__admin/sessions/{id}/reset).
  void reset();
  /// This session's state as GET /__admin/state?session=ID exports it (its own tokens left
  /// out: an import into a session makes them again).
  std::string export_state() const;
  /// Replaces this session's state with an export (PUT /__admin/state?session=ID); throws
  /// std::invalid_argument naming the file, pointer and reason, and nothing changes then.
  void import_state(const std::string& document);
  /// Run-time data for this session only, as POST /__admin/accounts, /__admin/boards,
  /// /__admin/boards/{id}/sections and /__admin/pins with ?session=ID; the item as stored.
  /// An account's tokens address this session as they are. Throws std::invalid_argument with
  /// the answer's message (naming the field), e.g. for a token another session has.
  std::string add_account(const std::string& account_json);
  std::string add_board(const std::string& board_json);
  std::string add_section(const std::string& board_id, const std::string& section_json);
  std::string seed_pin(const std::string& entry_json);
  /// Adds a fault rule to this session only (JSON of POST /__admin/faults); returns its id.
  /// Throws std::invalid_argument with the 400 message when the rule is bad.
  std::uint64_t add_fault(const std::string& rule_json);
  /// Ends the session now (idempotent); the object keeps its journal readable.
  void end();

private:
  friend class MockServer;
  Session(MockServer* server, std::shared_ptr<World> world, std::string token);
  std::string admin(std::string method, std::string path, const std::string& body) const;

  MockServer* server_ = nullptr;
  std::shared_ptr<World> world_;
  std::string id_;
  std::string token_;
};

} // namespace pinsmock

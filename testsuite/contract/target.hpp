#pragma once
// What the contract suite talks to: a base URL, a token and boards. The in-process mock is
// started lazily on first use, so listing tests never starts a server.

#include "support/pins_client.hpp"

#include <set>
#include <string>

namespace pinsmock::test {

struct TargetOptions {
  std::string base_url; // empty: an in-process mock
  std::string token;
  std::string board_id;
  std::string second_board_id;
  bool target_is_mock = false; // a running pins-mock: a session per test, writes allowed, token
                               // and boards discovered from /__admin/accounts when not given
  bool allow_writes = false;
  bool strict = false;
  std::string image_url; // replaces media_source.url in create bodies (live must fetch it)
};

class Target {
public:
  /// Configures the target (the runner calls this once, before any test).
  static void configure(TargetOptions options);
  static Target& get();

  /// A client with the target's token (429s retried with backoff against non-mocks).
  PinsClient client();
  /// A client with another token ("" for none).
  PinsClient client_with_token(const std::string& token);

  const std::string& base_url();
  const std::string& token();
  const std::string& board_id();
  const std::string& second_board_id();
  const std::string& image_url() const { return options_.image_url; }
  bool is_mock() const { return options_.base_url.empty() || options_.target_is_mock; }
  bool strict() const { return options_.strict; }
  /// True for --target-is-mock (a pins-mock reached over HTTP, driven through its admin API).
  bool remote_mock() const { return options_.target_is_mock; }
  bool writes_allowed() const { return is_mock() || options_.allow_writes; }

  /// A mock target: starts a fresh session (a copy of the fixture world) for the next test
  /// case and uses its token, so no test sees another's writes and nobody else's state is
  /// reset. No-op for other targets.
  void begin_session_if_mock();
  /// Ends the session begin_session_if_mock() started (its pins go with it).
  void end_session_if_mock();

  /// Pins the suite created and has not deleted yet; deleted at the end of the run.
  void track(const std::string& pin_id) { created_.insert(pin_id); }
  void untrack(const std::string& pin_id) { created_.erase(pin_id); }
  /// Deletes every tracked pin; returns how many could not be deleted.
  int delete_tracked();

  /// Internal errors of an in-process mock (appended to failure messages).
  std::vector<std::string> internal_errors() const;

private:
  Target() = default;
  void ensure_started();
  TargetOptions options_;
  struct InProcess;
  std::shared_ptr<InProcess> in_process_;
  std::set<std::string> created_;
  bool discovered_ = false;
  std::string fixture_token_;  // the token the session tokens derive from
  std::string remote_session_; // --target-is-mock: the session of the running test case
};

/// Shorthand for Target::get().
inline Target& target() { return Target::get(); }

} // namespace pinsmock::test

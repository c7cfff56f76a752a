#pragma once
// A fixture set being recorded (proxy mode, --record DIR): what upstream's answers showed,
// merged by id, and its files in the format of fixtures/README.md.

#include "fixtures/fixture_set.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pinsmock {

/// A recorded pin: its owner and the Pin as its owner sees it (is_owner true, pin_metrics null).
struct RecordedPin {
  std::string id;
  std::string owner;
  json::Document pin;
};

/// The scopes a recorded token gets: upstream never says which scopes a token holds, so the
/// mock token may do everything (fixtures/README.md's full set).
const std::vector<std::string>& recorded_token_scopes();

/// The mock token that stands for `username`'s real tokens: the same in every recording session,
/// so re-recording merges into one account. Never derived from the real token.
std::string recorded_token(const std::string& username);

/// What a README may say about a real token: its first 4 characters (fewer for a short one)
/// and its length. Never more of it.
std::string token_hint(std::string_view real_token);

class RecordedSet {
public:
  /// Starts from a recording already on disk (merge), or empty. `token_hints`: mock token ->
  /// hints, from the earlier recording's recording.json.
  explicit RecordedSet(const FixtureSet* existing = nullptr,
                       std::map<std::string, std::set<std::string>> token_hints = {});

  // Every change bumps revision(); a call that changes nothing leaves it as it was.

  /// Gives `username` (an account, created when new) its mock token (full scopes) and notes the
  /// real token's hint.
  void add_token(const std::string& username, const std::string& hint);
  /// Sets the user id of `username`'s account (created when new).
  void set_user_id(const std::string& username, const std::string& user_id);
  /// Adds the board (PUBLIC, placeholder name) and its owner's account when new.
  void add_board(const std::string& id, const std::string& owner);
  /// What a board read (or a PRIVATE listing) said about a board added before.
  void describe_board(const std::string& id, std::optional<std::string> name,
                      std::optional<BoardPrivacy> privacy);
  /// Adds a section with a placeholder name to a board added before, if it lacks it.
  void add_section(const std::string& board_id, const std::string& section_id);
  /// Inserts or replaces a pin (by id); its owner's account is created when new.
  void put_pin(RecordedPin pin);
  /// Drops a pin that upstream deleted, with its analytics.
  void erase_pin(const std::string& id);
  /// Pins one metric of the "ALL" series of (pin, date).
  void pin_metric(const std::string& pin_id, const std::string& date, const std::string& metric,
                  double value);

  std::uint64_t revision() const { return revision_; }
  bool has_pin(const std::string& id) const { return pins_.count(id) != 0; }
  std::size_t pin_count() const { return pins_.size(); }
  std::set<std::string> pin_ids() const;

  /// The recording's files, by name relative to its directory: accounts.json, boards.json,
  /// pins.json, analytics.json (fixture formats) and recording.json (the token hints).
  std::map<std::string, std::string> render() const;
  /// (mock token, username, hints) for the README, in token order.
  std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> token_table() const;

private:
  Account& account(const std::string& username);

  std::uint64_t revision_ = 0;
  std::map<std::string, Account> accounts_;
  std::map<std::string, Board> boards_;
  std::map<std::string, RecordedPin> pins_;
  std::map<std::pair<std::string, std::string>, std::map<std::string, double>> series_;
  std::map<std::string, std::set<std::string>> token_hints_;
};

} // namespace pinsmock

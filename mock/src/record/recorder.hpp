#pragma once
// Record mode (--proxy with --record DIR): what passes through the proxy becomes a fixture set
// that `pins-mock --fixtures DIR` serves (README "Recording fixtures"). HTTP-free: the proxy
// stage hands over each exchange already parsed.

#include "core/api_types.hpp"
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/file_source.hpp"
#include "pinsmock/json.hpp"
#include "record/recorded_set.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace pinsmock {

/// One forwarded exchange, as the recorder needs it.
struct PassedExchange {
  std::string operation_id;          // "" outside the contracts
  std::string path;                  // below the API's base path: "/pins/1", "/boards/2"
  const Headers* query = nullptr;    // decoded, in order
  std::string token;                 // the bearer token as sent: kept in memory, never written
  int status = 0;
  const json::Value* body = nullptr; // upstream's answer, parsed; null when it had none
};

class Recorder {
public:
  /// Records into `dir` (created when missing). A recording already there is loaded (with the
  /// fixture loader, so it must be a valid set) and merged into. Media templates are copied from
  /// `media_source` when `dir` has none. Throws StartupError when `dir` holds a broken set or
  /// cannot be written.
  /// `dir` is locked (`.recording.lock`) while the recorder lives: a second recorder into it is
  /// refused with StartupError.
  Recorder(std::string dir, const ContractRegistry& contracts, const FileSource& media_source);
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  /// Learns from one exchange (successful answers only) and rewrites the files that changed,
  /// each atomically. Returns why writing failed, if it did. Thread-safe.
  std::optional<std::string> record(const PassedExchange& exchange);

  const std::string& dir() const { return dir_; }

private:
  void learn(const PassedExchange& exchange);
  void learn_pin(const json::Value& pin, const PassedExchange& exchange, bool secret_board);
  void learn_series(const std::string& pin_id, const json::Value& per_app_type);
  void learn_board(const json::Value& board);
  std::optional<std::string> write();

  std::string dir_;
  const ContractRegistry& contracts_;
  struct DirectoryLock { // a member, so that a constructor that throws still lets go
    int fd = -1;
    DirectoryLock() = default;
    DirectoryLock(const DirectoryLock&) = delete;
    DirectoryLock& operator=(const DirectoryLock&) = delete;
    ~DirectoryLock();
  } lock_;
  std::mutex mutex_;
  RecordedSet set_;
  std::map<std::string, std::string> usernames_; // real token -> its user: memory only
  std::map<std::string, std::string> written_;   // file -> text last written
  std::set<std::string> written_pins_;           // pin ids of the pins.json last written
};

} // namespace pinsmock

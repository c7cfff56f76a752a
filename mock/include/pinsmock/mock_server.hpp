#pragma once
// The embeddable mock: construct, start(), point a client at base_url(), and let the destructor
// stop it. Everything (store, ids, clock) belongs to the instance, so a test can run several.

#include "pinsmock/journal.hpp"
#include "pinsmock/session.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pinsmock {

/// What the mock does with a response that breaks its own contract.
enum class ValidationMode {
  Off,     // not checked
  Report,  // served, with an X-Pinsmock-Violations header
  Enforce, // replaced by a 500 and recorded in internal_errors()
};

/// Proxy mode: forward /v5 requests to a real API and check both directions (README "Checking
/// the real API"). Off while `upstream` is empty.
struct ProxyOptions {
  std::string upstream;      // base URL, e.g. "https://api.pinterest.com/v5"
  bool insecure = false;     // skip certificate verification (test hosts only)
  std::string ca_file;       // PEM file of trusted certificates; empty = the system's
  bool transparent = false;  // no X-Pinsmock-Violations header on forwarded answers
  bool enforce = false;      // a request violation is answered by the mock, never forwarded
  bool strict = false;       // answers get no tolerance for documented live differences
  std::string record_dir;    // --record: what passes through is written there as fixtures
  std::chrono::milliseconds connect_timeout{5000}; // else 502
  std::chrono::milliseconds read_timeout{30000};   // waiting for the answer, else 504
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                  // 0 = an ephemeral port chosen by the OS
  std::string contracts_dir;     // empty = the contracts built into the binary
  std::string fixtures_dir;      // empty = the default fixtures built into the binary
  ValidationMode response_check = ValidationMode::Enforce;
  bool strict_formats = false;   // the spec's date-time: created_at served with "Z" and checked
  std::uint64_t seed = 1;        // ids (and generated analytics) derive from it
  std::string today;             // "YYYY-MM-DD": fixes the clock; empty = the system's UTC date
  std::size_t max_body_bytes = 10 * 1024 * 1024; // larger bodies answer 413
  int threads = 0;               // ignored: each connection has its own thread (kept for callers)
  std::size_t max_connections = 4096; // beyond it the longest-idle connection closes, else 503
  std::chrono::milliseconds idle_timeout{30000};    // a keep-alive connection without a request
  std::chrono::milliseconds request_timeout{10000}; // first to last byte of a request, else 408
  std::chrono::milliseconds write_timeout{10000};   // writing an answer without progress: closed
  std::size_t journal_size = 1000;       // requests the journal keeps (oldest dropped first)
  std::size_t journal_body_bytes = 4096; // of each request body (journal_size: per session)
  std::chrono::milliseconds session_ttl{3600000}; // idle sessions end (steady time); 0 = never
  std::function<void(std::string_view)> log; // one line per event; silent when empty

  // HTTPS and CORS (README "HTTPS and CORS"). TLS: both PEM files, or tls_self_signed.
  std::string tls_cert_file;    // certificate chain the server presents
  std::string tls_key_file;     // its private key
  bool tls_self_signed = false; // a throwaway certificate made at start (tls_certificate_file())
  bool cors = false;            // answer preflights; Access-Control-* headers on every answer

  // Failure simulation (README "Simulating failures").
  bool prefer = true;               // honour the Prefer request header (code=, delay=, fault=)
  std::int64_t max_delay_ms = 60000; // the longest delay a Prefer header or a rule may add
  std::string rate_limits;          // "" (off), "standard", "trial", or a JSON file's path
  std::vector<std::string> rate_limit_headers; // limit, remaining, reset names; empty = defaults
  std::string faults_file;          // a fault script (JSON rules) loaded at start

  ProxyOptions proxy;                        // proxy mode when proxy.upstream is set
  // State that survives a restart (README "Keeping state for offline development").
  std::string state_file; // loaded at start when it exists, saved after changes; "" = none
  std::chrono::milliseconds state_interval{200}; // at most one save per interval
};

class MockServer {
public:
  /// Loads and validates contracts and fixtures; throws StartupError on bad data or options.
  explicit MockServer(ServerOptions options = {});
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  /// Binds and starts serving; returns once requests are answered. Throws StartupError when the
  /// port cannot be bound or the server is already started.
  void start();
  /// Stops serving and joins the server thread; open connections are shut down, so it returns
  /// promptly whatever clients do. Idempotent.
  void stop() noexcept;

  bool running() const;
  int port() const;
  /// "http://127.0.0.1:<port>/v5" ("https://" with TLS): interchangeable with Pinterest's.
  std::string base_url() const;
  /// "http://127.0.0.1:<port>": where /__admin lives (an IPv6 host in brackets).
  std::string root_url() const;
  /// The PEM certificate the server presents (a client's CA file for a self-signed one; removed
  /// when the server is destroyed); empty without TLS.
  std::string tls_certificate_file() const;

  /// Restores the fixtures' state (pins, ids, clock) and removes fault rules and rate-limit
  /// counts, exactly what POST /__admin/reset does: a --fixtures directory is read again first.
  /// Throws std::invalid_argument (file:line:column, pointer, reason) when a file of it is
  /// broken; nothing changes then.
  void reset();

  /// The state as GET /__admin/state exports it (fixtures/README.md "State exports").
  std::string export_state() const;
  /// Replaces the state with an export (PUT /__admin/state). Throws std::invalid_argument with
  /// the file, pointer and reason when it is not a valid one; nothing changes then.
  void import_state(std::string_view document);
  /// Adds run-time data as POST /__admin/accounts, /__admin/boards, /__admin/boards/{id}/sections
  /// and /__admin/pins do, and returns the answer's body (the item as stored). Throws
  /// std::invalid_argument with the answer's message (naming the field) when it is refused.
  std::string add_account(std::string_view account_json);
  std::string add_board(std::string_view board_json);
  std::string add_section(std::string_view board_id, std::string_view section_json);
  std::string seed_pin(std::string_view entry_json);

  /// The journal of served API requests, oldest first (bounded by journal_size).
  std::vector<RecordedRequest> requests() const;
  /// Every contract violation of the requests still in the journal.
  std::vector<RecordedViolation> violations() const;
  /// Every warning (e.g. an unknown body field, which live ignores) of the journaled requests.
  std::vector<RecordedWarning> warnings() const;
  /// Per-operation coverage since start (or the last clear_requests()); all eight listed.
  std::vector<OperationCoverage> coverage() const;
  /// Empties the journal and the coverage counters (DELETE /__admin/requests).
  void clear_requests();

  /// Adds a fault rule (the JSON of POST /__admin/faults: one rule object) and returns its id.
  /// Throws std::invalid_argument with the 400 message when the rule is bad.
  std::uint64_t add_fault(std::string_view rule_json);
  /// Removes one rule; false when no rule has this id.
  bool remove_fault(std::uint64_t id);
  /// Removes every rule (DELETE /__admin/faults).
  void clear_faults();
  /// The rules with their counters, as GET /__admin/faults answers them (JSON text).
  std::string faults_json() const;

  /// The mock's time, "YYYY-MM-DDTHH:MM:SS" (what created_at would show now).
  std::string clock_now() const;
  /// Sets the mock's time ("YYYY-MM-DDTHH:MM:SS", UTC). Throws std::invalid_argument for a
  /// malformed time or one in the mock's past (the clock never moves backwards).
  void set_clock(std::string_view timestamp);
  /// Moves the mock's time forward; throws std::invalid_argument for a negative amount.
  void advance_clock(std::int64_t seconds);

  /// Handler exceptions and contract violations of the mock's own responses (Enforce mode).
  std::vector<std::string> internal_errors() const;

  /// The token of a fixture account with every scope (for tests and the start banner).
  std::string default_token() const;
  /// The public boards of that token's user (for tests and the start banner).
  std::vector<std::string> default_board_ids() const;

  /// Starts a session: an isolated copy of the fixture world with its own tokens (README
  /// "Parallel tests and sessions"). Ends when the returned object is destroyed. Throws
  /// std::invalid_argument when the options are bad (e.g. a fixture directory that fails).
  Session new_session(const SessionOptions& options = {});
  /// Sessions alive now (the default session not counted).
  std::size_t session_count() const;

  /// The mock's version string.
  static std::string_view version();

private:
  friend class Session;
  void end_session(const std::string& id) noexcept;
  /// An admin request to one session's world (Session's state and run-time data calls).
  std::string admin_call(std::string method, std::string path, std::string_view body,
                         const std::string& session) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace pinsmock

#pragma once
// A stand-in for the real API in proxy tests: a tiny server on 127.0.0.1 that gives every
// request the same canned answer (late, if asked), over plain HTTP or TLS with a throwaway
// certificate made at test time.

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pinsmock::test {

struct CannedAnswer {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::chrono::milliseconds delay{0}; // before answering
};

/// A self-signed certificate for 127.0.0.1 (subjectAltName IP) and its key, as PEM files.
struct ThrowawayCertificate {
  std::string cert_file;
  std::string key_file;
};

/// Makes one in `dir` with the OpenSSL API (RSA 2048, valid for an hour); throws on failure.
ThrowawayCertificate make_throwaway_certificate(const std::string& dir);

class ScriptedUpstream {
public:
  /// Starts serving at once; with `tls`, over HTTPS with that certificate.
  explicit ScriptedUpstream(CannedAnswer answer, const ThrowawayCertificate* tls = nullptr);
  ~ScriptedUpstream();
  ScriptedUpstream(const ScriptedUpstream&) = delete;
  ScriptedUpstream& operator=(const ScriptedUpstream&) = delete;

  /// "http(s)://127.0.0.1:<port>/v5"
  std::string base_url() const;
  /// The Authorization header of every request received, in order.
  std::vector<std::string> authorizations() const;
  /// The path (with query) of every request received, in order.
  std::vector<std::string> targets() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace pinsmock::test

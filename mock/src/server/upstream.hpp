#pragma once
// The real API behind the mock in proxy mode: one request forwarded, its answer as received.
// With the test client, the only user of httplib's client in the mock (DESIGN B13).

#include "core/api_types.hpp"
#include "pinsmock/mock_server.hpp"
#include "pinsmock/result.hpp"

#include <string>

namespace pinsmock {

/// An upstream answer, unchanged: status, body bytes and the headers a client reads.
struct UpstreamAnswer {
  int status = 0;
  std::string body;
  std::string content_type;
  Headers headers; // without hop-by-hop and framing headers (the mock frames its own answer)
};

class Upstream {
public:
  /// Parses `options.upstream` ("https://host[:port]/v5"); throws StartupError when it is not an
  /// http(s) URL.
  Upstream(const ProxyOptions& options, std::string mock_base_path);

  /// Forwards `request` (a path under the mock's base path) with the client's own headers,
  /// Authorization included. Fails with UpstreamUnreachable (refused, TLS, certificate) or
  /// UpstreamTimeout; the detail says why and never carries a header value. Thread-safe.
  Result<UpstreamAnswer> forward(const HttpRequest& request) const;

  /// True when `path` is under the mock's base path ("/v5/..."), so it has an upstream twin.
  bool covers(const std::string& path) const {
    return path.compare(0, mock_base_path_.size(), mock_base_path_) == 0 &&
           (path.size() == mock_base_path_.size() || path[mock_base_path_.size()] == '/');
  }

  /// "https://api.pinterest.com/v5", as given.
  const std::string& base_url() const { return options_.upstream; }

private:
  ProxyOptions options_;
  std::string mock_base_path_; // "/v5": replaced by path_prefix_
  std::string origin_;         // "https://api.pinterest.com"
  std::string path_prefix_;    // "/v5"
};

} // namespace pinsmock

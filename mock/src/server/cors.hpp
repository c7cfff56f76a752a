#pragma once
// --cors: browser clients (README "HTTPS and CORS"). Preflights are answered here, before the
// pipeline, and are not journaled (a browser sends them, not the client under test); every
// other answer gains Access-Control-Allow-Origin and the headers a script may read.

#include "core/api_types.hpp"

#include <string>
#include <vector>

namespace pinsmock {

struct CorsPolicy {
  bool enabled = false;
  std::vector<std::string> exposed_headers; // readable by scripts besides the CORS-safelisted
};

/// OPTIONS with an Origin and Access-Control-Request-Method.
bool is_preflight(const HttpRequest& request);
/// 204 allowing the methods of the API and the request headers the browser asked for.
HttpResponse preflight_answer(const HttpRequest& request, const CorsPolicy& policy);
/// Adds Access-Control-Allow-Origin and -Expose-Headers (nothing when the policy is off).
void add_cors_headers(HttpResponse& response, const CorsPolicy& policy);

} // namespace pinsmock

#include "server/cors.hpp"

#include <cctype>

namespace pinsmock {
namespace {

constexpr const char* kAllowedMethods = "GET, POST, PATCH, DELETE, OPTIONS";
// Asked for by no browser but useful defaults when a preflight names no headers.
constexpr const char* kDefaultAllowedHeaders = "Authorization, Content-Type, Prefer";
// Browsers cap it (Chromium at 2 h); 10 min keeps a changed --cors setting visible soon.
constexpr const char* kMaxAgeSeconds = "600";

// Any origin may call: the mock holds no one's data. "*" suffices for bearer-token clients,
// which send no credentials (cookies) that would need the origin reflected.
constexpr const char* kAllowedOrigin = "*";

// Only a list of header names is reflected (letters, digits, '-', ',', spaces): anything else
// falls back to the defaults rather than being echoed.
bool is_header_list(const std::string& text) {
  if (text.empty() || text.size() > 1024)
    return false;
  for (const char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != ',' &&
        c != ' ')
      return false;
  return true;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names)
    out += (out.empty() ? "" : ", ") + name;
  return out;
}

} // namespace

bool is_preflight(const HttpRequest& request) {
  return request.method == "OPTIONS" && request.header("Origin") &&
         request.header("Access-Control-Request-Method");
}

HttpResponse preflight_answer(const HttpRequest& request, const CorsPolicy& policy) {
  HttpResponse response;
  response.status = 204;
  const auto asked = request.header("Access-Control-Request-Headers");
  response.headers = {
      {"Access-Control-Allow-Origin", kAllowedOrigin},
      {"Access-Control-Allow-Methods", kAllowedMethods},
      {"Access-Control-Allow-Headers",
       asked && is_header_list(*asked) ? *asked : kDefaultAllowedHeaders},
      {"Access-Control-Max-Age", kMaxAgeSeconds},
  };
  if (!policy.exposed_headers.empty())
    response.headers.emplace_back("Access-Control-Expose-Headers", joined(policy.exposed_headers));
  return response;
}

void add_cors_headers(HttpResponse& response,
                      const CorsPolicy& policy) {
  if (!policy.enabled)
    return;
  response.headers.emplace_back("Access-Control-Allow-Origin", kAllowedOrigin);
  if (!policy.exposed_headers.empty())
    response.headers.emplace_back("Access-Control-Expose-Headers", joined(policy.exposed_headers));
}

} // namespace pinsmock

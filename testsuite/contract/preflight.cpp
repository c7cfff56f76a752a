#include "preflight.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace pinsmock::test {
namespace {

// httplib only says "Connection"; a plain connect() tells refused from unreachable or unknown.
std::string connect_error(const std::string &url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos)
    return "not an http(s) URL";
  const bool https = url.compare(0, scheme_end, "https") == 0;
  std::string authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find('/'));
  std::string host = authority;
  std::string port = https ? "443" : "80";
  if (const std::size_t colon = authority.rfind(':');
      colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.size() > 2 && host.front() == '[')
    host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo *found = nullptr;
  if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0)
    return std::string("cannot resolve ") + host + ": " + gai_strerror(rc);
  std::string reason = "connection failed";
  for (addrinfo *a = found; a; a = a->ai_next) {
    const int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0)
      continue;
    const int rc = connect(fd, a->ai_addr, a->ai_addrlen);
    const int error = errno;
    close(fd);
    if (rc == 0) {
      reason = "connected, but the HTTP exchange failed";
      break;
    }
    reason = std::strerror(error);
    for (char &c : reason)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  freeaddrinfo(found);
  return reason;
}

bool looks_like_html(const ApiResult &r) {
  if (r.content_type.find("html") != std::string::npos)
    return true;
  const std::size_t start = r.body.find_first_not_of(" \t\r\n");
  return start != std::string::npos && r.body[start] == '<';
}

bool is_pinterest_error(const ApiResult &r) {
  return r.json.IsObject() && json::get_int(r.json, "code") && json::get_string(r.json, "message");
}

bool is_pin_page(const ApiResult &r) {
  const json::Value *items = r.json.IsObject() ? json::find(r.json, "items") : nullptr;
  return items && items->IsArray();
}

std::string start_of(const std::string &body) {
  std::string text = body.substr(0, 80);
  for (char &c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  return text + (body.size() > 80 ? "..." : "");
}

} // namespace

std::optional<std::string> preflight(Target &target) {
  PinsClient client = target.client();
  const std::string &base = target.base_url();
  const ApiResult r = client.pins_list({{"page_size", "1"}});
  if (r.status == 0)
    return "cannot reach " + base + ": " + connect_error(base);
  const std::string request = "GET " + base + "/pins";
  if (looks_like_html(r))
    return base + " answers HTML, not the Pinterest API (" + request + " -> " +
           std::to_string(r.status) + ")";
  if (r.status == 404) {
    std::string fix = "the base URL ends with /v5, e.g. https://api.pinterest.com/v5";
    if (base.size() < 3 || base.compare(base.size() - 3, 3, "/v5") != 0) {
      PinsClient with_v5(base + "/v5", target.token());
      const ApiResult retry = with_v5.pins_list({{"page_size", "1"}});
      if (retry.status == 200 && is_pin_page(retry))
        fix = "did you mean --base-url " + base + "/v5 ?";
    }
    return request + " answers 404: " + base + " is not the root of the Pinterest API v5 (" + fix +
           ")";
  }
  if ((r.status == 401 || r.status == 403) && is_pinterest_error(r))
    return base + " refuses the token: " + request + " -> " + std::to_string(r.status) + " code " +
           std::to_string(*json::get_int(r.json, "code")) + " \"" +
           std::string(*json::get_string(r.json, "message")) +
           "\" (check --token / PINS_TOKEN and its pins:read scope)";
  if (r.status == 200 && is_pin_page(r)) {
    // --target-is-mock runs every test in a session of the mock's; a server without the admin
    // API would silently keep its state between tests.
    if (target.remote_mock()) {
      PinsClient admin(base.substr(0, base.rfind("/v5")), "");
      const ApiResult health = admin.raw("GET", "/__admin/health");
      if (health.status != 200)
        return base + " is not a pins-mock (GET /__admin/health -> " +
               std::to_string(health.status) + "): drop --target-is-mock";
    }
    return std::nullopt;
  }
  if (is_pinterest_error(r))
    return base + " answers " + request + " with " + std::to_string(r.status) + " code " +
           std::to_string(*json::get_int(r.json, "code")) + " \"" +
           std::string(*json::get_string(r.json, "message")) + "\"";
  return base + " does not answer like the Pinterest API: " + request + " -> " +
         std::to_string(r.status) + " " + (r.content_type.empty() ? "" : r.content_type + " ") +
         start_of(r.body);
}

} // namespace pinsmock::test

#include "support/pins_client.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace pinsmock::test {
namespace {

// "http://host:port/v5" -> ("http://host:port", "/v5")
std::pair<std::string, std::string> split_base(const std::string& base_url) {
  const std::size_t scheme = base_url.find("://");
  const std::size_t path = base_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos)
    return {base_url, ""};
  return {base_url.substr(0, path), base_url.substr(path)};
}

std::string with_query(const std::string& path, const Query& query) {
  return query.empty() ? path : path + "?" + encode_query(query);
}

} // namespace

std::string encode_query(const Query& query) {
  std::string out;
  for (const auto& [key, value] : query) {
    if (!out.empty())
      out += '&';
    out += httplib::detail::encode_query_param(key) + "=" +
           httplib::detail::encode_query_param(value);
  }
  return out;
}

struct PinsClient::Impl {
  std::string origin;
  std::string prefix;
  httplib::Client client;
  explicit Impl(const std::pair<std::string, std::string>& parts)
      : origin(parts.first), prefix(parts.second), client(parts.first) {
    client.set_keep_alive(true);
    // Without it a POST's header and body writes meet Nagle and delayed ACK: ~40 ms each.
    client.set_tcp_nodelay(true);
    client.set_connection_timeout(5);
    client.set_read_timeout(30);
  }
};

PinsClient::PinsClient(std::string base_url, std::string token)
    : base_url_(std::move(base_url)), token_(std::move(token)),
      impl_(std::make_unique<Impl>(split_base(base_url_))) {}
PinsClient::~PinsClient() = default;
PinsClient::PinsClient(PinsClient&&) noexcept = default;

ApiResult PinsClient::raw(const std::string& method, const std::string& path_and_query,
                          const std::string& body,
                          const std::vector<std::pair<std::string, std::string>>& headers) {
  ApiResult result;
  result.method = method;
  result.url = impl_->origin + impl_->prefix + path_and_query;
  result.request_body = body;
  httplib::Request request;
  request.method = method;
  request.path = impl_->prefix + path_and_query;
  if (!token_.empty())
    request.headers.emplace("Authorization", "Bearer " + token_);
  for (const auto& [key, value] : headers)
    request.headers.emplace(key, value);
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    request.body = body;
    if (!request.has_header("Content-Type"))
      request.headers.emplace("Content-Type", "application/json");
  }
  httplib::Result response = impl_->client.send(request);
  for (int attempt = 0; response && response->status == 429 && attempt < retries_; ++attempt) {
    int wait = 1 << attempt;
    for (const char* header : {"Retry-After", "x-userendpoint-ratelimit-reset-seconds"})
      if (response->has_header(header)) {
        wait = std::atoi(response->get_header_value(header).c_str());
        break;
      }
    std::this_thread::sleep_for(std::chrono::seconds(std::clamp(wait, 1, max_wait_seconds_)));
    response = impl_->client.send(request);
  }
  if (!response) {
    result.transport_error = httplib::to_string(response.error()) + " (base URL " + base_url_ + ")";
    return result;
  }
  result.status = response->status;
  result.body = response->body;
  result.content_type = response->get_header_value("Content-Type");
  for (const auto& [key, value] : response->headers)
    result.headers.emplace(key, value);
  if (!result.body.empty() && json::parse_into(result.json, result.body))
    result.json.SetNull();
  return result;
}

void PinsClient::set_rate_limit_retries(int retries, int max_wait_seconds) {
  retries_ = retries;
  max_wait_seconds_ = max_wait_seconds;
}

ApiResult PinsClient::pins_create(const std::string& body, const Query& query) {
  return raw("POST", with_query("/pins", query), body);
}
ApiResult PinsClient::pins_list(const Query& query) { return raw("GET", with_query("/pins", query)); }
ApiResult PinsClient::pins_get(const std::string& pin_id, const Query& query) {
  return raw("GET", with_query("/pins/" + pin_id, query));
}
ApiResult PinsClient::pins_update(const std::string& pin_id, const std::string& body,
                                  const Query& query) {
  return raw("PATCH", with_query("/pins/" + pin_id, query), body);
}
ApiResult PinsClient::pins_delete(const std::string& pin_id, const Query& query) {
  return raw("DELETE", with_query("/pins/" + pin_id, query));
}
ApiResult PinsClient::pins_save(const std::string& pin_id, const std::string& body,
                                const Query& query) {
  return raw("POST", with_query("/pins/" + pin_id + "/save", query), body);
}
ApiResult PinsClient::pins_analytics(const std::string& pin_id, const Query& query) {
  return raw("GET", with_query("/pins/" + pin_id + "/analytics", query));
}
ApiResult PinsClient::multi_pins_analytics(const Query& query) {
  return raw("GET", with_query("/pins/analytics", query));
}

} // namespace pinsmock::test

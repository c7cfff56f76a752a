#include "server/upstream.hpp"

#include "pinsmock/startup_error.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>

namespace pinsmock {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Hop-by-hop headers and the ones each side frames for itself are never relayed; Accept-Encoding
// is dropped so upstream answers in plain JSON the mock can check.
bool relayed(std::string_view name) {
  for (std::string_view skip : {"Host", "Connection", "Keep-Alive", "Proxy-Connection",
                                "Transfer-Encoding", "Content-Length", "Content-Encoding",
                                "Accept-Encoding", "TE", "Trailer", "Upgrade", "Content-Type"})
    if (equals_ignoring_case(name, skip))
      return false;
  return true;
}

std::string seconds_text(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

} // namespace

Upstream::Upstream(const ProxyOptions& options, std::string mock_base_path)
    : options_(options), mock_base_path_(std::move(mock_base_path)) {
  const std::string& url = options_.upstream;
  const std::size_t scheme_end = url.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https")
    throw StartupError("proxy: expected an http:// or https:// base URL, got '" + url + "'");
  const std::size_t path_start = url.find('/', scheme_end + 3);
  origin_ = url.substr(0, path_start);
  path_prefix_ = path_start == std::string::npos ? "" : url.substr(path_start);
  while (!path_prefix_.empty() && path_prefix_.back() == '/')
    path_prefix_.pop_back();
  if (origin_.size() <= scheme_end + 3)
    throw StartupError("proxy: no host in '" + url + "'");
}

Result<UpstreamAnswer> Upstream::forward(const HttpRequest& request) const {
  // One client per exchange: httplib's Client is not safe to share between threads.
  httplib::Client client(origin_);
  client.set_connection_timeout(options_.connect_timeout);
  client.set_read_timeout(options_.read_timeout);
  client.set_write_timeout(options_.read_timeout);
  client.enable_server_certificate_verification(!options_.insecure);
  if (!options_.ca_file.empty())
    client.set_ca_cert_path(options_.ca_file);
  client.set_keep_alive(false);

  httplib::Request out;
  out.method = request.method;
  std::string path = request.path;
  if (path.compare(0, mock_base_path_.size(), mock_base_path_) == 0)
    path = path.substr(mock_base_path_.size());
  // Re-encoded in the client's order (httplib::Params would sort them).
  std::string query;
  for (const auto& [name, value] : request.query)
    query += (query.empty() ? "?" : "&") + httplib::detail::encode_query_param(name) + "=" +
             httplib::detail::encode_query_param(value);
  out.path = path_prefix_ + path + query;
  for (const auto& [name, value] : request.headers)
    if (relayed(name))
      out.headers.emplace(name, value);
  if (!request.body.empty() || request.method == "POST" || request.method == "PATCH" ||
      request.method == "PUT") {
    out.body = request.body;
    const auto type = request.header("Content-Type");
    out.headers.emplace("Content-Type", type ? *type : "application/json");
  }

  httplib::Result result = client.send(out);
  if (!result) {
    const httplib::Error error = result.error();
    const std::string where = request.method + " " + origin_ + path_prefix_ + path;
    switch (error) {
    case httplib::Error::Read:
      return ApiError{ErrorId::UpstreamTimeout,
                      "The upstream API did not answer " + where + " within " +
                          seconds_text(options_.read_timeout) + " (or closed the connection).",
                      ""};
    case httplib::Error::ConnectionTimeout:
      return ApiError{ErrorId::UpstreamTimeout,
                      "The upstream API could not be connected to within " +
                          seconds_text(options_.connect_timeout) + " (" + where + ").",
                      ""};
    case httplib::Error::SSLServerVerification:
      return ApiError{ErrorId::UpstreamUnreachable,
                      "The upstream certificate could not be verified (" + where +
                          "); --proxy-insecure skips the check for test hosts.",
                      ""};
    default:
      return ApiError{ErrorId::UpstreamUnreachable,
                      "The upstream API could not be reached: " + httplib::to_string(error) +
                          " (" + where + ").",
                      ""};
    }
  }
  UpstreamAnswer answer;
  answer.status = result->status;
  answer.body = std::move(result->body);
  answer.content_type = result->get_header_value("Content-Type");
  for (const auto& [name, value] : result->headers)
    if (relayed(name))
      answer.headers.emplace_back(name, value);
  return answer;
}

} // namespace pinsmock

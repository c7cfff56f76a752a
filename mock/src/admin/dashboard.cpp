#include "admin/dashboard.hpp"

#include "admin/admin_handlers.hpp"
#include "core/embedded_files.hpp"
#include "core/error_catalog.hpp"
#include "core/utf8.hpp"

namespace pinsmock {
namespace {

constexpr std::string_view kAssetDir = "mock/assets/dashboard/"; // in the embedded table
constexpr std::string_view kAssetPath = "/assets/";              // below /__admin

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string_view content_type(std::string_view file) {
  if (ends_with(file, ".html"))
    return "text/html; charset=utf-8";
  if (ends_with(file, ".css"))
    return "text/css; charset=utf-8";
  return "text/javascript; charset=utf-8"; // the build embeds nothing else below kAssetDir
}

// The embedded file for `path`: "/" is the page, "/assets/NAME" another file of the directory.
// Exact lookups in the table built at compile time, so no path can reach outside it.
std::optional<EmbeddedFile> asset(std::string_view path) {
  std::string name;
  if (path == "/")
    name = "index.html";
  else if (path.compare(0, kAssetPath.size(), kAssetPath) == 0)
    name = std::string(path.substr(kAssetPath.size()));
  else
    return std::nullopt;
  // The page lives at "/" only: below /assets/ its relative links would not resolve.
  if (name.empty() || name.find('/') != std::string::npos || (path != "/" && name == "index.html"))
    return std::nullopt;
  const std::string file = std::string(kAssetDir) + name;
  for (const EmbeddedFile& f : embedded_files())
    if (f.path == file)
      return f;
  return std::nullopt;
}

// Cache-Control (no-store) and nosniff are added to every answer by the server adapter.
void add_page_headers(HttpResponse& response) {
  response.headers.emplace_back("Content-Security-Policy", std::string(kDashboardPolicy));
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
}

} // namespace

std::optional<HttpResponse> handle_dashboard(const HttpRequest& request, std::string_view path) {
  const bool read = request.method == "GET" || request.method == "HEAD";
  if (path.empty() && read) {
    // The page's links and API calls are relative: they resolve below /__admin/ only with the slash.
    HttpResponse response;
    response.status = 302;
    response.headers.emplace_back("Location", std::string(kAdminPrefix) + "/");
    add_page_headers(response);
    return response;
  }
  const std::optional<EmbeddedFile> file = asset(path);
  if (!file) {
    if (path.compare(0, kAssetPath.size(), kAssetPath) == 0)
      return json_answer(404, error_body({ErrorId::RouteNotFound,
                                          "No dashboard asset " + utf8::excerpt(path) + ".", ""}));
    return std::nullopt;
  }
  if (!read)
    return json_answer(405, error_body({ErrorId::MethodNotAllowed,
                                        "Method " + utf8::excerpt(request.method) +
                                            " is not allowed on the dashboard.",
                                        ""}));
  HttpResponse response;
  response.body = std::string(file->contents);
  response.content_type = std::string(content_type(file->path));
  add_page_headers(response);
  return response;
}

} // namespace pinsmock

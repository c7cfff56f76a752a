#include "admin/dashboard.hpp"

#include "admin/admin_handlers.hpp"
#include "core/embedded_files.hpp"
#include "core/error_catalog.hpp"
#include "core/utf8.hpp"

#include <array>

namespace pinsmock {
namespace {

struct Asset {
  std::string_view path; // below /__admin
  std::string_view file; // in the embedded table
  std::string_view content_type;
};

constexpr std::array<Asset, 3> kAssets = {{
    {"/", "mock/assets/dashboard/index.html", "text/html; charset=utf-8"},
    {"/assets/dashboard.css", "mock/assets/dashboard/dashboard.css", "text/css; charset=utf-8"},
    {"/assets/dashboard.js", "mock/assets/dashboard/dashboard.js",
     "text/javascript; charset=utf-8"},
}};

std::optional<std::string_view> embedded(std::string_view file) {
  for (const EmbeddedFile& f : embedded_files())
    if (f.path == file)
      return f.contents;
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
    // Relative links of the page resolve below /__admin/ only with the slash.
    HttpResponse response;
    response.status = 302;
    response.headers.emplace_back("Location", std::string(kAdminPrefix) + "/");
    add_page_headers(response);
    return response;
  }
  for (const Asset& asset : kAssets) {
    if (asset.path != path)
      continue;
    if (!read)
      return json_answer(405, error_body({ErrorId::MethodNotAllowed,
                                          "Method " + utf8::excerpt(request.method) +
                                              " is not allowed on the dashboard.",
                                          ""}));
    const auto contents = embedded(asset.file);
    if (!contents) // only if the build left the asset out
      return json_answer(404, error_body({ErrorId::RouteNotFound, "Dashboard asset missing.", ""}));
    HttpResponse response;
    response.body = std::string(*contents);
    response.content_type = std::string(asset.content_type);
    add_page_headers(response);
    return response;
  }
  return std::nullopt;
}

} // namespace pinsmock

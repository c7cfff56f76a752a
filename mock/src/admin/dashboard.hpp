#pragma once
// The dashboard at /__admin/: one page (HTML, CSS, JavaScript from mock/assets/dashboard/,
// embedded at build time) that reads the admin API. HTTP-free, like the rest of admin/.

#include "core/api_types.hpp"

#include <optional>
#include <string_view>

namespace pinsmock {

/// The Content-Security-Policy of the dashboard's answers: its own files and the admin API only.
constexpr std::string_view kDashboardPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Answers `path` (below /__admin) when it is the page ("/"; "" redirects there) or below
/// /assets/ (the other files of mock/assets/dashboard/, or 404); nullopt otherwise.
std::optional<HttpResponse> handle_dashboard(const HttpRequest& request, std::string_view path);

} // namespace pinsmock

#pragma once
// The seam between cpp-httplib and the pipeline: the only code that sees httplib types besides
// mock_server.cpp.

#include "server/cors.hpp"
#include "server/pipeline.hpp"
#include "server/request_framing.hpp"

#include <httplib.h>

namespace pinsmock {

/// Where the connection layer parks a multipart Content-Type while cpp-httplib reads the body
/// (server/connection_server.cpp); to_http_request restores it.
inline constexpr std::string_view kParkedContentType = "X-Pinsmock-Internal-Content-Type";

/// Sends every method on every path to `pipeline`, and installs the error and exception handlers
/// that keep even httplib's own answers (400 for a broken request line, 413) in Pinterest's shape.
/// With CORS on, preflights are answered before the pipeline and every answer gains its headers.
void install_routes(httplib::Server& server, Pipeline& pipeline, CorsPolicy cors = {});

/// The request the pipeline sees. The query comes from the request target only (never from a
/// form-encoded body).
HttpRequest to_http_request(const httplib::Request& request);
/// The same for a request the connection layer turned away before cpp-httplib parsed it.
HttpRequest to_http_request(const FramedRequest& request);
/// Fills cpp-httplib's response; a WireEffect travels as an internal header (server/wire_codec).
void write_response(const HttpResponse& response, httplib::Response& out);

} // namespace pinsmock

#pragma once
// The seam between cpp-httplib and the pipeline: the only code that sees httplib types besides
// mock_server.cpp.

#include "server/pipeline.hpp"

#include <httplib.h>

namespace pinsmock {

/// Sends every method on every path to `pipeline`, and installs the error and exception handlers
/// that keep even httplib's own answers (400 for a broken request line, 413) in Pinterest's shape.
void install_routes(httplib::Server& server, Pipeline& pipeline);

HttpRequest to_http_request(const httplib::Request& request);
void write_response(const HttpResponse& response, httplib::Response& out);

} // namespace pinsmock

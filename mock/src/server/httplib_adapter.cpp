#include "server/httplib_adapter.hpp"

#include "core/error_catalog.hpp"

namespace pinsmock {

HttpRequest to_http_request(const httplib::Request& request) {
  HttpRequest out;
  out.method = request.method;
  out.path = request.path;
  for (const auto& [key, value] : request.params)
    out.query.emplace_back(key, value);
  for (const auto& [key, value] : request.headers)
    out.headers.emplace_back(key, value);
  out.body = request.body;
  return out;
}

void write_response(const HttpResponse& response, httplib::Response& out) {
  out.status = response.status;
  for (const auto& [key, value] : response.headers)
    out.set_header(key, value);
  // Live sends these on every answer (API-NOTES.md section 1).
  out.set_header("Cache-Control", "no-cache, no-store, must-revalidate");
  out.set_header("X-Content-Type-Options", "nosniff");
  if (!response.body.empty())
    out.set_content(response.body, response.content_type);
}

void install_routes(httplib::Server& server, Pipeline& pipeline) {
  auto dispatch = [&pipeline](const httplib::Request& req, httplib::Response& res) {
    write_response(pipeline.handle(to_http_request(req)), res);
  };
  // One catch-all per method: the route table is the manifest's, in Router.
  server.Get(".*", dispatch);
  server.Post(".*", dispatch);
  server.Put(".*", dispatch);
  server.Patch(".*", dispatch);
  server.Delete(".*", dispatch);
  server.Options(".*", dispatch);

  // 0.11.4 calls this for every status >= 400, ours included: only fill bodies httplib left
  // empty (a request it rejected before routing: 400 bad request line, 413, unknown method).
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty() || res.status == 204)
      return httplib::Server::HandlerResponse::Unhandled;
    ErrorId id = ErrorId::InvalidParameters;
    std::string detail = "Malformed HTTP request.";
    if (res.status == 413) {
      id = ErrorId::PayloadTooLarge;
      detail.clear();
    } else if (res.status == 404) {
      id = ErrorId::RouteNotFound;
      detail = "No route for " + req.method + " " + req.path + ".";
    } else if (res.status == 405 || res.status == 501) {
      id = ErrorId::MethodNotAllowed;
      detail = "Method " + req.method + " is not supported.";
    } else if (res.status >= 500) {
      id = ErrorId::InternalError;
      detail.clear();
    }
    const int status = res.status;
    res.set_content(json::dump(error_body(ApiError{id, detail, ""})), "application/json");
    res.status = status;
    return httplib::Server::HandlerResponse::Handled;
  }));

  server.set_exception_handler(
      [&pipeline](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        const std::string message = req.method + " " + req.path + ": " + what;
        pipeline.record_internal_error(message);
        write_response(error_http_response({ErrorId::InternalError,
                                            "Internal error in pins-mock: " + what, ""}),
                       res);
      });
}

} // namespace pinsmock

#include "server/httplib_adapter.hpp"

#include "core/error_catalog.hpp"
#include "server/wire_codec.hpp"

namespace pinsmock {

namespace {

Headers query_of(const std::string& target) {
  Headers query;
  const std::size_t mark = target.find('?');
  if (mark == std::string::npos)
    return query;
  httplib::Params params;
  httplib::detail::parse_query_text(target.substr(mark + 1), params);
  for (const auto& [key, value] : params)
    query.emplace_back(key, value);
  return query;
}

} // namespace

HttpRequest to_http_request(const httplib::Request& request) {
  HttpRequest out;
  out.method = request.method;
  out.path = request.path;
  // Not request.params: 0.11.4 adds a form-encoded body's fields to them.
  out.query = query_of(request.target);
  for (const auto& [key, value] : request.headers)
    out.headers.emplace_back(key == kParkedContentType ? std::string("Content-Type") : key, value);
  out.body = request.body;
  return out;
}

HttpRequest to_http_request(const FramedRequest& request) {
  HttpRequest out;
  out.method = request.method;
  out.path = httplib::detail::decode_url(request.target.substr(0, request.target.find('?')), false);
  out.query = query_of(request.target);
  out.headers = request.headers;
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
  if (!response.wire.is_plain())
    out.set_header(std::string(kWireEffectHeader), encode_wire_effect(response.wire));
}

void install_routes(httplib::Server& server, Pipeline& pipeline, CorsPolicy cors) {
  auto dispatch = [&pipeline, cors](const httplib::Request& req, httplib::Response& res) {
    const HttpRequest request = to_http_request(req);
    if (cors.enabled && is_preflight(request))
      return write_response(preflight_answer(request, cors), res);
    HttpResponse response = pipeline.handle(request);
    add_cors_headers(response, cors);
    write_response(response, res);
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

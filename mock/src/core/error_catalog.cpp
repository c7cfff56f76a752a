#include "core/error_catalog.hpp"

#include <stdexcept>

namespace pinsmock {

const std::vector<ErrorSpec>& error_catalog() {
  // Live observations win over the spec's lone examples (API-NOTES.md section 1).
  static const std::vector<ErrorSpec> catalog = {
      {ErrorId::AuthenticationFailed, "authentication_failed", 401, 2, "Authentication failed.",
       "live"},
      {ErrorId::InsufficientScope, "insufficient_scope", 401, 3,
       "Your token does not have sufficient permissions to perform this operation. Please "
       "ensure your token is authorized with the correct set of scopes.",
       "live (401, not 403)"},
      {ErrorId::NotPermitted, "not_permitted", 403, 29,
       "You are not permitted to access that resource.", "spec example (pins/save)"},
      {ErrorId::InvalidParameters, "invalid_parameters", 400, 1, "Invalid parameters.",
       "spec example code (multi_pins/analytics); message names the parameter"},
      {ErrorId::InvalidBody, "invalid_body", 400, 1, "Invalid request body.",
       "chosen; message names the field by JSON pointer"},
      {ErrorId::MalformedJson, "malformed_json", 400, 1, "Request body is not valid JSON.",
       "chosen; message gives the offset"},
      {ErrorId::AnalyticsDateWindow, "analytics_date_window", 400, 1,
       "You can only get data from the last 90 days.", "live message"},
      {ErrorId::InvalidAnalyticsParameters, "invalid_analytics_parameters", 400, 1,
       "Invalid pins analytics parameters.", "spec example message"},
      {ErrorId::PinNotFound, "pin_not_found", 404, 50, "Pin not found.", "spec examples"},
      {ErrorId::BoardNotFound, "board_not_found", 404, 40, "Board not found.", "live + spec"},
      {ErrorId::BoardSectionNotFound, "board_section_not_found", 404, 2031,
       "Sorry! We couldn't find this board section.", "spec example (pins/save)"},
      {ErrorId::RouteNotFound, "route_not_found", 404, 404, "Route not found.", "chosen"},
      {ErrorId::MethodNotAllowed, "method_not_allowed", 405, 405, "Method not allowed.",
       "chosen"},
      {ErrorId::MalformedRequest, "malformed_request", 400, 1, "Malformed HTTP request.",
       "chosen; message says what is malformed"},
      {ErrorId::RequestTimeout, "request_timeout", 408, 408,
       "The request did not arrive in time.", "chosen"},
      {ErrorId::PayloadTooLarge, "payload_too_large", 413, 413, "Request body is too large.",
       "chosen"},
      {ErrorId::UriTooLong, "uri_too_long", 414, 414, "Request target is too long.", "chosen"},
      {ErrorId::UnsupportedMediaType, "unsupported_media_type", 415, 415,
       "Unsupported Content-Encoding.", "chosen"},
      {ErrorId::HeadersTooLarge, "headers_too_large", 431, 431,
       "Request header fields are too large.", "chosen"},
      {ErrorId::RateLimited, "rate_limited", 429, 8,
       "This request exceeded a rate limit. This can happen if the client exceeds one of the "
       "published rate limits or if multiple write operations are applied to an object within "
       "a short time window.",
       "spec example"},
      {ErrorId::InternalError, "internal_error", 500, 500, "Internal error in pins-mock.",
       "chosen"},
      {ErrorId::ServiceUnavailable, "service_unavailable", 503, 503,
       "Service temporarily unavailable.", "chosen"},
      {ErrorId::SimulatedFailure, "simulated_failure", 500, 500, "Simulated failure.",
       "chosen; a forced status without an entry of its own, served with that status as code"},
      {ErrorId::UpstreamUnreachable, "upstream_unreachable", 502, 502,
       "The upstream API could not be reached.", "chosen (proxy mode); message says why"},
      {ErrorId::UpstreamNotJson, "upstream_not_json", 502, 502,
       "The upstream API answered something that is not JSON.", "chosen (proxy mode)"},
      {ErrorId::UpstreamTimeout, "upstream_timeout", 504, 504,
       "The upstream API did not answer in time.", "chosen (proxy mode)"},
  };
  return catalog;
}

const ErrorSpec& error_spec(ErrorId id) {
  for (const ErrorSpec& spec : error_catalog())
    if (spec.id == id)
      return spec;
  throw std::logic_error("ErrorId missing from the error catalog");
}

const ErrorSpec* find_error_spec(std::string_view name) {
  for (const ErrorSpec& spec : error_catalog())
    if (spec.name == name)
      return &spec;
  return nullptr;
}

std::string error_message(const ApiError& error) {
  return error.detail.empty() ? std::string(error_spec(error.id).message) : error.detail;
}

HttpResponse error_http_response(const ApiError& error) {
  HttpResponse response;
  response.status = error_spec(error.id).status;
  response.body = json::dump(error_body(error));
  return response;
}

json::Document error_body(const ApiError& error) {
  json::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  doc.AddMember("code", error_spec(error.id).code, alloc);
  doc.AddMember("message", json::string(error_message(error), alloc), alloc);
  return doc;
}

} // namespace pinsmock

#include "control/forced_answer.hpp"

#include "core/error_catalog.hpp"

namespace pinsmock {
namespace {

ErrorId error_for(int status, std::string_view operation_id) {
  switch (status) {
  case 400:
    return ErrorId::InvalidParameters;
  case 401:
    return ErrorId::AuthenticationFailed;
  case 403:
    return ErrorId::NotPermitted;
  case 404:
    return operation_id == "pins/create" ? ErrorId::BoardNotFound : ErrorId::PinNotFound;
  case 405:
    return ErrorId::MethodNotAllowed;
  case 413:
    return ErrorId::PayloadTooLarge;
  case 429:
    return ErrorId::RateLimited;
  case 503:
    return ErrorId::ServiceUnavailable;
  default:
    return ErrorId::SimulatedFailure;
  }
}

} // namespace

ApiResponse forced_error_response(int status, std::string_view operation_id,
                                  const FaultAction& action) {
  const ErrorId id = error_for(status, operation_id);
  ApiResponse response;
  response.status = status;
  response.error_name = std::string(error_spec(id).name);
  json::Document body = error_body(ApiError{id, action.message, ""});
  const int code = action.code                       ? *action.code
                   : id == ErrorId::SimulatedFailure ? status
                                                     : error_spec(id).code;
  body["code"].SetInt(code);
  response.body = std::move(body);
  response.headers = action.headers;
  return response;
}

std::string malformed_body_bytes() {
  // Starts like JSON so a client cannot tell from the first byte: a gateway's HTML page as the
  // first member, and the object never closed.
  std::string bytes;
  json::Writer writer(bytes);
  writer.StartObject();
  writer.member("id", "<html><head><title>502 Bad Gateway</title></head><body>upstream sent an "
                      "invalid response</body></html>");
  return bytes;
}

} // namespace pinsmock

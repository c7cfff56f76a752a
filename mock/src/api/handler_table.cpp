#include "api/handlers.hpp"

#include "core/error_catalog.hpp"

#include <array>
#include <utility>

namespace pinsmock {
namespace {

constexpr std::array<std::pair<std::string_view, Handler>, 8> kHandlers = {{
    {"pins/create", pins_create},
    {"pins/list", pins_list},
    {"pins/get", pins_get},
    {"pins/update", pins_update},
    {"pins/delete", pins_delete},
    {"pins/save", pins_save},
    {"pins/analytics", pins_analytics},
    {"multi_pins/analytics", multi_pins_analytics},
}};

} // namespace

Handler find_handler(std::string_view operation_id) {
  for (const auto& [id, handler] : kHandlers)
    if (id == operation_id)
      return handler;
  return nullptr;
}

std::vector<std::string_view> handled_operations() {
  std::vector<std::string_view> out;
  for (const auto& entry : kHandlers)
    out.push_back(entry.first);
  return out;
}

ApiResponse error_response(const ApiError& error) {
  ApiResponse response;
  response.status = error_spec(error.id).status;
  response.body = error_body(error);
  response.error_name = std::string(error_spec(error.id).name);
  return response;
}

ApiResponse json_response(int status, json::Document body) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

ApiResponse rendered_response(int status, RenderedBody body) {
  ApiResponse response;
  response.status = status;
  response.rendered = std::move(body);
  return response;
}

} // namespace pinsmock

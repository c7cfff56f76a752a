#pragma once
// The eight operations. Each takes a routed, authenticated and validated request and answers;
// expected failures come back as error responses, never exceptions.

#include "api/services.hpp"
#include "core/api_types.hpp"

#include "pinsmock/result.hpp"

#include <string_view>
#include <vector>

namespace pinsmock {

ApiResponse pins_create(const ApiRequest& request, Services& services);
ApiResponse pins_list(const ApiRequest& request, Services& services);
ApiResponse pins_get(const ApiRequest& request, Services& services);
ApiResponse pins_update(const ApiRequest& request, Services& services);
ApiResponse pins_delete(const ApiRequest& request, Services& services);
ApiResponse pins_save(const ApiRequest& request, Services& services);
ApiResponse pins_analytics(const ApiRequest& request, Services& services);
ApiResponse multi_pins_analytics(const ApiRequest& request, Services& services);

using Handler = ApiResponse (*)(const ApiRequest&, Services&);

/// The handler of an operationId, or nullptr (the only C++ list of operations).
Handler find_handler(std::string_view operation_id);

/// Every operationId that has a handler (tests check it against the manifest).
std::vector<std::string_view> handled_operations();

/// An error answer in Pinterest's shape with the catalog's status.
ApiResponse error_response(const ApiError& error);

/// A success answer with a body.
ApiResponse json_response(int status, json::Document body);

/// A success answer whose body was rendered as bytes.
ApiResponse rendered_response(int status, RenderedBody body);

} // namespace pinsmock

// pins/delete — DELETE /pins/{pin_id}
#include "api/access.hpp"
#include "api/handlers.hpp"

namespace pinsmock {

ApiResponse pins_delete(const ApiRequest& request, Services& services) {
  auto pin = find_accessible_pin(request, services, PinAccess::Write);
  if (!pin)
    return error_response(pin.error());
  // A concurrent delete may have won the race: the loser answers 404 like any later request.
  if (!services.store.erase((*pin)->id))
    return error_response({ErrorId::PinNotFound, "", "pin_id"});
  ApiResponse response;
  response.status = 204;
  return response;
}

} // namespace pinsmock

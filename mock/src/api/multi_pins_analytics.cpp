#include "api/handlers.hpp"

namespace pinsmock {

ApiResponse multi_pins_analytics(const ApiRequest&, Services&) {
  return error_response({ErrorId::InvalidAnalyticsParameters, "", ""});
}

} // namespace pinsmock

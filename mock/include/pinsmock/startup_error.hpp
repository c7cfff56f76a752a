#pragma once

#include <stdexcept>

namespace pinsmock {

/// Bad configuration or data found while starting (missing or malformed fixture, a schema that
/// does not parse, a bind failure). The message says where: "fixtures/pins.json: /3/board_id: ...".
struct StartupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

} // namespace pinsmock

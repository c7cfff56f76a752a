#include "support/api_exchange.hpp"

namespace pinsmock::test {

std::string ApiResult::string_member(std::string_view key) const {
  return std::string(json::get_string(json, key).value_or(""));
}

} // namespace pinsmock::test

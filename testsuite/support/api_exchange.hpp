#pragma once
// One HTTP exchange as a client sees it: never throws. (Matchers and printing for tests are in
// api_result.hpp; programs that are not tests use this header alone.)

#include "pinsmock/json.hpp"

#include <map>
#include <string>

namespace pinsmock::test {

struct ApiResult {
  std::string method;
  std::string url;
  std::string request_body;
  int status = 0;            // 0 when the transport failed
  std::string transport_error;
  std::string body;
  std::string content_type;
  std::multimap<std::string, std::string> headers;
  json::Document json;       // parsed body (Null when empty or not JSON)

  /// The parsed body's member as a string, or "" (for ids in test flows).
  std::string string_member(std::string_view key) const;
  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
};

} // namespace pinsmock::test

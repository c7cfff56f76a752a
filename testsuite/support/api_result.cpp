#include "support/api_result.hpp"

namespace pinsmock::test {

bool IsPinterestError::match(const ApiResult& result) const {
  if (result.status != status_ || !result.json.IsObject())
    return false;
  if (result.content_type.rfind("application/json", 0) != 0)
    return false;
  auto code = json::get_int(result.json, "code");
  auto message = json::get_string(result.json, "message");
  return code && *code == code_ && message && !message->empty();
}

std::string IsPinterestError::describe() const {
  return "is a Pinterest error: status " + std::to_string(status_) + ", {\"code\": " +
         std::to_string(code_) + ", \"message\": ...}, application/json";
}

} // namespace pinsmock::test

namespace Catch {
std::string StringMaker<pinsmock::test::ApiResult>::convert(const pinsmock::test::ApiResult& r) {
  constexpr std::size_t kLimit = 2048;
  std::string out = "\n  " + r.method + " " + r.url;
  if (!r.request_body.empty())
    out += "\n  request body: " + r.request_body.substr(0, 512);
  if (r.status == 0)
    return out + "\n  transport error: " + r.transport_error;
  out += "\n  -> " + std::to_string(r.status) + " " + r.content_type;
  out += "\n  " + r.body.substr(0, kLimit) + (r.body.size() > kLimit ? "..." : "");
  return out + "\n";
}
} // namespace Catch

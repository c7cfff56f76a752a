// A retrying little client for verify-client's fault report: create, get, list, delete, each
// retried up to 3 times on a 429, a 5xx or a broken connection, waiting Retry-After when given
// (200 ms otherwise). It re-sends a create blindly, so an "after" fault makes a duplicate.
#include "client_env.hpp"
#include "support/pins_client.hpp"

#include <chrono>
#include <functional>
#include <iostream>
#include <thread>

using namespace pinsmock::test;

namespace {

ApiResult with_retries(const std::function<ApiResult()>& call) {
  ApiResult result = call();
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (result.status != 0 && result.status != 429 && result.status < 500)
      break;
    const auto retry_after = result.headers.find("Retry-After");
    const auto wait = retry_after == result.headers.end()
                          ? std::chrono::milliseconds(200)
                          : std::chrono::milliseconds(1000 * std::stoi(retry_after->second));
    std::this_thread::sleep_for(wait);
    result = call();
  }
  return result;
}

} // namespace

int main() {
  PinsClient client(env("PINS_BASE_URL"), env("PINS_TOKEN"));
  const std::string body =
      "{\"board_id\": \"" + env("PINS_BOARD_ID") +
      "\", \"title\": \"From the retry client\", \"media_source\": "
      "{\"source_type\": \"image_url\", \"url\": \"https://example.com/r.jpg\"}}";
  const ApiResult created = with_retries([&] { return client.pins_create(body); });
  const std::string id = created.string_member("id");
  if (created.status != 201 || id.empty()) {
    std::cerr << "retry client: create failed: " << created.status << "\n";
    return 1;
  }
  const int got = with_retries([&] { return client.pins_get(id); }).status;
  const int listed = with_retries([&] { return client.pins_list({{"page_size", "5"}}); }).status;
  const int deleted = with_retries([&] { return client.pins_delete(id); }).status;
  std::cout << "retry client: get " << got << ", list " << listed << ", delete " << deleted << "\n";
  return got == 200 && listed == 200 && deleted == 204 ? 0 : 1;
}

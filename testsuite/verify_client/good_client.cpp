// A correct little Pinterest client for verify-client's tests: create, get, list, delete.
#include "client_env.hpp"
#include "support/pins_client.hpp"

#include <iostream>

using namespace pinsmock::test;

int main() {
  PinsClient client(env("PINS_BASE_URL"), env("PINS_TOKEN"));
  ApiResult created = client.pins_create(
      "{\"board_id\": \"" + env("PINS_BOARD_ID") +
      "\", \"title\": \"From the good client\", \"media_source\": {\"source_type\": "
      "\"image_url\", \"url\": \"https://example.com/a.jpg\"}}");
  const std::string id = created.string_member("id");
  if (created.status != 201 || id.empty()) {
    std::cerr << "create failed: " << created.status << " " << created.body << "\n";
    return 1;
  }
  const int got = client.pins_get(id).status;
  const int listed = client.pins_list({{"page_size", "5"}}).status;
  const int deleted = client.pins_delete(id).status;
  std::cout << "good client: create 201, get " << got << ", list " << listed << ", delete "
            << deleted << "\n";
  return got == 200 && listed == 200 && deleted == 204 ? 0 : 1;
}

// A deliberately wrong Pinterest client for verify-client's tests: it sends `title` as a number
// and asks for analytics of 101 pins. Its own view: both calls "worked" (it exits 0).
#include "client_env.hpp"
#include "support/pins_client.hpp"

#include <iostream>

using namespace pinsmock::test;

int main() {
  PinsClient client(env("PINS_BASE_URL"), env("PINS_TOKEN"));
  const std::string board = env("PINS_BOARD_ID");
  ApiResult created = client.pins_create(
      "{\"board_id\": \"" + board +
      "\", \"title\": 42, \"media_source\": {\"source_type\": \"image_url\", "
      "\"url\": \"https://example.com/a.jpg\"}}");
  std::string ids;
  for (int i = 1; i <= 101; ++i)
    ids += (i > 1 ? "," : "") + std::to_string(1300000000000000000LL + i);
  ApiResult analytics = client.multi_pins_analytics({{"pin_ids", ids},
                                                     {"start_date", "2026-11-01"},
                                                     {"end_date", "2026-11-07"},
                                                     {"metric_types", "IMPRESSION"}});
  std::cout << "bad client: create -> " << created.status << ", analytics -> " << analytics.status
            << "\n";
  return 0;
}

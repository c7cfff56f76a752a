#pragma once
// Opening sessions over the admin API, for the [sessions] tests.

#include "http/http_fixture.hpp"

#include <cstdint>
#include <string>

namespace pinsmock::test {

struct OpenedSession {
  std::string id;
  std::string token; // the session's own token for kCreatorToken
};

/// POST /__admin/sessions with `body`; requires its 201.
inline OpenedSession open_session(PinsClient& admin, const std::string& body = "") {
  const ApiResult created = admin.raw("POST", "/__admin/sessions", body);
  REQUIRE_THAT(created, HasStatus(201));
  return {str_at(created.json, "id"), str_at(created.json, "tokens/" + kCreatorToken)};
}

/// How many pins /__admin/health counts in `session` ("" for the default session).
inline std::int64_t pins_in(PinsClient& admin, const std::string& session) {
  const std::string query = session.empty() ? "" : "?session=" + session;
  return int_at(admin.raw("GET", "/__admin/health" + query).json, "pins");
}

/// A create body on the creator's PUBLIC board.
inline const std::string kImageUrlPin = R"({"board_id": "1100000000000000001",
    "media_source": {"source_type": "image_url", "url": "https://example.com/a.jpg"}})";

} // namespace pinsmock::test

#pragma once
// A small Pinterest Pins client over cpp-httplib: one method per operationId, literal paths, so
// the tests read like the API reference. Reuses one keep-alive connection.

#include "support/api_exchange.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pinsmock::test {

using Query = std::vector<std::pair<std::string, std::string>>;

class PinsClient {
public:
  /// `base_url` like "http://127.0.0.1:8080/v5"; an empty token sends no Authorization header.
  PinsClient(std::string base_url, std::string token);
  ~PinsClient();
  PinsClient(PinsClient&&) noexcept;

  ApiResult pins_create(const std::string& body, const Query& query = {});
  ApiResult pins_list(const Query& query = {});
  ApiResult pins_get(const std::string& pin_id, const Query& query = {});
  ApiResult pins_update(const std::string& pin_id, const std::string& body, const Query& query = {});
  ApiResult pins_delete(const std::string& pin_id, const Query& query = {});
  ApiResult pins_save(const std::string& pin_id, const std::string& body, const Query& query = {});
  ApiResult pins_analytics(const std::string& pin_id, const Query& query);
  ApiResult multi_pins_analytics(const Query& query);

  /// Any request below the base URL (for malformed-request tests). `path` starts with '/'.
  ApiResult raw(const std::string& method, const std::string& path_and_query,
                const std::string& body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {});

  /// Retries a 429 up to `retries` times, waiting Retry-After (or the rate-limit reset header,
  /// or 1, 2, 4... seconds), at most `max_wait_seconds` per wait. Off (0) by default.
  void set_rate_limit_retries(int retries, int max_wait_seconds = 60);

  const std::string& base_url() const { return base_url_; }

private:
  struct Impl;
  std::string base_url_;
  std::string token_;
  int retries_ = 0;
  int max_wait_seconds_ = 60;
  std::unique_ptr<Impl> impl_;
};

/// "a=1&b=x%2Cy": percent-encodes values (commas included).
std::string encode_query(const Query& query);

} // namespace pinsmock::test

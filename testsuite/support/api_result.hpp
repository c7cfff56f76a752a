#pragma once
// One HTTP exchange as tests see it: never throws; prints itself in failure messages.

#include "pinsmock/json.hpp"

#include <catch2/catch.hpp>

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

/// Matches a status, showing the whole exchange on failure.
class HasStatus : public Catch::MatcherBase<ApiResult> {
public:
  explicit HasStatus(int status) : status_(status) {}
  bool match(const ApiResult& result) const override { return result.status == status_; }
  std::string describe() const override { return "has status " + std::to_string(status_); }

private:
  int status_;
};

/// Matches a Pinterest error body {"code": int, "message": str} with this status and code.
class IsPinterestError : public Catch::MatcherBase<ApiResult> {
public:
  IsPinterestError(int status, int code) : status_(status), code_(code) {}
  bool match(const ApiResult& result) const override;
  std::string describe() const override;

private:
  int status_;
  int code_;
};

} // namespace pinsmock::test

namespace Catch {
template <> struct StringMaker<pinsmock::test::ApiResult> {
  static std::string convert(const pinsmock::test::ApiResult& result);
};
} // namespace Catch

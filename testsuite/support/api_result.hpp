#pragma once
// Catch2 matchers and printing for ApiResult: failures show the whole exchange.

#include "support/api_exchange.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace pinsmock::test {

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

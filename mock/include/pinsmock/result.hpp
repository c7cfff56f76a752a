#pragma once
// Expected request failures travel as values (DESIGN B6): a Result holds either a T or an
// ApiError. Nothing here throws for a 4xx.

#include <string>
#include <utility>
#include <variant>

namespace pinsmock {

/// Every failure the API can answer with; status, Pinterest code and message live in the catalog.
enum class ErrorId {
  AuthenticationFailed,
  InsufficientScope,
  NotPermitted,
  InvalidParameters,
  InvalidBody,
  MalformedJson,
  AnalyticsDateWindow,
  InvalidAnalyticsParameters,
  PinNotFound,
  BoardNotFound,
  BoardSectionNotFound,
  RouteNotFound,
  MethodNotAllowed,
  MalformedRequest,
  RequestTimeout,
  PayloadTooLarge,
  UriTooLong,
  UnsupportedMediaType,
  HeadersTooLarge,
  RateLimited,
  InternalError,
  ServiceUnavailable,
  SimulatedFailure,
  UpstreamUnreachable, // proxy mode
  UpstreamNotJson,
  UpstreamTimeout,
};

/// A failure: which one, a message that replaces the catalog's when non-empty, and the JSON
/// pointer (or parameter name) of the offending field when there is one.
struct ApiError {
  ErrorId id;
  std::string detail;
  std::string pointer;
};

template <typename T> class Result {
public:
  Result(T value) : v_(std::move(value)) {}             // NOLINT: implicit by design
  Result(ApiError error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const ApiError& error() const { return std::get<ApiError>(v_); }

private:
  std::variant<T, ApiError> v_;
};

} // namespace pinsmock

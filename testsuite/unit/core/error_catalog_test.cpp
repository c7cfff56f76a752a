#include "core/error_catalog.hpp"

#include "support/conforms_to.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using pinsmock::ApiError;
using pinsmock::ErrorId;
using pinsmock::ErrorSpec;

namespace {

// Every enumerator of ErrorId, in declaration order. A new enumerator must be added here (and to
// the catalog): the size check below fails until it is.
constexpr ErrorId kAllIds[] = {
    ErrorId::AuthenticationFailed, ErrorId::InsufficientScope,
    ErrorId::NotPermitted,         ErrorId::InvalidParameters,
    ErrorId::InvalidBody,          ErrorId::MalformedJson,
    ErrorId::AnalyticsDateWindow,  ErrorId::InvalidAnalyticsParameters,
    ErrorId::PinNotFound,          ErrorId::BoardNotFound,
    ErrorId::BoardSectionNotFound, ErrorId::RouteNotFound,
    ErrorId::MethodNotAllowed,     ErrorId::MalformedRequest,
    ErrorId::RequestTimeout,       ErrorId::PayloadTooLarge,
    ErrorId::UriTooLong,           ErrorId::UnsupportedMediaType,
    ErrorId::HeadersTooLarge,      ErrorId::RateLimited,
    ErrorId::InternalError,        ErrorId::ServiceUnavailable,
    ErrorId::SimulatedFailure,
    ErrorId::UpstreamUnreachable,  ErrorId::UpstreamNotJson,   ErrorId::UpstreamTimeout,
};

} // namespace

TEST_CASE("ErrorCatalog: every ErrorId has exactly one entry", "[unit][error_catalog]") {
  const auto& catalog = pinsmock::error_catalog();
  CHECK(catalog.size() == std::size(kAllIds));
  for (std::size_t i = 0; i < std::size(kAllIds); ++i) // the list above has no gaps
    CHECK(static_cast<std::size_t>(kAllIds[i]) == i);
  for (ErrorId id : kAllIds) {
    INFO("ErrorId #" << static_cast<int>(id));
    int entries = 0;
    for (const ErrorSpec& spec : catalog)
      entries += spec.id == id ? 1 : 0;
    CHECK(entries == 1);
    CHECK_NOTHROW(pinsmock::error_spec(id));
    CHECK(pinsmock::error_spec(id).id == id);
  }
}

TEST_CASE("ErrorCatalog: names are unique, non-empty and found by name", "[unit][error_catalog]") {
  std::set<std::string_view> names;
  for (const ErrorSpec& spec : pinsmock::error_catalog()) {
    INFO("name '" << spec.name << "'");
    CHECK_FALSE(spec.name.empty());
    CHECK(names.insert(spec.name).second);
    CHECK_FALSE(spec.message.empty());
    CHECK_FALSE(spec.source.empty());
    const ErrorSpec* found = pinsmock::find_error_spec(spec.name);
    REQUIRE(found != nullptr);
    CHECK(found->id == spec.id);
  }
  CHECK(pinsmock::find_error_spec("no_such_error") == nullptr);
  CHECK(pinsmock::find_error_spec("") == nullptr);
}

TEST_CASE("ErrorCatalog: statuses and codes follow API-NOTES", "[unit][error_catalog]") {
  struct Expected {
    ErrorId id;
    int status;
    int code;
    std::string_view message;
  };
  const Expected expected = GENERATE(values<Expected>({
      {ErrorId::AuthenticationFailed, 401, 2, "Authentication failed."},
      {ErrorId::InsufficientScope, 401, 3,
       "Your token does not have sufficient permissions to perform this operation. Please ensure "
       "your token is authorized with the correct set of scopes."},
      {ErrorId::NotPermitted, 403, 29, "You are not permitted to access that resource."},
      {ErrorId::PinNotFound, 404, 50, "Pin not found."},
      {ErrorId::BoardNotFound, 404, 40, "Board not found."},
      {ErrorId::BoardSectionNotFound, 404, 2031, "Sorry! We couldn't find this board section."},
      {ErrorId::RateLimited, 429, 8,
       "This request exceeded a rate limit. This can happen if the client exceeds one of the "
       "published rate limits or if multiple write operations are applied to an object within a "
       "short time window."},
      {ErrorId::AnalyticsDateWindow, 400, 1, "You can only get data from the last 90 days."},
  }));
  const ErrorSpec& spec = pinsmock::error_spec(expected.id);
  INFO("catalog entry " << spec.name);
  CHECK(spec.status == expected.status);
  CHECK(spec.code == expected.code);
  CHECK(spec.message == expected.message);
}

TEST_CASE("ErrorCatalog: request errors are 4xx and server errors 5xx", "[unit][error_catalog]") {
  for (const ErrorSpec& spec : pinsmock::error_catalog()) {
    INFO(spec.name << " -> " << spec.status);
    CHECK(spec.status >= 400);
    CHECK(spec.status <= 599);
    CHECK(spec.code > 0);
  }
  CHECK(pinsmock::error_spec(ErrorId::InvalidParameters).status == 400);
  CHECK(pinsmock::error_spec(ErrorId::InvalidBody).status == 400);
  CHECK(pinsmock::error_spec(ErrorId::MalformedJson).status == 400);
  CHECK(pinsmock::error_spec(ErrorId::RouteNotFound).status == 404);
  CHECK(pinsmock::error_spec(ErrorId::MethodNotAllowed).status == 405);
  CHECK(pinsmock::error_spec(ErrorId::PayloadTooLarge).status == 413);
  CHECK(pinsmock::error_spec(ErrorId::InternalError).status == 500);
  CHECK(pinsmock::error_spec(ErrorId::ServiceUnavailable).status == 503);
  CHECK(pinsmock::error_spec(ErrorId::UpstreamUnreachable).status == 502);
  CHECK(pinsmock::error_spec(ErrorId::UpstreamNotJson).status == 502);
  CHECK(pinsmock::error_spec(ErrorId::UpstreamTimeout).status == 504);
}

TEST_CASE("ErrorCatalog: error_body is exactly {code, message} with the catalog values",
          "[unit][error_catalog]") {
  const auto body = pinsmock::error_body(ApiError{ErrorId::PinNotFound, "", "pin_id"});
  REQUIRE(body.IsObject());
  CHECK(body.MemberCount() == 2);
  REQUIRE(body.HasMember("code"));
  REQUIRE(body["code"].IsInt());
  CHECK(body["code"].GetInt() == 50);
  REQUIRE(body.HasMember("message"));
  REQUIRE(body["message"].IsString());
  CHECK(std::string(body["message"].GetString()) == "Pin not found.");
  CHECK(pinsmock::json::dump(body) == R"({"code":50,"message":"Pin not found."})");
}

TEST_CASE("ErrorCatalog: a detail replaces the catalog message, the code stays",
          "[unit][error_catalog]") {
  const ApiError error{ErrorId::InvalidParameters, "Invalid parameter 'page_size': too big.",
                       "page_size"};
  CHECK(pinsmock::error_message(error) == "Invalid parameter 'page_size': too big.");
  const auto body = pinsmock::error_body(error);
  CHECK(body["code"].GetInt() == 1);
  CHECK(std::string(body["message"].GetString()) == "Invalid parameter 'page_size': too big.");
  CHECK(pinsmock::error_message(ApiError{ErrorId::BoardNotFound, "", ""}) == "Board not found.");
}

TEST_CASE("ErrorCatalog: every error body conforms to components/error.json",
          "[unit][error_catalog]") {
  for (ErrorId id : kAllIds) {
    const auto body = pinsmock::error_body(ApiError{id, "", ""});
    INFO(pinsmock::json::dump(body));
    CHECK(pinsmock::test::contracts().validate("components/error.json", body).empty());
  }
}

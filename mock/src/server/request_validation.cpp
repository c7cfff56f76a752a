#include "server/request_validation.hpp"

#include "contract/query_coercion.hpp"
#include "contract/schema_walk.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cstring>

namespace pinsmock {
namespace {

// Pinterest bodies hold fewer than 100 JSON values. Bounding the count bounds what one request
// costs: the tree (~16 bytes a value, 10 MB of "[1,1,...]" is 5 million values) and valijson's
// error list (one entry with its path per failing item).
constexpr std::size_t kMaxBodyValues = 10000;

// "/page_size" -> "page_size": parameters are named, not pointed at. A missing required
// parameter is reported at the root, with its name only in the message.
std::string parameter_name(const Violation& violation) {
  std::string name = violation.pointer.empty() ? violation.pointer : violation.pointer.substr(1);
  name = name.substr(0, name.find('/'));
  constexpr std::string_view kMissing = "Missing required property '";
  if (name.empty() && violation.message.rfind(kMissing, 0) == 0) {
    const std::size_t end = violation.message.find('\'', kMissing.size());
    name = violation.message.substr(kMissing.size(), end - kMissing.size());
  }
  return name;
}

std::string first_violation(const std::vector<Violation>& violations) {
  const Violation& v = violations.front();
  return (v.pointer.empty() ? std::string("/") : utf8::excerpt(v.pointer)) + ": " + v.message;
}

std::string value_at(const json::Value& document, const std::string& pointer) {
  const json::Value* value = json::resolve_pointer(document, pointer);
  return value ? utf8::excerpt(json::dump(*value)) : "";
}

bool is_path_parameter(const RouteMatch& route, const std::string& name) {
  return std::any_of(route.path_params.begin(), route.path_params.end(),
                     [&](const auto& p) { return p.first == name; });
}

std::string parameter_location(const RouteMatch& route, const std::string& name) {
  return (is_path_parameter(route, name) ? "path " : "query ") + name;
}

std::string raw_parameter(const HttpRequest& request, const RouteMatch& route,
                          const std::string& name) {
  for (const auto& [key, value] : route.path_params)
    if (key == name)
      return value;
  for (const auto& [key, value] : request.query)
    if (key == name)
      return value;
  return "";
}

// Why a text may not enter, or nullptr. Pinterest's text fields have no use for U+0000, and a NUL
// let a title past maxLength in valijson, which counts characters of a C string.
const char* text_problem(std::string_view text) {
  if (!utf8::is_valid(text))
    return "is not valid UTF-8";
  if (std::memchr(text.data(), '\0', text.size()))
    return "contains U+0000";
  return nullptr;
}

// Every name and value of the path and query, before coercion reads (and may echo) them.
std::optional<ApiError> check_parameter_text(const HttpRequest& request, const RouteMatch& route,
                                             const ViolationSink& record) {
  auto refuse = [&](const std::string& name, const std::string& value, const char* problem) {
    record(parameter_location(route, name), std::string("the value ") + problem,
           utf8::excerpt(value), "well-formed UTF-8 without U+0000");
    return ApiError{ErrorId::InvalidParameters,
                    "Invalid parameter '" + name + "': the value " + problem + ".", name};
  };
  for (const auto& [name, value] : route.path_params)
    if (const char* problem = text_problem(value))
      return refuse(name, value, problem);
  for (const auto& [name, value] : request.query) {
    if (const char* problem = text_problem(name)) {
      record("query", std::string("a parameter name ") + problem, utf8::excerpt(name),
             "well-formed UTF-8 without U+0000");
      return ApiError{ErrorId::InvalidParameters,
                      std::string("Invalid parameter: a query parameter name ") + problem + ".", ""};
    }
    if (const char* problem = text_problem(value))
      return refuse(name, value, problem);
  }
  return std::nullopt;
}

} // namespace

Result<json::Document> validate_parameters(const ContractRegistry& contracts,
                                           const OperationSpec& operation,
                                           const HttpRequest& request, const RouteMatch& route,
                                           const ViolationSink& record) {
  if (auto refused = check_parameter_text(request, route, record))
    return *refused;
  const json::Value& params_schema = contracts.schema_document(operation.params_schema);
  Result<json::Document> params =
      coerce_params(params_schema, route.path_params, request.query, &contracts);
  if (!params) {
    const std::string& name = params.error().pointer;
    record(parameter_location(route, name), params.error().detail,
           utf8::excerpt(raw_parameter(request, route, name)),
           expectation(contracts, schema_at(contracts, operation.params_schema, "/" + name)));
    return params.error();
  }
  if (auto violations = contracts.validate(operation.params_schema, *params); !violations.empty()) {
    for (const Violation& v : violations) {
      const std::string name = parameter_name(v);
      record(name.empty() ? "query" : parameter_location(route, name), v.message,
             value_at(*params, v.pointer), v.expected);
    }
    const std::string name = parameter_name(violations.front());
    return ApiError{ErrorId::InvalidParameters,
                    "Invalid parameter '" + name + "': " + violations.front().message, name};
  }
  return params;
}

Result<json::Document> validate_body(const ContractRegistry& contracts,
                                     const OperationSpec& operation, const std::string& body,
                                     const ViolationSink& record) {
  json::Document doc;
  const bool blank = body.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) {
    if (operation.body_required) {
      record("body", "a JSON object is required", "", "a JSON object");
      return ApiError{ErrorId::InvalidBody, "Invalid request body: a JSON object is required.", "/"};
    }
    doc.SetObject();
  } else if (auto err = json::parse_into(doc, body, json::ParseOptions{true, kMaxBodyValues})) {
    const std::string at = " (at offset " + std::to_string(err->offset) + ")";
    if (err->kind == json::ParseError::Kind::Syntax) {
      record("body", "not valid JSON: " + err->message + at, utf8::excerpt(body), "a JSON object");
      return ApiError{ErrorId::MalformedJson,
                      "Request body is not valid JSON: " + err->message + at + ".", "/"};
    }
    // Too deep, too many values, or a string that may not enter: named by where it is, like a
    // schema violation.
    const std::string where = err->pointer.empty() ? "/" : utf8::excerpt(err->pointer);
    record("body " + where, err->message + at, "", "");
    return ApiError{ErrorId::InvalidBody, "Invalid request body: " + where + ": " + err->message,
                    err->pointer.empty() ? "/" : err->pointer};
  }
  contracts.drop_unset_nulls(*operation.body_schema, doc);
  if (auto violations = contracts.validate(*operation.body_schema, doc); !violations.empty()) {
    for (const Violation& v : violations)
      record("body " + (v.pointer.empty() ? std::string("/") : utf8::excerpt(v.pointer)), v.message,
             value_at(doc, v.pointer), v.expected);
    return ApiError{ErrorId::InvalidBody, "Invalid request body: " + first_violation(violations),
                    violations.front().pointer};
  }
  return doc;
}

} // namespace pinsmock

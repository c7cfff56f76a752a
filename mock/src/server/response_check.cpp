#include "server/response_check.hpp"

#include "contract/schema_walk.hpp"

namespace pinsmock {
namespace {

constexpr std::string_view kPinSchema = "components/pin.json";
constexpr std::string_view kPinListSchema = "operations/pins.list.200.json";

std::vector<Violation> check_rendered(const ContractRegistry& contracts, const std::string& schema,
                                      const RenderedBody& body, VerdictCache* verdicts) {
  std::vector<Violation> violations;
  for (const std::string& v : body.violations)
    violations.push_back({"", "a stored Pin broke its contract when written: " + v, ""});
  using Kind = RenderedBody::Kind;
  if (body.kind == Kind::Pin && schema == kPinSchema && !body.spliced_metrics)
    return violations;
  if (body.kind == Kind::PinList && schema == kPinListSchema && !body.spliced_metrics) {
    // The items are checked Pins (the page schema's items are components/pin.json): check the
    // envelope around them.
    json::Document envelope(rapidjson::kObjectType);
    auto& a = envelope.GetAllocator();
    envelope.AddMember("items", json::Value(rapidjson::kArrayType), a);
    envelope.AddMember("bookmark",
                       body.bookmark ? json::string(*body.bookmark, a)
                                     : json::Value(rapidjson::kNullType),
                       a);
    for (Violation& v : contracts.validate(schema, envelope))
      violations.push_back(std::move(v));
    return violations;
  }
  for (Violation& v : verdicts ? verdicts->check(contracts, schema, body.bytes)
                              : validate_bytes(contracts, schema, body.bytes))
    violations.push_back(std::move(v));
  return violations;
}

} // namespace

std::vector<Violation> check_response(const ContractRegistry& contracts,
                                      const OperationSpec& operation,
                                      const ApiResponse& response, VerdictCache* verdicts) {
  const bool has_body = response.has_body();
  const std::optional<std::string> schema = operation.response_schema(response.status);
  if (schema && !has_body)
    return {{"", "a body is required for status " + std::to_string(response.status), ""}};
  if (!schema && has_body)
    return {{"", "no body is allowed for status " + std::to_string(response.status), ""}};
  if (!schema)
    return {};
  if (response.rendered)
    return check_rendered(contracts, *schema, *response.rendered, verdicts);
  return contracts.validate(*schema, response.body);
}

std::string take_body(ApiResponse& response) {
  if (response.rendered)
    return std::move(response.rendered->bytes);
  return response.body.IsNull() ? std::string() : json::dump(response.body);
}

PinCheck pin_check(const ContractRegistry& contracts, ValidationMode mode) {
  if (mode == ValidationMode::Off)
    return {};
  return PinCheck(
      [&contracts](const json::Value& pin) -> std::string {
        const std::vector<Violation> violations = contracts.validate(kPinSchema, pin);
        if (violations.empty())
          return {};
        const Violation& v = violations.front();
        return (v.pointer.empty() ? std::string("/") : v.pointer) + ": " + v.message;
      },
      checks_members_alone(contracts, kPinSchema));
}

} // namespace pinsmock

#include "server/proxy_stage.hpp"

#include "core/error_catalog.hpp"
#include "server/pipeline.hpp"

namespace pinsmock {
namespace {

constexpr std::size_t kHeaderLimit = 1024;
constexpr std::size_t kValueLimit = 200;

std::string capped(std::string text) {
  if (text.size() > kValueLimit)
    text = text.substr(0, kValueLimit) + "...";
  return text;
}

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// One line for the header: how many violations in each direction, then the first of each.
std::string summary(const std::vector<RecordedViolation>& violations) {
  std::size_t requests = 0, responses = 0;
  std::string first_request, first_response;
  for (const RecordedViolation& v : violations) {
    std::string& first = v.direction == "response" ? first_response : first_request;
    ++(v.direction == "response" ? responses : requests);
    if (first.empty())
      first = v.location + ": " + v.rule;
  }
  std::string text;
  if (requests)
    text += "request (" + std::to_string(requests) + "): " + first_request;
  if (responses)
    text += std::string(text.empty() ? "" : "; ") + "response (" + std::to_string(responses) +
            "): " + first_response;
  return text.substr(0, kHeaderLimit);
}

} // namespace

ProxyStage::ProxyStage(const ProxyOptions& options, std::string mock_base_path,
                       std::shared_ptr<const ContractRegistry> contracts,
                       std::unique_ptr<Recorder> recorder)
    : options_(options), mock_base_path_(mock_base_path), contracts_(std::move(contracts)),
      upstream_(options, std::move(mock_base_path)), recorder_(std::move(recorder)) {}

void ProxyStage::record(const HttpRequest& request, const OperationSpec* operation, int status,
                        const json::Value* body, Exchange& exchange) const {
  if (!recorder_ || !upstream_.covers(request.path))
    return;
  PassedExchange passed;
  passed.operation_id = operation ? operation->id : "";
  passed.path = request.path.substr(mock_base_path_.size());
  passed.query = &request.query;
  const std::string authorization = request.header("Authorization").value_or("");
  const std::size_t space = authorization.find(' ');
  passed.token = space == std::string::npos ? "" : authorization.substr(space + 1);
  passed.status = status;
  passed.body = body;
  if (auto failed = recorder_->record(passed)) // the answer stands; the journal says why
    exchange.warnings.push_back({0, passed.operation_id, "recording", *failed, ""});
}

HttpResponse ProxyStage::answer(const HttpRequest& request, const OperationSpec* operation,
                                Exchange& exchange) const {
  auto violation = [&](std::string location, std::string rule, std::string value) {
    RecordedViolation v{0, operation ? operation->id : "", std::move(location), std::move(rule),
                        std::move(value)};
    v.direction = "response";
    exchange.violations.push_back(std::move(v));
  };
  auto fail = [&](const ApiError& error) {
    exchange.error_name = std::string(error_spec(error.id).name);
    violation("upstream", error_message(error), "");
    HttpResponse out = error_http_response(error);
    if (!options_.transparent)
      out.headers.emplace_back("X-Pinsmock-Violations", summary(exchange.violations));
    return out;
  };

  if (!operation && !upstream_.covers(request.path)) {
    exchange.error_name = std::string(error_spec(ErrorId::RouteNotFound).name);
    return error_http_response({ErrorId::RouteNotFound, "No route for " + request.method + " " +
                                                            request.path + " (not under the API).",
                                ""});
  }
  Result<UpstreamAnswer> got = upstream_.forward(request);
  if (!got)
    return fail(got.error());
  UpstreamAnswer& answer = *got;

  json::Document body;
  const bool has_body = !blank(answer.body);
  if (has_body) {
    if (auto err = json::parse_into(body, answer.body))
      return fail({ErrorId::UpstreamNotJson,
                   "The upstream API answered " + std::to_string(answer.status) + " with " +
                       (answer.content_type.empty() ? "no Content-Type"
                                                    : "Content-Type " + answer.content_type) +
                       " and a body that is not JSON (" + err->message + " at offset " +
                       std::to_string(err->offset) + ").",
                   ""});
  }
  const std::optional<std::string> schema =
      operation ? operation->response_schema(answer.status) : std::nullopt;
  if (!operation) {
    // Outside the contracts (boards, user_account, ...): relayed, nothing to check against.
  } else if (schema && has_body) {
    for (const Violation& v : contracts_->validate(*schema, body)) {
      const json::Value* value = json::resolve_pointer(body, v.pointer);
      violation("response body " + (v.pointer.empty() ? std::string("/") : v.pointer), v.message,
                value ? capped(json::dump(*value)) : "");
    }
  } else if (schema) {
    violation("response body", "a body is required for status " + std::to_string(answer.status),
              "");
  } else if (has_body) {
    violation("response status",
              "the contract has no status " + std::to_string(answer.status) +
                  " with a body for this operation",
              std::to_string(answer.status));
  }

  record(request, operation, answer.status, has_body ? &body : nullptr, exchange);

  HttpResponse out;
  out.status = answer.status;
  out.body = std::move(answer.body);
  out.content_type = answer.content_type.empty() ? "application/json" : answer.content_type;
  out.headers = std::move(answer.headers);
  if (!options_.transparent && !exchange.violations.empty())
    out.headers.emplace_back("X-Pinsmock-Violations", summary(exchange.violations));
  return out;
}

} // namespace pinsmock

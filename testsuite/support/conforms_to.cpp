#include "support/conforms_to.hpp"

#include "pinsmock/file_source.hpp"

namespace pinsmock::test {

namespace {
bool strict_contracts = false;
}

void use_strict_contracts(bool strict) { strict_contracts = strict; }

const ContractRegistry& contracts() {
  static const std::shared_ptr<const ContractRegistry> registry =
      ContractRegistry::load(FileSource::embedded("contracts/"), strict_contracts);
  return *registry;
}

std::vector<Violation> response_violations(const std::string& operation_id,
                                           const ApiResult& result) {
  const json::Value* operations = json::find(contracts().manifest(), "operations");
  const json::Value* responses = nullptr;
  for (const auto& op : operations->GetArray())
    if (json::get_string(op, "id").value_or("") == operation_id)
      responses = json::find(op, "responses");
  if (!responses)
    return {{"", "no operation '" + operation_id + "' in contracts/manifest.json", ""}};
  const json::Value* schema = json::find(*responses, std::to_string(result.status));
  if (!schema)
    schema = json::find(*responses, "default");
  if (!schema)
    return {{"", "status " + std::to_string(result.status) + " is not declared", ""}};
  if (schema->IsNull())
    return result.body.empty() ? std::vector<Violation>{}
                               : std::vector<Violation>{{"", "a body was sent for a status that has none", ""}};
  if (result.content_type.rfind("application/json", 0) != 0)
    return {{"", "Content-Type is '" + result.content_type + "', not application/json", ""}};
  if (result.json.IsNull())
    return {{"", "the body is not JSON", ""}};
  return contracts().validate(schema->GetString(), result.json);
}

bool ConformsTo::match(const ApiResult& result) const {
  violations_ = response_violations(operation_id_, result);
  return violations_.empty();
}

std::string ConformsTo::describe() const {
  std::string out = "conforms to the contract of " + operation_id_;
  for (const Violation& v : violations_)
    out += "\n    " + (v.pointer.empty() ? std::string("/") : v.pointer) + ": " + v.message;
  return out;
}

} // namespace pinsmock::test

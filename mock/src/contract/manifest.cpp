#include "contract/manifest.hpp"

#include "pinsmock/startup_error.hpp"

#include <algorithm>

namespace pinsmock {
namespace {

[[noreturn]] void fail(const std::string& pointer, const std::string& what) {
  throw StartupError("contracts/manifest.json: " + pointer + ": " + what);
}

std::string required_string(const json::Value& object, const char* key, const std::string& at) {
  auto value = json::get_string(object, key);
  if (!value)
    fail(at + "/" + key, "expected a string");
  return std::string(*value);
}

std::vector<std::string> string_list(const json::Value& object, const char* key,
                                     const std::string& at) {
  std::vector<std::string> out;
  const json::Value* list = json::find(object, key);
  if (!list)
    return out;
  if (!list->IsArray())
    fail(at + "/" + key, "expected an array of strings");
  for (const auto& item : list->GetArray()) {
    if (!item.IsString())
      fail(at + "/" + key, "expected an array of strings");
    out.emplace_back(item.GetString());
  }
  return out;
}

} // namespace

std::optional<std::string> OperationSpec::response_schema(int status) const {
  auto it = responses.find(std::to_string(status));
  if (it == responses.end())
    it = responses.find("default");
  if (it == responses.end() || it->second.empty())
    return std::nullopt;
  return it->second;
}

std::vector<int> OperationSpec::declared_statuses() const {
  std::vector<int> out;
  for (const auto& [status, schema] : responses)
    if (status.size() == 3 && status.find_first_not_of("0123456789") == std::string::npos)
      out.push_back(std::stoi(status));
  std::sort(out.begin(), out.end());
  return out;
}

const OperationSpec* Manifest::find(std::string_view id) const {
  for (const OperationSpec& op : operations)
    if (op.id == id)
      return &op;
  return nullptr;
}

std::vector<std::string> Manifest::operation_ids() const {
  std::vector<std::string> ids;
  for (const OperationSpec& op : operations)
    ids.push_back(op.id);
  return ids;
}

Manifest parse_manifest(const json::Value& document) {
  Manifest manifest;
  manifest.base_path = required_string(document, "base_path", "");
  if (const json::Value* spec = json::find(document, "spec"))
    manifest.spec_version = std::string(json::get_string(*spec, "version").value_or(""));
  const json::Value* operations = json::find(document, "operations");
  if (!operations || !operations->IsArray())
    fail("/operations", "expected an array");
  rapidjson::SizeType index = 0;
  for (const auto& entry : operations->GetArray()) {
    const std::string at = "/operations/" + std::to_string(index++);
    OperationSpec op;
    op.id = required_string(entry, "id", at);
    op.method = required_string(entry, "method", at);
    op.path = required_string(entry, "path", at);
    op.scopes = string_list(entry, "scopes", at);
    op.params_schema = required_string(entry, "params", at);
    if (auto body = json::get_string(entry, "body"))
      op.body_schema = std::string(*body);
    op.body_required = json::get_bool(entry, "body_required").value_or(false);
    op.success_status = static_cast<int>(json::get_int(entry, "success").value_or(200));
    op.rate_limit_category = std::string(json::get_string(entry, "rate_limit_category").value_or(""));
    if (const json::Value* responses = json::find(entry, "responses"); responses && responses->IsObject())
      for (const auto& r : responses->GetObject())
        op.responses[r.name.GetString()] = r.value.IsString() ? r.value.GetString() : "";
    if (const json::Value* roles = json::find(entry, "business_access")) {
      op.business_access.public_roles = string_list(*roles, "public", at + "/business_access");
      op.business_access.secret_roles = string_list(*roles, "secret", at + "/business_access");
    }
    manifest.operations.push_back(std::move(op));
  }
  return manifest;
}

} // namespace pinsmock

#pragma once
// The operations of contracts/manifest.json as typed records: the only list of routes.

#include "core/api_types.hpp"
#include "pinsmock/json.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pinsmock {

struct OperationSpec {
  std::string id;     // operationId, e.g. "pins/get"
  std::string method; // "GET"
  std::string path;   // template below the base path, e.g. "/pins/{pin_id}"
  std::vector<std::string> scopes;
  std::string params_schema;
  std::optional<std::string> body_schema;
  bool body_required = false;
  int success_status = 200;
  std::string rate_limit_category; // "org_read", "org_write", "org_analytics" (shared quota)
  std::map<std::string, std::string> responses; // status ("200", "default") -> schema path
  AccessRoles business_access;

  /// The schema a response with this status must match; nullopt for "no body" (204).
  std::optional<std::string> response_schema(int status) const;
  /// The statuses the contract names (not "default"), ascending: what coverage can aim at.
  std::vector<int> declared_statuses() const;
};

struct Manifest {
  std::string base_path; // "/v5"
  std::string spec_version;
  std::vector<OperationSpec> operations;

  /// The operation with this id, or nullptr.
  const OperationSpec* find(std::string_view id) const;
  /// Every operation id, in manifest order.
  std::vector<std::string> operation_ids() const;
};

/// Reads the manifest document; throws StartupError with a JSON pointer on a malformed entry.
Manifest parse_manifest(const json::Value& document);

} // namespace pinsmock

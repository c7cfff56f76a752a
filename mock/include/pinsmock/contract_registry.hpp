#pragma once
// The contracts (JSON Schemas under contracts/schemas) compiled once and shared read-only.

#include "pinsmock/file_source.hpp"
#include "pinsmock/json.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pinsmock {

/// One broken rule: where (a JSON pointer into the checked document) and what.
struct Violation {
  std::string pointer;
  std::string message;
  std::string expected{}; // the schema's expectation there ("integer, from 1 to 250"), or ""
};

/// Validates documents against the contract schemas. Loading parses every schema named by the
/// manifest once; validate() is thread-safe (one valijson::Validator per thread).
class ContractRegistry {
public:
  /// Loads `manifest.json` and every schema it names from `source`. With `strict_formats` off,
  /// the format relaxations in overrides/live.json apply (live `created_at` has no offset).
  /// Throws StartupError naming the file on any problem.
  static std::shared_ptr<const ContractRegistry> load(const FileSource& source,
                                                      bool strict_formats);

  ~ContractRegistry();
  ContractRegistry(const ContractRegistry&) = delete;
  ContractRegistry& operator=(const ContractRegistry&) = delete;

  /// The manifest document (operations, scopes, schema paths by status).
  const json::Document& manifest() const;

  /// True when `schema_path` (relative to contracts/schemas, e.g. "components/pin.json") is loaded.
  bool has_schema(std::string_view schema_path) const;

  /// The schema's JSON text as loaded (callers read property types from it, e.g. query coercion).
  const json::Value& schema_document(std::string_view schema_path) const;

  /// Every violation of `schema_path` by `document`, most specific first; empty when it conforms.
  std::vector<Violation> validate(std::string_view schema_path, const json::Value& document) const;

  /// Removes top-level members that are explicitly null where the schema does not allow null:
  /// clients send `"title": null` to mean "unset" and Pinterest accepts it.
  void drop_unset_nulls(std::string_view schema_path, json::Value& object) const;

  /// Every schema path loaded (for tests and spec-diff).
  std::vector<std::string> schema_paths() const;

  /// True when these are the contracts built into the binary (not a --contracts directory).
  bool built_in() const;

private:
  struct Impl;
  explicit ContractRegistry(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace pinsmock

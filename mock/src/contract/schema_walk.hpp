#pragma once
// Reading the contract schemas as data: follow a $ref, find the schema that governs a JSON
// pointer of a checked document, and say in words what it expects. Used for diagnostics
// (violation expectations, enum lists, unknown-field suggestions) and query coercion.

#include "pinsmock/contract_registry.hpp"
#include "pinsmock/json.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pinsmock {

/// A schema node and the contract document it lives in (for "#/definitions/..." refs).
struct SchemaNode {
  const json::Value *node = nullptr;
  const json::Value *document = nullptr; // nullptr: local refs cannot be followed
};

/// Follows "$ref"s ("components/x.json", "components/x.json#/a", "#/definitions/y") until a node
/// without one. A ref that cannot be followed leaves the node as it is.
SchemaNode resolve_ref(const ContractRegistry &contracts, SchemaNode schema);

/// The schema that governs `pointer` ("/media_source/url") of a document checked against
/// `schema_path`, through properties, items and combinators; node == nullptr when none does.
SchemaNode schema_at(const ContractRegistry &contracts, std::string_view schema_path,
                     std::string_view pointer);

/// The schema of member (or item) `token` of a value checked against `schema`, looked up through
/// properties, items, combinators, if/then/else and additionalProperties; node == nullptr when
/// none declares it. With the `value`, an "if" picks its branch (source_type's "const").
SchemaNode child_schema(const ContractRegistry &contracts, SchemaNode schema,
                        const std::string &token, const json::Value *value = nullptr);

/// The property names a schema node declares, including those of its allOf/anyOf/oneOf options
/// and of the if/then/else branch that `value` (when given) takes.
std::vector<std::string> declared_properties(const ContractRegistry &contracts, SchemaNode schema,
                                             const json::Value *value = nullptr);

/// The node's enum values as text (all of them, in contract order); empty when it has none.
std::vector<std::string> enum_values(const SchemaNode &schema);

/// What the node expects, in words: "string or null, at most 100 characters",
/// "integer, from 1 to 250", "one of REGULAR, VIDEO, …", "string matching ^\d+$".
std::string expectation(const ContractRegistry &contracts, SchemaNode schema);

/// True when a check against `schema_path` may depend on a number's value, not only on its type:
/// minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf or uniqueItems anywhere in the
/// schema or in a document it references, a number inside enum or const, or a reference that
/// cannot be followed. Conservative: whole documents are read, keyword names wherever they appear.
bool reads_number_values(const ContractRegistry &contracts, std::string_view schema_path);

/// True when `schema_path` constrains an object member by member only: its top level holds
/// "type": "object", "properties", at most "required": ["id"], and annotations ($schema, $id,
/// $comment, title, description, definitions, examples). An object then conforms exactly when
/// `id` is present and each member conforms to its property's schema.
bool checks_members_alone(const ContractRegistry &contracts, std::string_view schema_path);

} // namespace pinsmock

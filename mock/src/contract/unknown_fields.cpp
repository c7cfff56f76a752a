#include "contract/unknown_fields.hpp"

#include "contract/schema_walk.hpp"

#include <algorithm>
#include <cctype>

namespace pinsmock {
namespace {

constexpr std::size_t kValueLimit = 200;

std::string capped_json(const json::Value &value) {
  std::string text = json::dump(value);
  return text.size() > kValueLimit ? text.substr(0, kValueLimit) + "..." : text;
}

// Optimal string alignment distance, case ignored: a swap of two neighbours ("titel", "ulr")
// costs one edit, as a typo does.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

void walk(const ContractRegistry &contracts, SchemaNode schema, const json::Value &value,
          const std::string &pointer, std::vector<UnknownField> &out, int depth) {
  schema = resolve_ref(contracts, schema);
  if (!schema.node || depth > 16)
    return;
  if (value.IsArray()) {
    const json::Value *items = json::find(*schema.node, "items");
    if (!items)
      return;
    for (rapidjson::SizeType i = 0; i < value.Size(); ++i)
      walk(contracts, {items, schema.document}, value[i], pointer + "/" + std::to_string(i), out,
           depth + 1);
    return;
  }
  if (!value.IsObject())
    return;
  const std::vector<std::string> declared = declared_properties(contracts, schema, &value);
  if (declared.empty())
    return; // a free-form object (or one the contract does not describe)
  for (const auto &member : value.GetObject()) {
    const std::string name(member.name.GetString(), member.name.GetStringLength());
    const std::string here = pointer + "/" + json::pointer_token(name);
    if (std::find(declared.begin(), declared.end(), name) == declared.end()) {
      std::string names;
      for (const std::string &d : declared)
        names += (names.empty() ? "" : ", ") + d;
      const std::string nearest = nearest_name(name, declared);
      out.push_back({here, capped_json(member.value),
                     "unknown field '" + name + "'" +
                         (nearest.empty() ? "" : " (did you mean '" + nearest + "'?)"),
                     "one of the declared fields: " + names});
      continue;
    }
    walk(contracts, child_schema(contracts, schema, name, &value), member.value, here, out,
         depth + 1);
  }
}

} // namespace

std::string nearest_name(std::string_view name, const std::vector<std::string> &declared) {
  const std::size_t limit = name.size() <= 4 ? 1 : 2;
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const std::string &candidate : declared)
    if (const std::size_t d = edit_distance(name, candidate); d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  return best;
}

std::vector<UnknownField> unknown_fields(const ContractRegistry &contracts,
                                         std::string_view schema_path, const json::Value &body) {
  std::vector<UnknownField> out;
  if (!contracts.has_schema(schema_path))
    return out;
  const json::Value &root = contracts.schema_document(schema_path);
  walk(contracts, {&root, &root}, body, "", out, 0);
  return out;
}

std::vector<RecordedWarning> body_warnings(const ContractRegistry &contracts,
                                           const std::string &operation_id,
                                           std::string_view schema_path, const json::Value &body) {
  std::vector<RecordedWarning> out;
  for (UnknownField &f : unknown_fields(contracts, schema_path, body))
    out.push_back({0, operation_id, "body " + f.pointer, std::move(f.message), std::move(f.value),
                   std::move(f.expected)});
  return out;
}

} // namespace pinsmock

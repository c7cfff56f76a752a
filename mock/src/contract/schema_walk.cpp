#include "contract/schema_walk.hpp"

#include <algorithm>
#include <cctype>

namespace pinsmock {
namespace {

constexpr const char *kCombinators[] = {"allOf", "anyOf", "oneOf"};

// "/a/b~1c" -> {"a", "b/c"}.
std::vector<std::string> pointer_tokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  std::size_t at = 0;
  while (at < pointer.size() && pointer[at] == '/') {
    const std::size_t end = std::min(pointer.find('/', at + 1), pointer.size());
    std::string token(pointer.substr(at + 1, end - at - 1));
    for (std::size_t i; (i = token.find("~1")) != std::string::npos;)
      token.replace(i, 2, "/");
    for (std::size_t i; (i = token.find("~0")) != std::string::npos;)
      token.replace(i, 2, "~");
    tokens.push_back(std::move(token));
    at = end;
  }
  return tokens;
}

// Whether a value meets an "if" of the kind the contracts use (required members with "const"
// values, e.g. source_type); any other kind of "if" counts as met (more names, never fewer).
bool if_holds(const json::Value &condition, const json::Value *value) {
  if (!value || !value->IsObject())
    return true;
  if (const json::Value *required = json::find(condition, "required");
      required && required->IsArray())
    for (const auto &name : required->GetArray())
      if (name.IsString() && !json::find(*value, name.GetString()))
        return false;
  if (const json::Value *properties = json::find(condition, "properties");
      properties && properties->IsObject())
    for (const auto &p : properties->GetObject()) {
      const json::Value *expected = json::find(p.value, "const");
      const json::Value *actual = json::find(*value, p.name.GetString());
      if (expected && actual && !(*expected == *actual))
        return false;
    }
  return true;
}

// The sub-schemas that also apply to a value: combinator options and the branch an if picks.
std::vector<SchemaNode> branches(SchemaNode at, const json::Value *value) {
  std::vector<SchemaNode> out;
  for (const char *combinator : kCombinators)
    if (const json::Value *options = json::find(*at.node, combinator);
        options && options->IsArray())
      for (const auto &option : options->GetArray())
        out.push_back({&option, at.document});
  if (const json::Value *condition = json::find(*at.node, "if")) {
    const char *branch = if_holds(*condition, value) ? "then" : "else";
    if (const json::Value *chosen = json::find(*at.node, branch))
      out.push_back({chosen, at.document});
  }
  return out;
}

bool is_index(const std::string &token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

SchemaNode step(const ContractRegistry &contracts, SchemaNode at, const std::string &token,
                const json::Value *value, int depth) {
  at = resolve_ref(contracts, at);
  if (!at.node || !at.node->IsObject() || depth > 16)
    return {};
  if (const json::Value *properties = json::find(*at.node, "properties");
      properties && properties->IsObject())
    if (const json::Value *property = json::find(*properties, token))
      return {property, at.document};
  if (const json::Value *items = json::find(*at.node, "items"); items && is_index(token))
    return {items, at.document};
  for (const SchemaNode &branch : branches(at, value))
    if (SchemaNode found = step(contracts, branch, token, value, depth + 1); found.node)
      return found;
  if (const json::Value *extra = json::find(*at.node, "additionalProperties");
      extra && extra->IsObject())
    return {extra, at.document};
  return {};
}

std::string number_text(const json::Value &v) {
  if (v.IsInt64())
    return std::to_string(v.GetInt64());
  if (v.IsUint64())
    return std::to_string(v.GetUint64());
  return json::dump(v);
}

} // namespace

SchemaNode resolve_ref(const ContractRegistry &contracts, SchemaNode schema) {
  for (int hops = 0; schema.node && schema.node->IsObject() && hops < 16; ++hops) {
    const auto ref = json::get_string(*schema.node, "$ref");
    if (!ref)
      break;
    const std::size_t hash = ref->find('#');
    const std::string_view file = ref->substr(0, hash);
    const std::string_view fragment = hash == std::string_view::npos ? "" : ref->substr(hash + 1);
    const json::Value *document = schema.document;
    if (!file.empty()) {
      if (!contracts.has_schema(file))
        break;
      document = &contracts.schema_document(file);
    }
    if (!document)
      break;
    const json::Value *target =
        fragment.empty() ? document : json::resolve_pointer(*document, fragment);
    if (!target)
      break;
    schema = {target, document};
  }
  return schema;
}

SchemaNode child_schema(const ContractRegistry &contracts, SchemaNode schema,
                        const std::string &token, const json::Value *value) {
  return step(contracts, schema, token, value, 0);
}

SchemaNode schema_at(const ContractRegistry &contracts, std::string_view schema_path,
                     std::string_view pointer) {
  if (!contracts.has_schema(schema_path))
    return {};
  const json::Value &root = contracts.schema_document(schema_path);
  SchemaNode at{&root, &root};
  for (const std::string &token : pointer_tokens(pointer)) {
    at = step(contracts, at, token, nullptr, 0);
    if (!at.node)
      return {};
  }
  return resolve_ref(contracts, at);
}

std::vector<std::string> declared_properties(const ContractRegistry &contracts, SchemaNode schema,
                                             const json::Value *value) {
  std::vector<std::string> names;
  schema = resolve_ref(contracts, schema);
  if (!schema.node || !schema.node->IsObject())
    return names;
  if (const json::Value *properties = json::find(*schema.node, "properties");
      properties && properties->IsObject())
    for (const auto &p : properties->GetObject())
      names.emplace_back(p.name.GetString());
  for (const SchemaNode &branch : branches(schema, value))
    for (std::string &name : declared_properties(contracts, branch, value))
      if (std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(std::move(name));
  return names;
}

std::vector<std::string> enum_values(const SchemaNode &schema) {
  std::vector<std::string> values;
  const json::Value *list =
      schema.node && schema.node->IsObject() ? json::find(*schema.node, "enum") : nullptr;
  if (!list || !list->IsArray())
    return values;
  for (const auto &v : list->GetArray())
    values.push_back(v.IsString() ? std::string(v.GetString(), v.GetStringLength())
                                  : json::dump(v));
  return values;
}

std::string expectation(const ContractRegistry &contracts, SchemaNode schema) {
  schema = resolve_ref(contracts, schema);
  if (!schema.node || !schema.node->IsObject())
    return "";
  const json::Value &s = *schema.node;
  std::vector<std::string> parts;
  if (const std::vector<std::string> values = enum_values(schema); !values.empty()) {
    std::string list;
    for (const std::string &v : values)
      list += (list.empty() ? "" : ", ") + v;
    parts.push_back("one of " + list);
  }
  if (const json::Value *type = json::find(s, "type")) {
    std::string types;
    if (type->IsString())
      types = type->GetString();
    else if (type->IsArray())
      for (const auto &t : type->GetArray())
        if (t.IsString())
          types += (types.empty() ? "" : " or ") + std::string(t.GetString());
    if (!types.empty())
      parts.push_back(types);
  }
  const json::Value *minimum = json::find(s, "minimum");
  const json::Value *maximum = json::find(s, "maximum");
  if (minimum && maximum)
    parts.push_back("from " + number_text(*minimum) + " to " + number_text(*maximum));
  else if (minimum)
    parts.push_back("at least " + number_text(*minimum));
  else if (maximum)
    parts.push_back("at most " + number_text(*maximum));
  for (const auto &[key, words] :
       {std::pair{"minLength", "at least % characters"},
        std::pair{"maxLength", "at most % characters"}, std::pair{"minItems", "at least % items"},
        std::pair{"maxItems", "at most % items"}})
    if (const json::Value *bound = json::find(s, key); bound && bound->IsNumber()) {
      std::string text = words;
      text.replace(text.find('%'), 1, number_text(*bound));
      if (number_text(*bound) == "1")
        text.pop_back(); // "at least 1 item"
      parts.push_back(text);
    }
  if (auto pattern = json::get_string(s, "pattern"))
    parts.push_back("matching " + std::string(*pattern));
  if (auto format = json::get_string(s, "format"))
    parts.push_back("format " + std::string(*format));
  if (const json::Value *required = json::find(s, "required");
      required && required->IsArray() && !required->Empty()) {
    std::string names;
    for (const auto &r : required->GetArray())
      if (r.IsString())
        names += (names.empty() ? "" : ", ") + std::string(r.GetString());
    parts.push_back("with required " + names);
  }
  std::string out;
  for (const std::string &p : parts)
    out += (out.empty() ? "" : ", ") + p;
  return out;
}

namespace {

bool holds_number(const json::Value &v) {
  if (v.IsNumber())
    return true;
  if (v.IsArray())
    return std::any_of(v.Begin(), v.End(),
                       [](const json::Value &item) { return holds_number(item); });
  if (v.IsObject())
    for (const auto &member : v.GetObject())
      if (holds_number(member.value))
        return true;
  return false;
}

// Walks one document; files it references go to `pending`. True at the first reader of numbers.
bool walk_for_numbers(const ContractRegistry &contracts, const json::Value &node,
                      std::vector<std::string> &pending) {
  if (node.IsArray())
    return std::any_of(node.Begin(), node.End(), [&](const json::Value &item) {
      return walk_for_numbers(contracts, item, pending);
    });
  if (!node.IsObject())
    return false;
  for (const auto &member : node.GetObject()) {
    const std::string_view key(member.name.GetString(), member.name.GetStringLength());
    if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" ||
        key == "exclusiveMaximum" || key == "multipleOf" || key == "uniqueItems")
      return true;
    if ((key == "enum" || key == "const") && holds_number(member.value))
      return true;
    if (key == "$ref" && member.value.IsString()) {
      const std::string_view ref(member.value.GetString(), member.value.GetStringLength());
      const std::string file(ref.substr(0, ref.find('#')));
      if (!file.empty()) {
        if (!contracts.has_schema(file))
          return true;
        pending.push_back(file);
      }
    }
    if (walk_for_numbers(contracts, member.value, pending))
      return true;
  }
  return false;
}

} // namespace

bool reads_number_values(const ContractRegistry &contracts, std::string_view schema_path) {
  if (!contracts.has_schema(schema_path))
    return true;
  std::vector<std::string> pending{std::string(schema_path)};
  std::vector<std::string> seen;
  while (!pending.empty()) {
    std::string file = std::move(pending.back());
    pending.pop_back();
    if (std::find(seen.begin(), seen.end(), file) != seen.end())
      continue;
    if (walk_for_numbers(contracts, contracts.schema_document(file), pending))
      return true;
    seen.push_back(std::move(file));
  }
  return false;
}

bool checks_members_alone(const ContractRegistry &contracts, std::string_view schema_path) {
  if (!contracts.has_schema(schema_path))
    return false;
  const json::Value &root = contracts.schema_document(schema_path);
  if (!root.IsObject() ||
      json::get_string(root, "type") != std::optional<std::string_view>("object"))
    return false;
  for (const auto &member : root.GetObject()) {
    const std::string_view key(member.name.GetString(), member.name.GetStringLength());
    if (key == "required") {
      const json::Value &required = member.value;
      if (!required.IsArray() || required.Size() > 1 ||
          (required.Size() == 1 &&
           !(required[0].IsString() && std::string_view(required[0].GetString()) == "id")))
        return false;
      continue;
    }
    if (key != "type" && key != "properties" && key != "$schema" && key != "$id" &&
        key != "$comment" && key != "title" && key != "description" && key != "definitions" &&
        key != "examples")
      return false;
  }
  return true;
}

} // namespace pinsmock

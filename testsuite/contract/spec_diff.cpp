#include "spec_diff.hpp"

#include "pinsmock/file_source.hpp"
#include "pinsmock/startup_error.hpp"

#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

namespace pinsmock::test {
namespace {

// A node and the document its local "#/..." references resolve against.
struct Located {
  const json::Value* node = nullptr;
  const json::Value* doc = nullptr;
};
using Resolver = std::function<Located(const std::string& ref, const json::Value* doc)>;

constexpr const char* kFactKeywords[] = {"maxLength", "minLength", "maximum", "minimum",
                                         "maxItems",  "minItems",  "pattern", "format",
                                         "default"};
constexpr int kMaxDepth = 40;

// Flattens a schema (either dialect) into facts keyed by a path of property names, "[]" for
// array items, "/*" for additionalProperties and "<value>" for a discriminated branch.
class Flattener {
public:
  Flattener(Facts& facts, Resolver resolve) : facts_(facts), resolve_(std::move(resolve)) {}

  void walk(const std::string& prefix, const json::Value& node, const json::Value* doc,
            const std::string& path, int depth = 0) {
    if (depth > kMaxDepth || !node.IsObject())
      return;
    if (auto ref = json::get_string(node, "$ref")) {
      Located target = resolve_(std::string(*ref), doc);
      if (!target.node)
        add(prefix, path, "unresolved $ref", std::string(*ref));
      else
        walk(prefix, *target.node, target.doc, path, depth + 1);
      return;
    }
    if (json::get_bool(node, "nullable").value_or(false))
      add(prefix, path, "nullable", "true");
    if (const json::Value* type = json::find(node, "type")) {
      if (type->IsString())
        add_type(prefix, path, type->GetString());
      else if (type->IsArray())
        for (const auto& t : type->GetArray())
          add_type(prefix, path, t.GetString());
    }
    if (const json::Value* values = json::find(node, "enum"); values && values->IsArray())
      for (const auto& v : values->GetArray())
        v.IsNull() ? add(prefix, path, "nullable", "true") : add(prefix, path, "enum", json::dump(v));
    for (const char* keyword : kFactKeywords)
      if (const json::Value* v = json::find(node, keyword))
        add(prefix, path, keyword, json::dump(*v));
    if (const json::Value* required = json::find(node, "required"); required && required->IsArray())
      for (const auto& r : required->GetArray())
        add(prefix, path, "required", r.GetString());
    if (const json::Value* properties = json::find(node, "properties"); properties && properties->IsObject())
      for (const auto& p : properties->GetObject())
        walk(prefix, p.value, doc, path + "/" + p.name.GetString(), depth + 1);
    if (const json::Value* items = json::find(node, "items"))
      walk(prefix, *items, doc, path + "[]", depth + 1);
    if (const json::Value* extra = json::find(node, "additionalProperties"); extra && extra->IsObject())
      walk(prefix, *extra, doc, path + "/*", depth + 1);
    if (const json::Value* all = json::find(node, "allOf"); all && all->IsArray())
      for (const auto& branch : all->GetArray())
        walk_branch(prefix, branch, doc, path, depth);
    const json::Value* discriminator = json::find(node, "discriminator");
    for (const char* combinator : {"anyOf", "oneOf"}) {
      const json::Value* branches = json::find(node, combinator);
      if (!branches || !branches->IsArray())
        continue;
      if (discriminator) {
        walk_discriminated(prefix, *discriminator, doc, path, depth);
        continue;
      }
      for (const auto& branch : branches->GetArray())
        walk(prefix, branch, doc, path, depth + 1);
    }
  }

private:
  void add(const std::string& prefix, const std::string& path, const std::string& name,
           const std::string& value) {
    facts_[prefix + " " + (path.empty() ? "/" : path) + ": " + name].insert(value);
  }

  void add_type(const std::string& prefix, const std::string& path, const std::string& type) {
    if (type == "null")
      add(prefix, path, "nullable", "true");
    else
      add(prefix, path, "type", type);
  }

  // Contracts express a discriminator as allOf [{if: {properties: {p: {const: v}}}, then: X}].
  void walk_branch(const std::string& prefix, const json::Value& branch, const json::Value* doc,
                   const std::string& path, int depth) {
    const json::Value* condition = json::find(branch, "if");
    const json::Value* then = json::find(branch, "then");
    if (!condition || !then) {
      walk(prefix, branch, doc, path, depth + 1);
      return;
    }
    std::string label = "?";
    if (const json::Value* props = json::find(*condition, "properties"); props && props->IsObject())
      for (const auto& p : props->GetObject())
        if (auto value = json::get_string(p.value, "const"))
          label = std::string(*value);
    walk(prefix, *then, doc, path + "<" + label + ">", depth + 1);
  }

  // OpenAPI's discriminator: the property's enum of mapping keys, then each mapped branch.
  void walk_discriminated(const std::string& prefix, const json::Value& discriminator,
                          const json::Value* doc, const std::string& path, int depth) {
    const std::string property(json::get_string(discriminator, "propertyName").value_or(""));
    add(prefix, path, "required", property);
    add(prefix, path + "/" + property, "type", "string");
    const json::Value* mapping = json::find(discriminator, "mapping");
    if (!mapping || !mapping->IsObject())
      return;
    for (const auto& m : mapping->GetObject()) {
      add(prefix, path + "/" + property, "enum", json::dump(m.name));
      Located target = resolve_(m.value.GetString(), doc);
      if (target.node)
        walk(prefix, *target.node, target.doc, path + "<" + m.name.GetString() + ">", depth + 1);
    }
  }

  Facts& facts_;
  Resolver resolve_;
};

std::string joined(const std::set<std::string>& values) {
  std::string out = "{";
  for (const std::string& v : values)
    out += (out.size() > 1 ? ", " : "") + v;
  return out + "}";
}

void add_fact(Facts& facts, const std::string& key, const std::string& value) {
  facts[key].insert(value);
}

} // namespace

Facts contract_facts(const ContractRegistry& contracts) {
  Facts facts;
  Flattener flatten(facts, [&](const std::string& ref, const json::Value* doc) -> Located {
    const std::size_t hash = ref.find('#');
    const std::string file = ref.substr(0, hash);
    const std::string pointer = hash == std::string::npos ? "" : ref.substr(hash);
    const json::Value* target_doc = file.empty() ? doc : &contracts.schema_document(file);
    return {json::resolve_pointer(*target_doc, pointer), target_doc};
  });
  for (const auto& op : json::find(contracts.manifest(), "operations")->GetArray()) {
    const std::string id(json::get_string(op, "id").value_or(""));
    const std::string path(json::get_string(op, "path").value_or(""));
    const std::string key = "op " + id;
    add_fact(facts, key + ": method", std::string(json::get_string(op, "method").value_or("")));
    add_fact(facts, key + ": path", path);
    for (const auto& scope : op["scopes"].GetArray())
      add_fact(facts, key + ": scopes", scope.GetString());
    for (const auto& response : op["responses"].GetObject()) {
      add_fact(facts, key + ": statuses", response.name.GetString());
      if (response.value.IsString())
        flatten.walk(key + " response " + response.name.GetString(),
                     contracts.schema_document(response.value.GetString()),
                     &contracts.schema_document(response.value.GetString()), "");
    }
    if (auto body = json::get_string(op, "body")) {
      const json::Value& doc = contracts.schema_document(*body);
      add_fact(facts, key + ": body required",
               json::get_bool(op, "body_required").value_or(false) ? "true" : "false");
      flatten.walk(key + " request", doc, &doc, "");
    }
    const json::Value& params = contracts.schema_document(*json::get_string(op, "params"));
    std::set<std::string> required;
    if (const json::Value* list = json::find(params, "required"))
      for (const auto& r : list->GetArray())
        required.insert(r.GetString());
    for (const auto& p : params["properties"].GetObject()) {
      const std::string name = p.name.GetString();
      const std::string param_key = key + " param " + name;
      add_fact(facts, param_key + ": in",
               path.find("{" + name + "}") != std::string::npos ? "path" : "query");
      add_fact(facts, param_key + ": required", required.count(name) ? "true" : "false");
      flatten.walk(param_key, p.value, &params, "");
    }
  }
  return facts;
}

Facts openapi_facts(const json::Value& openapi) {
  Facts facts;
  Flattener flatten(facts, [&](const std::string& ref, const json::Value*) -> Located {
    return {json::resolve_pointer(openapi, ref), &openapi};
  });
  const json::Value* paths = json::find(openapi, "paths");
  if (!paths || !paths->IsObject())
    return facts;
  for (const auto& entry : paths->GetObject()) {
    const std::string path = entry.name.GetString();
    if (path.rfind("/pins", 0) != 0)
      continue;
    for (const auto& method : entry.value.GetObject()) {
      if (!method.value.IsObject() || !json::find(method.value, "operationId"))
        continue;
      const json::Value& op = method.value;
      const std::string key = "op " + std::string(*json::get_string(op, "operationId"));
      std::string verb = method.name.GetString();
      for (char& c : verb)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      add_fact(facts, key + ": method", verb);
      add_fact(facts, key + ": path", path);
      if (const json::Value* security = json::find(op, "security"); security && security->IsArray())
        for (const auto& scheme : security->GetArray())
          if (const json::Value* scopes = json::find(scheme, "pinterest_oauth2"))
            for (const auto& s : scopes->GetArray())
              add_fact(facts, key + ": scopes", s.GetString());
      for (const auto& response : op["responses"].GetObject()) {
        add_fact(facts, key + ": statuses", response.name.GetString());
        const json::Value* schema =
            json::resolve_pointer(response.value, "/content/application~1json/schema");
        if (schema)
          flatten.walk(key + " response " + response.name.GetString(), *schema, &openapi, "");
      }
      if (const json::Value* body = json::find(op, "requestBody")) {
        add_fact(facts, key + ": body required",
                 json::get_bool(*body, "required").value_or(false) ? "true" : "false");
        if (const json::Value* schema =
                json::resolve_pointer(*body, "/content/application~1json/schema"))
          flatten.walk(key + " request", *schema, &openapi, "");
      }
      if (const json::Value* params = json::find(op, "parameters"); params && params->IsArray())
        for (const auto& raw : params->GetArray()) {
          const json::Value* p = &raw;
          if (auto ref = json::get_string(raw, "$ref"))
            p = json::resolve_pointer(openapi, *ref);
          if (!p)
            continue;
          const std::string param_key =
              key + " param " + std::string(json::get_string(*p, "name").value_or("?"));
          add_fact(facts, param_key + ": in", std::string(json::get_string(*p, "in").value_or("")));
          add_fact(facts, param_key + ": required",
                   json::get_bool(*p, "required").value_or(false) ? "true" : "false");
          if (const json::Value* schema = json::find(*p, "schema"))
            flatten.walk(param_key, *schema, &openapi, "");
        }
    }
  }
  return facts;
}

std::vector<std::string> diff_facts(const Facts& contracts, const Facts& openapi) {
  std::vector<std::string> out;
  std::set<std::string> keys;
  for (const auto& [key, values] : contracts)
    keys.insert(key);
  for (const auto& [key, values] : openapi)
    keys.insert(key);
  const std::set<std::string> none;
  for (const std::string& key : keys) {
    auto c = contracts.find(key);
    auto o = openapi.find(key);
    const auto& cv = c == contracts.end() ? none : c->second;
    const auto& ov = o == openapi.end() ? none : o->second;
    if (cv != ov)
      out.push_back(key + ": contracts " + joined(cv) + " | openapi " + joined(ov));
  }
  return out;
}

int run_spec_diff(int argc, char** argv) {
  std::string openapi_path;
  std::string contracts_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--contracts" && i + 1 < argc)
      contracts_dir = argv[++i];
    else if (openapi_path.empty() && arg.rfind("--", 0) != 0)
      openapi_path = arg;
    else {
      std::cerr << "usage: pins-contract spec-diff OPENAPI.json [--contracts DIR]\n";
      return 2;
    }
  }
  if (openapi_path.empty()) {
    std::cerr << "usage: pins-contract spec-diff OPENAPI.json [--contracts DIR]\n";
    return 2;
  }
  std::ifstream in(openapi_path, std::ios::binary);
  if (!in) {
    std::cerr << "pins-contract: cannot read " << openapi_path << "\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  json::Document openapi;
  if (auto err = json::parse_into(openapi, text.str())) {
    std::cerr << "pins-contract: " << openapi_path << ": offset " << err->offset << ": "
              << err->message << "\n";
    return 2;
  }
  const FileSource source = contracts_dir.empty() ? FileSource::embedded("contracts/")
                                                  : FileSource::directory(contracts_dir);
  std::shared_ptr<const ContractRegistry> contracts;
  json::Document live;
  try {
    contracts = ContractRegistry::load(source, true);
    json::parse_into(live, source.read("overrides/live.json").value_or("{}"));
  } catch (const StartupError& e) {
    std::cerr << "pins-contract: " << e.what() << "\n";
    return 2;
  }

  // Deliberate deviations name the facts they change (overrides/live.json, "spec_diff").
  std::vector<std::pair<std::string, std::string>> deliberate; // fact prefix -> deviation id
  if (const json::Value* deviations = json::find(live, "deviations"); deviations && deviations->IsArray())
    for (const auto& d : deviations->GetArray())
      if (const json::Value* keys = json::find(d, "spec_diff"); keys && keys->IsArray())
        for (const auto& k : keys->GetArray())
          deliberate.emplace_back(k.GetString(), std::string(json::get_string(d, "id").value_or("")));

  const std::vector<std::string> diffs = diff_facts(contract_facts(*contracts), openapi_facts(openapi));
  int unexplained = 0;
  for (const std::string& line : diffs) {
    std::string why;
    for (const auto& [prefix, id] : deliberate)
      if (line.rfind(prefix, 0) == 0)
        why = id;
    std::cout << (why.empty() ? "DIFF  " : "KNOWN ") << line
              << (why.empty() ? "" : "  (deliberate: " + why + ")") << "\n";
    unexplained += why.empty() ? 1 : 0;
  }
  std::cout << diffs.size() << " difference(s), " << unexplained << " not documented as deliberate\n";
  return unexplained == 0 ? 0 : 1;
}

} // namespace pinsmock::test

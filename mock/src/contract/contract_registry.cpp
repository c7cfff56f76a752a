#include "pinsmock/contract_registry.hpp"

#include "contract/schema_walk.hpp"
#include "core/json_location.hpp"
#include "pinsmock/startup_error.hpp"

// json.hpp (included above) defines RAPIDJSON_ASSERT; valijson's adapter then #warns that it will
// not define its own. That warning is expected: this TU alone is compiled with -Wno-cpp.
// valijson builds std::regex objects in its headers (uri.hpp, validation_visitor.hpp); under
// -fsanitize=address,undefined g++ 12 then reports -Wmaybe-uninitialized inside libstdc++'s
// regex compiler (regex_automaton.h, `_StateT __tmp`), a false positive in code not ours. Only
// these includes, where <regex> enters this TU, are exempt.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "contract/valijson_string_rules.hpp"

#include <algorithm>
#include <map>
#include <mutex>

namespace pinsmock {
namespace {

constexpr std::string_view kSchemasDir = "schemas/";

json::Document parse_file(const FileSource& source, const std::string& relative_path) {
  std::optional<std::string> text = source.read(relative_path);
  if (!text)
    throw StartupError(source.describe(relative_path) + ": file not found");
  json::Document doc;
  if (auto err = json::parse_into(doc, *text))
    throw StartupError(located(source.describe(relative_path), line_column(*text, err->offset)) +
                       ": offset " + std::to_string(err->offset) + ": " + err->message);
  return doc;
}

// Removes `"format": <name>` wherever it appears (tolerant mode, see overrides/live.json).
void drop_formats(json::Value& node, const std::vector<std::string>& formats) {
  if (node.IsObject()) {
    if (auto format = json::get_string(node, "format");
        format && std::find(formats.begin(), formats.end(), *format) != formats.end())
      json::erase(node, "format");
    for (auto& member : node.GetObject())
      drop_formats(member.value, formats);
  } else if (node.IsArray()) {
    for (auto& item : node.GetArray())
      drop_formats(item, formats);
  }
}

// Collects every file named by a "$ref" to another document (root-relative, see contracts/README).
void collect_refs(const json::Value& node, std::vector<std::string>& out) {
  if (node.IsObject()) {
    if (auto ref = json::get_string(node, "$ref"); ref && !ref->empty() && ref->front() != '#') {
      std::string file(ref->substr(0, ref->find('#')));
      out.push_back(file);
    }
    for (const auto& member : node.GetObject())
      collect_refs(member.value, out);
  } else if (node.IsArray()) {
    for (const auto& item : node.GetArray())
      collect_refs(item, out);
  }
}

// valijson's context ["<root>", "[media_source]", "[items]", "[0]"] -> "/media_source/items/0".
std::string to_pointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const std::string& part : context) {
    if (part == "<root>")
      continue;
    std::string token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']')
      token = token.substr(1, token.size() - 2);
    pointer += "/" + json::pointer_token(token);
  }
  return pointer;
}

// valijson prints bounds with std::to_string ("1.000000"); integers read better as integers.
std::string tidy_message(std::string message) {
  for (std::size_t at; (at = message.find(".000000")) != std::string::npos;)
    message.erase(at, 7);
  return message;
}

// valijson says "Failed to match against any enum values."; the contract knows which ones.
constexpr std::string_view kEnumFailure = "Failed to match against any enum values.";
constexpr std::size_t kQuotedValueLimit = 60;

std::string enum_message(const json::Value* value, const std::vector<std::string>& allowed) {
  std::string sent = value ? (value->IsString() ? value->GetString() : json::dump(*value)) : "";
  if (sent.size() > kQuotedValueLimit)
    sent = sent.substr(0, kQuotedValueLimit) + "...";
  std::string list;
  for (const std::string& v : allowed)
    list += (list.empty() ? "" : ", ") + v;
  return "'" + sent + "' is not one of " + list;
}

// valijson's "Value type not permitted by 'type' constraint." in plain words.
constexpr std::string_view kTypeFailure = "Value type not permitted by 'type' constraint.";

const char* json_type_name(const json::Value* value) {
  if (!value)
    return "nothing";
  if (value->IsNull())
    return "null";
  if (value->IsBool())
    return "a boolean";
  if (value->IsInt64() || value->IsUint64())
    return "an integer";
  if (value->IsNumber())
    return "a number";
  if (value->IsString())
    return "a string";
  return value->IsArray() ? "an array" : "an object";
}

std::string type_message(const json::Value* value, const json::Value* schema) {
  std::string wanted;
  if (const json::Value* type = schema ? json::find(*schema, "type") : nullptr) {
    if (type->IsString())
      wanted = type->GetString();
    else if (type->IsArray())
      for (const auto& t : type->GetArray())
        if (t.IsString())
          wanted += (wanted.empty() ? "" : " or ") + std::string(t.GetString());
  }
  return std::string("wrong type: ") + json_type_name(value) +
         (wanted.empty() ? "" : ", expected " + wanted);
}

bool admits_null(const json::Value& property_schema) {
  if (const json::Value* type = json::find(property_schema, "type")) {
    if (type->IsString())
      return std::string_view(type->GetString()) == "null";
    if (type->IsArray())
      for (const auto& t : type->GetArray())
        if (t.IsString() && std::string_view(t.GetString()) == "null")
          return true;
    return false;
  }
  for (const char* combinator : {"anyOf", "oneOf"}) {
    if (const json::Value* options = json::find(property_schema, combinator); options && options->IsArray())
      for (const auto& option : options->GetArray())
        if (admits_null(option))
          return true;
  }
  // No type constraint at all (e.g. a bare $ref) is treated as not admitting null.
  return false;
}

} // namespace

// A contract as valijson's compiled schema, made on first use: the program's first answer must
// not wait for ~20 schemas when it needs two (issue 11). Built-in contracts are compiled lazily
// (a unit test compiles every one); any other source is compiled at load, so a broken schema
// still stops the start.
struct LazySchema {
  std::once_flag once;
  std::unique_ptr<valijson::Schema> schema;
};

namespace {

using SchemaTexts = std::map<std::string, json::Document, std::less<>>;

std::unique_ptr<valijson::Schema> compile(const SchemaTexts& for_valijson, const std::string& path) {
  // Referenced documents come from that map; valijson takes ownership of a copy each time.
  auto fetch = [&for_valijson](const std::string& uri) -> const rapidjson::Document* {
    auto it = for_valijson.find(uri);
    if (it == for_valijson.end())
      return nullptr;
    auto* copy = new rapidjson::Document();
    copy->CopyFrom(it->second, copy->GetAllocator());
    return copy;
  };
  auto free_doc = [](const rapidjson::Document* doc) { delete doc; };
  valijson::SchemaParser parser;
  string_rules::add_builders(parser);
  auto schema = std::make_unique<valijson::Schema>();
  valijson::adapters::RapidJsonAdapter adapter(for_valijson.find(path)->second);
  parser.populateSchema(adapter, *schema, fetch, free_doc);
  return schema;
}

} // namespace

struct ContractRegistry::Impl {
  json::Document manifest;
  std::map<std::string, json::Document, std::less<>> documents; // by schema path
  SchemaTexts for_valijson; // what valijson compiles (string keywords renamed), by schema path
  std::map<std::string, std::unique_ptr<LazySchema>, std::less<>> schemas;
  bool built_in = false;

  const valijson::Schema& compiled(const std::string& path, LazySchema& lazy) const {
    std::call_once(lazy.once, [&] { lazy.schema = compile(for_valijson, path); });
    return *lazy.schema;
  }
};

ContractRegistry::ContractRegistry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ContractRegistry::~ContractRegistry() = default;

std::shared_ptr<const ContractRegistry> ContractRegistry::load(const FileSource& source,
                                                               bool strict_formats) {
  auto impl = std::make_unique<Impl>();
  impl->built_in = source.is_embedded();
  impl->manifest = parse_file(source, "manifest.json");

  std::vector<std::string> tolerated;
  if (!strict_formats) {
    json::Document live = parse_file(source, "overrides/live.json");
    if (const json::Value* list = json::find(live, "tolerant_drop_formats"); list && list->IsArray())
      for (const auto& f : list->GetArray())
        if (f.IsString())
          tolerated.emplace_back(f.GetString());
  }

  // Every schema the manifest names, then everything they reference, transitively.
  std::vector<std::string> pending;
  const json::Value* operations = json::find(impl->manifest, "operations");
  if (!operations || !operations->IsArray())
    throw StartupError(source.describe("manifest.json") + ": /operations: expected an array");
  for (const auto& op : operations->GetArray()) {
    for (const char* key : {"params", "body"})
      if (auto path = json::get_string(op, key))
        pending.emplace_back(*path);
    if (const json::Value* responses = json::find(op, "responses"); responses && responses->IsObject())
      for (const auto& r : responses->GetObject())
        if (r.value.IsString())
          pending.emplace_back(r.value.GetString());
  }
  while (!pending.empty()) {
    std::string path = pending.back();
    pending.pop_back();
    if (impl->documents.count(path))
      continue;
    json::Document doc = parse_file(source, std::string(kSchemasDir) + path);
    if (!tolerated.empty())
      drop_formats(doc, tolerated);
    collect_refs(doc, pending);
    impl->documents.emplace(path, std::move(doc));
  }

  // valijson parses copies with the string keywords renamed (valijson_string_rules.hpp); the originals
  // stay as loaded for readers of schema_document() (query coercion, spec-diff).
  for (const auto& [path, doc] : impl->documents) {
    json::Document copy;
    copy.CopyFrom(doc, copy.GetAllocator());
    string_rules::adopt_string_keywords(copy, copy.GetAllocator(),
                          source.describe(std::string(kSchemasDir) + path));
    impl->for_valijson.emplace(path, std::move(copy));
  }
  for (const auto& [path, doc] : impl->for_valijson) {
    auto& lazy = *impl->schemas.emplace(path, std::make_unique<LazySchema>()).first->second;
    if (source.is_embedded())
      continue;
    try {
      impl->compiled(path, lazy);
    } catch (const std::exception& e) {
      throw StartupError(source.describe(std::string(kSchemasDir) + path) + ": " + e.what());
    }
  }
  return std::shared_ptr<const ContractRegistry>(new ContractRegistry(std::move(impl)));
}

const json::Document& ContractRegistry::manifest() const { return impl_->manifest; }

bool ContractRegistry::has_schema(std::string_view schema_path) const {
  return impl_->schemas.find(schema_path) != impl_->schemas.end();
}

const json::Value& ContractRegistry::schema_document(std::string_view schema_path) const {
  auto it = impl_->documents.find(schema_path);
  if (it == impl_->documents.end())
    throw std::logic_error("unknown contract schema: " + std::string(schema_path));
  return it->second;
}

std::vector<Violation> ContractRegistry::validate(std::string_view schema_path,
                                                  const json::Value& document) const {
  auto it = impl_->schemas.find(schema_path);
  if (it == impl_->schemas.end())
    throw std::logic_error("unknown contract schema: " + std::string(schema_path));
  // The Validator caches compiled regexes; one per thread keeps that cache warm and unshared.
  thread_local valijson::Validator validator;
  valijson::adapters::RapidJsonAdapter adapter(document);
  // Without results valijson stops at the first failure and builds no error text or result
  // queues (anyOf, if/then); almost every document conforms, so only a failure runs again,
  // collecting everything, to word the violations.
  const valijson::Schema& schema = impl_->compiled(it->first, *it->second);
  if (validator.validate(schema, adapter, nullptr))
    return {};
  valijson::ValidationResults results;
  validator.validate(schema, adapter, &results);
  std::vector<std::pair<std::size_t, Violation>> found;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    Violation v{to_pointer(error.context), tidy_message(error.description), ""};
    const SchemaNode governing = schema_at(*this, schema_path, v.pointer);
    v.expected = expectation(*this, governing);
    if (v.message == kEnumFailure)
      if (const auto allowed = enum_values(governing); !allowed.empty())
        v.message = enum_message(json::resolve_pointer(document, v.pointer), allowed);
    if (v.message == kTypeFailure)
      v.message = type_message(json::resolve_pointer(document, v.pointer), governing.node);
    found.push_back({error.context.size(), std::move(v)});
  }
  // Most specific first: the deepest context names the field; summaries of parents come last.
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  // valijson also reports every parent of a failure ("Failed to validate against schema
  // associated with property name 'title'"): noise once the specific failure is listed.
  auto is_summary = [](const Violation& v) {
    return v.message.rfind("Failed to validate against schema associated with property", 0) == 0 ||
           v.message.rfind("Failed to validate item #", 0) == 0 ||
           v.message.rfind("Failed to validate against a conditional schema", 0) == 0 ||
           v.message.rfind("Failed to validate against child schema", 0) == 0 ||
           v.message.rfind("Failed to validate against any schemas allowed by anyOf", 0) == 0 ||
           v.message.rfind("Failed to validate against any child schemas allowed by oneOf", 0) == 0;
  };
  const bool has_specific = std::any_of(found.begin(), found.end(),
                                        [&](const auto& f) { return !is_summary(f.second); });
  std::vector<Violation> out;
  for (auto& f : found)
    if (!has_specific || !is_summary(f.second))
      out.push_back(std::move(f.second));
  return out;
}

void ContractRegistry::drop_unset_nulls(std::string_view schema_path, json::Value& object) const {
  if (!object.IsObject())
    return;
  const json::Value* properties = json::find(schema_document(schema_path), "properties");
  if (!properties || !properties->IsObject())
    return;
  std::vector<std::string> unset;
  for (const auto& member : object.GetObject()) {
    if (!member.value.IsNull())
      continue;
    const json::Value* property = json::find(*properties, member.name.GetString());
    if (property && !admits_null(*property))
      unset.emplace_back(member.name.GetString());
  }
  for (const std::string& key : unset)
    json::erase(object, key);
}

std::vector<std::string> ContractRegistry::schema_paths() const {
  std::vector<std::string> out;
  for (const auto& [path, schema] : impl_->schemas)
    out.push_back(path);
  return out;
}

bool ContractRegistry::built_in() const { return impl_->built_in; }

} // namespace pinsmock

#include "contract/query_coercion.hpp"

#include "contract/schema_walk.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <map>

namespace pinsmock {
namespace {

std::string_view declared_type(const json::Value& declared, const ContractRegistry* contracts) {
  const json::Value& property =
      contracts ? *resolve_ref(*contracts, {&declared, nullptr}).node : declared;
  if (auto type = json::get_string(property, "type"))
    return *type;
  return "string";
}

ApiError type_error(const std::string& name, std::string_view expected, std::string_view got) {
  return ApiError{ErrorId::InvalidParameters,
                  "Invalid parameter '" + name + "': expected " + std::string(expected) +
                      ", got '" + utf8::excerpt(got) + "'.",
                  name};
}

// Enum values match case-insensitively and are served in the spec's spelling: Pinterest's own
// quickstart sends app_types=all and live accepts it (docs/api-notes.md). The enum may sit
// behind a $ref (creative_types' items are components/creative_type.json).
std::string_view enum_spelling(const json::Value& declared, std::string_view text,
                               const ContractRegistry* contracts) {
  const json::Value& schema = contracts ? *resolve_ref(*contracts, {&declared, nullptr}).node : declared;
  const json::Value* values = json::find(schema, "enum");
  if (!values || !values->IsArray())
    return text;
  for (const auto& v : values->GetArray()) {
    if (!v.IsString() || v.GetStringLength() != text.size())
      continue;
    const std::string_view candidate(v.GetString(), v.GetStringLength());
    if (std::equal(candidate.begin(), candidate.end(), text.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return candidate;
  }
  return text;
}

Result<json::Value> scalar(const std::string& name, std::string_view type, std::string_view text,
                           json::Allocator& alloc) {
  if (type == "integer") {
    std::string s(text);
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno == ERANGE || std::isspace(static_cast<unsigned char>(s[0])))
      return type_error(name, "an integer", text);
    return json::Value(static_cast<std::int64_t>(v));
  }
  if (type == "boolean") {
    if (text == "true" || text == "True" || text == "TRUE")
      return json::Value(true);
    if (text == "false" || text == "False" || text == "FALSE")
      return json::Value(false);
    return type_error(name, "true or false", text);
  }
  return json::string(text, alloc);
}

std::vector<std::string_view> split_commas(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos)
      comma = text.size();
    if (comma > start)
      out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

} // namespace

Result<json::Document> coerce_params(const json::Value& params_schema, const Headers& path_params,
                                     const Headers& query, const ContractRegistry* contracts) {
  json::Document out(rapidjson::kObjectType);
  auto& alloc = out.GetAllocator();
  const json::Value* properties = json::find(params_schema, "properties");
  if (!properties || !properties->IsObject())
    return out;

  // Group values by name, keeping their order (repeated keys form arrays).
  std::map<std::string, std::vector<std::string_view>, std::less<>> given;
  for (const auto& [name, value] : path_params)
    given[name].push_back(value);
  for (const auto& [name, value] : query)
    if (!value.empty())
      given[name].push_back(value);

  for (const auto& property : properties->GetObject()) {
    const std::string name = property.name.GetString();
    const json::Value& schema = property.value;
    auto found = given.find(name);
    if (found == given.end()) {
      if (const json::Value* fallback = json::find(schema, "default"))
        out.AddMember(json::string(name, alloc), json::Value(*fallback, alloc), alloc);
      continue;
    }
    const std::string_view type = declared_type(schema, contracts);
    if (type == "array") {
      std::string_view item_type = "string";
      const json::Value* items = json::find(schema, "items");
      if (items)
        item_type = declared_type(*items, contracts);
      json::Value array(rapidjson::kArrayType);
      for (std::string_view raw : found->second)
        for (std::string_view part : split_commas(raw)) {
          auto item = scalar(name, item_type, items ? enum_spelling(*items, part, contracts) : part, alloc);
          if (!item)
            return item.error();
          array.PushBack(std::move(item.value()), alloc);
        }
      out.AddMember(json::string(name, alloc), std::move(array), alloc);
      continue;
    }
    // A scalar given twice: the last value wins, as in most web frameworks.
    auto value = scalar(name, type, enum_spelling(schema, found->second.back(), contracts), alloc);
    if (!value)
      return value.error();
    out.AddMember(json::string(name, alloc), std::move(value.value()), alloc);
  }
  return out;
}

} // namespace pinsmock

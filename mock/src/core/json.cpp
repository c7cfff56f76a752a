#include "pinsmock/json.hpp"

#include <algorithm>

namespace pinsmock::json {

std::optional<ParseError> parse_into(Document& doc, std::string_view text) {
  doc.Parse(text.data(), text.size());
  if (!doc.HasParseError())
    return std::nullopt;
  return ParseError{doc.GetErrorOffset(), rapidjson::GetParseError_En(doc.GetParseError())};
}

std::string dump(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string dump_pretty(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void Writer::raw_value(std::initializer_list<std::string_view> fragments, rapidjson::Type type) {
  // What RawValue does (comma and level bookkeeping), without its byte-by-byte copy.
  Prefix(type);
  for (std::string_view fragment : fragments)
    sink_.append(fragment);
  EndValue(true);
}

void Writer::member(std::string_view key, std::string_view value) {
  Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

const Value* find(const Value& object, std::string_view key) {
  if (!object.IsObject())
    return nullptr;
  auto it = object.FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

Value* find(Value& object, std::string_view key) {
  return const_cast<Value*>(find(static_cast<const Value&>(object), key));
}

std::optional<std::string_view> get_string(const Value& object, std::string_view key) {
  const Value* v = find(object, key);
  if (!v || !v->IsString())
    return std::nullopt;
  return std::string_view(v->GetString(), v->GetStringLength());
}

std::optional<std::int64_t> get_int(const Value& object, std::string_view key) {
  const Value* v = find(object, key);
  if (!v || !v->IsInt64())
    return std::nullopt;
  return v->GetInt64();
}

std::optional<bool> get_bool(const Value& object, std::string_view key) {
  const Value* v = find(object, key);
  if (!v || !v->IsBool())
    return std::nullopt;
  return v->GetBool();
}

Value string(std::string_view text, Allocator& alloc) {
  return Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), alloc);
}

void set(Value& object, std::string_view key, Value value, Allocator& alloc) {
  auto it = object.FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
  if (it != object.MemberEnd()) {
    it->value = std::move(value);
    return;
  }
  object.AddMember(string(key, alloc), std::move(value), alloc);
}

void erase(Value& object, std::string_view key) {
  auto it = object.FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
  if (it != object.MemberEnd())
    object.EraseMember(it);
}

const Value* resolve_pointer(const Value& root, std::string_view pointer) {
  if (!pointer.empty() && pointer.front() == '#')
    pointer.remove_prefix(1);
  const Value* node = &root;
  while (!pointer.empty()) {
    if (pointer.front() != '/')
      return nullptr;
    pointer.remove_prefix(1);
    const std::size_t end = std::min(pointer.find('/'), pointer.size());
    std::string token;
    for (std::size_t i = 0; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end) {
        token += pointer[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        token += pointer[i];
      }
    }
    pointer.remove_prefix(end);
    if (node->IsObject()) {
      node = find(*node, token);
    } else if (node->IsArray() && !token.empty() &&
               token.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(token) < node->Size()) {
      node = &(*node)[static_cast<rapidjson::SizeType>(std::stoul(token))];
    } else {
      return nullptr;
    }
    if (!node)
      return nullptr;
  }
  return node;
}

std::string pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

} // namespace pinsmock::json

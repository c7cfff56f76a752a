#include "pinsmock/json.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace pinsmock::json {
namespace {

// Sits between RapidJSON's iterative reader and the Document that builds the tree: counts depth
// and checks every string, so a refused text never becomes a deep or ill-formed tree. It knows
// where it is (a stack of member names and array indexes) to name the place of a problem.
class CheckingBuilder {
public:
  CheckingBuilder(Document& doc, ParseOptions options) : doc_(doc), options_(options) {}

  std::optional<ParseError> error;

  bool Null() { return counted() && scalar(doc_.Null()); }
  bool Bool(bool b) { return counted() && scalar(doc_.Bool(b)); }
  bool Int(int i) { return counted() && scalar(doc_.Int(i)); }
  bool Uint(unsigned u) { return counted() && scalar(doc_.Uint(u)); }
  bool Int64(std::int64_t i) { return counted() && scalar(doc_.Int64(i)); }
  bool Uint64(std::uint64_t u) { return counted() && scalar(doc_.Uint64(u)); }
  bool Double(double d) { return counted() && scalar(doc_.Double(d)); }
  bool RawNumber(const char* str, rapidjson::SizeType length, bool copy) {
    return counted() && scalar(doc_.RawNumber(str, length, copy));
  }
  bool String(const char* str, rapidjson::SizeType length, bool copy) {
    if (const char* problem = string_problem(str, length))
      return fail(ParseError::Kind::InvalidString, problem, pointer());
    return counted() && scalar(doc_.String(str, length, copy));
  }
  bool Key(const char* str, rapidjson::SizeType length, bool copy) {
    if (const char* problem = string_problem(str, length))
      return fail(ParseError::Kind::InvalidString, std::string("Member name: ") + problem,
                  pointer(frames_.size() - 1)); // the object's place: the name is unreadable
    frames_.back().key.assign(str, length);
    return doc_.Key(str, length, copy);
  }
  bool StartObject() { return open(false) && doc_.StartObject(); }
  bool StartArray() { return open(true) && doc_.StartArray(); }
  bool EndObject(rapidjson::SizeType members) { return close(doc_.EndObject(members)); }
  bool EndArray(rapidjson::SizeType elements) { return close(doc_.EndArray(elements)); }

private:
  struct Frame {
    bool is_array;
    std::size_t index = 0; // arrays: index of the element being read
    std::string key;       // objects: name of the member being read
  };

  const char* string_problem(const char* str, rapidjson::SizeType length) const {
    const std::string_view text(str, length);
    if (!utf8::is_valid(text))
      return "String is not valid UTF-8.";
    if (options_.refuse_nul && std::memchr(str, '\0', length))
      return "String contains U+0000.";
    return nullptr;
  }

  bool scalar(bool ok) {
    if (ok && !frames_.empty() && frames_.back().is_array)
      ++frames_.back().index;
    return ok;
  }

  // Every value, containers included, counts once (containers when they open).
  bool counted() {
    if (options_.max_values == 0 || ++values_ <= options_.max_values)
      return true;
    return fail(ParseError::Kind::TooLarge,
                "More than " + std::to_string(options_.max_values) + " values.", pointer());
  }

  bool open(bool is_array) {
    if (!counted())
      return false;
    if (frames_.size() >= kMaxDepth)
      return fail(ParseError::Kind::TooDeep,
                  "Nesting is deeper than " + std::to_string(kMaxDepth) + " levels.", pointer());
    frames_.push_back(Frame{is_array, 0, {}});
    return true;
  }

  bool close(bool ok) {
    frames_.pop_back();
    return scalar(ok);
  }

  bool fail(ParseError::Kind kind, std::string message, std::string where) {
    error = ParseError{kind, 0, std::move(message), std::move(where)};
    return false;
  }

  // The pointer of the value being read (of its first `levels` containers' values).
  std::string pointer(std::size_t levels = SIZE_MAX) const {
    std::string out;
    for (std::size_t i = 0; i < frames_.size() && i < levels; ++i) {
      const Frame& f = frames_[i];
      out += "/" + (f.is_array ? std::to_string(f.index) : pointer_token(f.key));
    }
    return out;
  }

  Document& doc_;
  ParseOptions options_;
  std::vector<Frame> frames_;
  std::size_t values_ = 0;
};

} // namespace

std::optional<ParseError> parse_into(Document& doc, std::string_view text, ParseOptions options) {
  CheckingBuilder builder(doc, options);
  rapidjson::ParseResult result;
  auto generate = [&](Document& target) {
    (void)target;
    rapidjson::MemoryStream bytes(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> stream(bytes);
    rapidjson::Reader reader;
    result = reader.Parse<rapidjson::kParseIterativeFlag>(stream, builder);
    return !result.IsError();
  };
  doc.Populate(generate);
  if (!result.IsError())
    return std::nullopt;
  doc.SetNull();
  if (builder.error) {
    builder.error->offset = result.Offset();
    return std::move(builder.error);
  }
  return ParseError{ParseError::Kind::Syntax, result.Offset(),
                    rapidjson::GetParseError_En(result.Code()), ""};
}

namespace {
// RapidJSON's writer copies string bytes as they are. Ill-formed bytes can only sit inside string
// literals (everything else it writes is ASCII), so replacing them keeps the text valid JSON.
std::string well_formed(const rapidjson::StringBuffer& buffer) {
  const std::string_view text(buffer.GetString(), buffer.GetSize());
  return utf8::is_valid(text) ? std::string(text) : utf8::sanitize(text);
}
} // namespace

std::string dump(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return well_formed(buffer);
}

std::string dump_pretty(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return well_formed(buffer);
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

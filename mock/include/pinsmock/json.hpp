#pragma once
// The only place that includes RapidJSON. Both macros below must be identical in every TU, which
// is why nothing else may include <rapidjson/...> directly.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pinsmock {
/// Thrown when RapidJSON's internal assertion fails (a bug: e.g. GetString() on a number).
struct JsonLogicError : std::logic_error {
  using std::logic_error::logic_error;
};
} // namespace pinsmock

#ifndef RAPIDJSON_HAS_STDSTRING
#define RAPIDJSON_HAS_STDSTRING 1
#endif
#ifndef RAPIDJSON_ASSERT
#define RAPIDJSON_ASSERT(x)                                                                        \
  do {                                                                                             \
    if (!(x))                                                                                      \
      throw ::pinsmock::JsonLogicError("RapidJSON assertion failed: " #x);                         \
  } while (false)
#endif

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace pinsmock::json {

using Document = rapidjson::Document;
using Value = rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

/// How deep parse_into lets containers nest. Pinterest bodies are shallow; refusing deep
/// documents while parsing keeps the recursive parts of RapidJSON and valijson (destruction,
/// Accept, validation) within a small, fixed stack.
inline constexpr std::size_t kMaxDepth = 64;

/// Why a text was refused: byte offset, a description, and for content problems where it is.
struct ParseError {
  enum class Kind {
    Syntax,        // not JSON (message: RapidJSON's English description)
    TooDeep,       // containers nested deeper than kMaxDepth
    TooLarge,      // more values than ParseOptions::max_values
    InvalidString, // a string or member name that is not well-formed UTF-8 (or holds U+0000)
  };
  Kind kind = Kind::Syntax;
  std::size_t offset = 0;
  std::string message;
  std::string pointer; // TooDeep, InvalidString: JSON pointer of the value ("" is the root)
};

/// What parse_into refuses beyond syntax, depth and ill-formed UTF-8 (always refused).
struct ParseOptions {
  bool refuse_nul = false;   // strings or member names containing U+0000 (request content)
  std::size_t max_values = 0; // more values (scalars and containers) than this; 0: no limit
};

/// Parses text into a document without recursion. Refuses, before building anything deeper,
/// documents nested beyond kMaxDepth, and strings or member names that are not well-formed UTF-8
/// (overlong forms, surrogates, also when written as \u escapes). On failure `doc` is null and
/// the offset, reason and place are returned.
std::optional<ParseError> parse_into(Document& doc, std::string_view text,
                                     ParseOptions options = {});

/// Serializes a value compactly. The text is always well-formed UTF-8: should a string hold
/// ill-formed bytes, they are written as U+FFFD.
std::string dump(const Value& value);

/// Serializes a value with two-space indentation (for people: --help, README samples, logs).
std::string dump_pretty(const Value& value);

/// Typed getters: the member's value when present and of the right type, otherwise nullopt.
std::optional<std::string_view> get_string(const Value& object, std::string_view key);
std::optional<std::int64_t> get_int(const Value& object, std::string_view key);
std::optional<bool> get_bool(const Value& object, std::string_view key);
/// The member when present (any type, null included), otherwise nullptr.
const Value* find(const Value& object, std::string_view key);
Value* find(Value& object, std::string_view key);

/// A string value copied into `alloc`.
Value string(std::string_view text, Allocator& alloc);

/// Sets object[key] = value, replacing an existing member (copies the key into `alloc`).
void set(Value& object, std::string_view key, Value value, Allocator& alloc);

/// Makes `root` (built with doc's allocator) the document's root value.
inline void set_root(Document& doc, Value& root) { static_cast<Value&>(doc).Swap(root); }

/// A rapidjson output stream appending to a std::string.
class StringSink {
public:
  using Ch = char;
  explicit StringSink(std::string& out) : out_(out) {}
  void Put(char c) { out_.push_back(c); }
  void Flush() {}
  void append(std::string_view bytes) { out_.append(bytes.data(), bytes.size()); }
  std::string& str() { return out_; }

private:
  std::string& out_;
};

/// A compact writer into a std::string: answers generated without a DOM, and answers assembled
/// from stored, already-rendered fragments (a list page of stored pins).
class Writer : public rapidjson::Writer<StringSink> {
public:
  explicit Writer(std::string& out) : rapidjson::Writer<StringSink>(sink_), sink_(out) {
    Reset(sink_);
  }
  /// Writes one complete JSON value given as consecutive fragments (a stored pin with a
  /// viewer's parts spliced in). The fragments must concatenate to valid JSON of `type`.
  void raw_value(std::initializer_list<std::string_view> fragments, rapidjson::Type type);
  /// Key + string value.
  void member(std::string_view key, std::string_view value);

private:
  StringSink sink_;
};

/// Removes object[key] if present.
void erase(Value& object, std::string_view key);

/// The value at a JSON pointer ("" or "#/a/b~1c"), or nullptr.
const Value* resolve_pointer(const Value& root, std::string_view pointer);

/// Escapes a JSON-pointer token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view token);

} // namespace pinsmock::json

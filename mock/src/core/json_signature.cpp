#include "core/json_signature.hpp"

#include <cstdint>

namespace pinsmock::json {
namespace {

class SignatureBuilder {
public:
  explicit SignatureBuilder(std::string& out) : out_(out) {}

  bool Null() { return tag('n'); }
  bool Bool(bool b) { return tag(b ? 't' : 'f'); }
  bool Int(int i) { return number(Value(i)); }
  bool Uint(unsigned u) { return number(Value(u)); }
  bool Int64(std::int64_t i) { return number(Value(i)); }
  bool Uint64(std::uint64_t u) { return number(Value(u)); }
  bool Double(double d) { return number(Value(d)); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; } // not requested
  bool String(const char* str, rapidjson::SizeType length, bool) { return text('s', str, length); }
  bool Key(const char* str, rapidjson::SizeType length, bool) { return text('k', str, length); }
  bool StartObject() { return tag('{'); }
  bool EndObject(rapidjson::SizeType) { return tag('}'); }
  bool StartArray() { return tag('['); }
  bool EndArray(rapidjson::SizeType) { return tag(']'); }

private:
  bool tag(char c) {
    out_.push_back(c);
    return true;
  }
  // The class is what the document's value would answer (a DOM built from the same event).
  bool number(const Value& v) {
    out_.push_back('#');
    out_.push_back(static_cast<char>('0' + (v.IsInt() ? 1 : 0) + (v.IsUint() ? 2 : 0) +
                                     (v.IsInt64() ? 4 : 0) + (v.IsUint64() ? 8 : 0) +
                                     (v.IsDouble() ? 16 : 0)));
    return true;
  }
  bool text(char c, const char* str, rapidjson::SizeType length) {
    out_.push_back(c);
    const std::uint32_t n = length;
    for (int shift = 0; shift < 32; shift += 8)
      out_.push_back(static_cast<char>((n >> shift) & 0xff));
    out_.append(str, length);
    return true;
  }

  std::string& out_;
};

} // namespace

std::optional<std::string> number_blind_signature(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  SignatureBuilder builder(out);
  rapidjson::MemoryStream bytes(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> stream(bytes);
  rapidjson::Reader reader;
  if (reader.Parse<rapidjson::kParseIterativeFlag>(stream, builder).IsError())
    return std::nullopt;
  return out;
}

} // namespace pinsmock::json

// parse_into's limits: nesting depth and string content, checked before a tree is built.
#include "pinsmock/json.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace json = pinsmock::json;
using Kind = json::ParseError::Kind;

namespace {

std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string nested_objects(std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i)
    text += "{\"a\":";
  text += "1";
  text += std::string(depth, '}');
  return text;
}

} // namespace

TEST_CASE("json: parse_into accepts nesting up to the limit", "[unit][json]") {
  json::Document doc;
  CHECK_FALSE(json::parse_into(doc, nested_arrays(json::kMaxDepth)));
  CHECK(doc.IsArray());
  CHECK_FALSE(json::parse_into(doc, nested_objects(json::kMaxDepth)));
  CHECK(doc.IsObject());
}

TEST_CASE("json: parse_into refuses nesting beyond the limit and names the place",
          "[unit][json]") {
  json::Document doc;
  auto err = json::parse_into(doc, nested_arrays(json::kMaxDepth + 1));
  REQUIRE(err);
  CHECK(err->kind == Kind::TooDeep);
  CHECK(err->message == "Nesting is deeper than 64 levels.");
  CHECK(err->offset == json::kMaxDepth); // the bracket that opens level 65
  CHECK(doc.IsNull());

  err = json::parse_into(doc, nested_objects(json::kMaxDepth + 1));
  REQUIRE(err);
  CHECK(err->kind == Kind::TooDeep);
  std::string pointer;
  for (std::size_t i = 0; i < json::kMaxDepth; ++i)
    pointer += "/a";
  CHECK(err->pointer == pointer);

  err = json::parse_into(doc, R"({"x": [1, 2, )" + nested_arrays(json::kMaxDepth) + "]}");
  REQUIRE(err);
  CHECK(err->pointer.rfind("/x/2/0/0", 0) == 0);
}

TEST_CASE("json: parse_into survives 100000 levels without recursion", "[unit][json]") {
  // Recursive parsing, destruction or writing of such a tree overflows the stack (issue 8).
  json::Document doc;
  for (const std::string& text : {nested_arrays(100000), nested_objects(100000),
                                  std::string(100000, '[')}) {
    auto err = json::parse_into(doc, text);
    REQUIRE(err);
    CHECK(err->kind == Kind::TooDeep);
  }
}

TEST_CASE("json: parse_into refuses more values than asked, counting containers too",
          "[unit][json]") {
  json::Document doc;
  const json::ParseOptions three{false, 3};
  CHECK_FALSE(json::parse_into(doc, "[1, 2]", three));
  CHECK_FALSE(json::parse_into(doc, R"({"a": {}})", three));
  auto err = json::parse_into(doc, "[1, [2], 3]", three);
  REQUIRE(err);
  CHECK(err->kind == Kind::TooLarge);
  CHECK(err->message == "More than 3 values.");
  CHECK(err->pointer == "/1/0");
  CHECK(doc.IsNull());
  // No limit by default.
  std::string big = "[";
  for (int i = 0; i < 100000; ++i)
    big += "1,";
  big += "1]";
  CHECK_FALSE(json::parse_into(doc, big));
  CHECK(doc.Size() == 100001);
}

TEST_CASE("json: parse_into refuses ill-formed UTF-8 in strings and member names, naming them",
          "[unit][json]") {
  struct Case {
    std::string text;
    std::string pointer;
    std::string message;
  };
  const Case c = GENERATE(values<Case>({
      {"{\"title\": \"\xFF\"}", "/title", "String is not valid UTF-8."},
      {"{\"a\": [\"ok\", \"\xC0\xAF\"]}", "/a/1", "String is not valid UTF-8."},
      {"{\"a\": {\"b\": \"\xED\xA0\x80\"}}", "/a/b", "String is not valid UTF-8."},
      {R"({"a": "\uDC00"})", "/a", "String is not valid UTF-8."},
      {R"(["x\uDFFF"])", "/0", "String is not valid UTF-8."},
      {"{\"a\": {\"\xFF\": 1}}", "/a", "Member name: String is not valid UTF-8."},
      {R"({"t": "\u0000abc"})", "/t", "String contains U+0000."},
      {R"({"a\u0000": 1})", "", "Member name: String contains U+0000."},
      {"\"" + std::string(100000, '\x80') + "\"", "", "String is not valid UTF-8."},
  }));
  INFO(c.text.substr(0, 40));
  json::Document doc;
  auto err = json::parse_into(doc, c.text, json::ParseOptions{true});
  REQUIRE(err);
  CHECK(err->kind == Kind::InvalidString);
  CHECK(err->pointer == c.pointer);
  CHECK(err->message == c.message);
  CHECK(doc.IsNull());
}

TEST_CASE("json: parse_into keeps well-formed text and escapes intact", "[unit][json]") {
  json::Document doc;
  // U+0000 is refused only on request (request bodies); otherwise it is an ordinary character.
  REQUIRE_FALSE(json::parse_into(doc, R"(["a\u0000b"])"));
  CHECK(doc[0].GetStringLength() == 3);
  REQUIRE_FALSE(json::parse_into(doc, R"({"a": "caf\u00e9 \ud83d\ude00", "b": "\u20ac"})"));
  CHECK(std::string(doc["a"].GetString()) == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(std::string(doc["b"].GetString()) == "\xE2\x82\xAC");
  // A lone high surrogate is a syntax error already in RapidJSON.
  auto err = json::parse_into(doc, R"(["\ud800"])");
  REQUIRE(err);
  CHECK(err->kind == Kind::Syntax);
}

TEST_CASE("json: dump writes well-formed UTF-8 even when a value holds ill-formed bytes",
          "[unit][json]") {
  json::Document doc(rapidjson::kObjectType);
  doc.AddMember("k", json::string("a\xFF" "b\xED\xA0\x80", doc.GetAllocator()), doc.GetAllocator());
  const std::string text = json::dump(doc);
  CHECK(text == "{\"k\":\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"}");
  json::Document back;
  CHECK_FALSE(json::parse_into(back, text));
  CHECK(json::dump_pretty(doc).find("\xFF") == std::string::npos);
}

#include "pinsmock/json.hpp"

#include "unit/catch_optional.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace json = pinsmock::json;

namespace {

json::Document parsed(std::string_view text) {
  json::Document doc;
  const auto err = json::parse_into(doc, text);
  if (err)
    throw std::invalid_argument("test JSON does not parse: " + err->message);
  return doc;
}

} // namespace

TEST_CASE("json: parse_into accepts valid text and reports nothing", "[unit][json]") {
  json::Document doc;
  CHECK_FALSE(json::parse_into(doc, R"({"a": [1, 2, {"b": null}], "c": "d"})"));
  REQUIRE(doc.IsObject());
  CHECK(doc["a"].Size() == 3);
}

TEST_CASE("json: parse_into gives the offset and English reason of a syntax error",
          "[unit][json]") {
  struct Case {
    std::string_view text;
    std::size_t offset;
    std::string_view reason;
  };
  const Case c = GENERATE(values<Case>({
      {R"({"a": })", 6, "Invalid value."},
      {R"({"a" 1})", 5, "Missing a colon after a name of object member."},
      {R"({"a": 1,})", 8, "Missing a name for object member."},
      {R"([1, 2)", 5, "Missing a comma or ']' after an array element."},
      {"", 0, "The document is empty."},
      {R"({"a": 1} x)", 9, "The document root must not be followed by other values."},
  }));
  INFO("text: " << c.text);
  json::Document doc;
  const auto err = json::parse_into(doc, c.text);
  REQUIRE(err);
  CHECK(err->offset == c.offset);
  CHECK(err->message == c.reason);
}

TEST_CASE("json: parse_into reads exactly the given view, not past it", "[unit][json]") {
  const std::string text = R"({"a": 1}garbage)";
  json::Document doc;
  CHECK_FALSE(json::parse_into(doc, std::string_view(text).substr(0, 8)));
  CHECK(doc["a"].GetInt() == 1);
}

TEST_CASE("json: typed getters return the value only for the right type", "[unit][json]") {
  const auto doc = parsed(R"({"s": "text", "i": 42, "big": 9007199254740993, "b": true,
                               "n": null, "f": 1.5, "neg": -7})");
  CHECK(json::get_string(doc, "s") == std::optional<std::string_view>("text"));
  CHECK_FALSE(json::get_string(doc, "i"));
  CHECK_FALSE(json::get_string(doc, "n"));
  CHECK_FALSE(json::get_string(doc, "missing"));
  CHECK(json::get_int(doc, "i") == std::optional<std::int64_t>(42));
  CHECK(json::get_int(doc, "big") == std::optional<std::int64_t>(9007199254740993LL));
  CHECK(json::get_int(doc, "neg") == std::optional<std::int64_t>(-7));
  CHECK_FALSE(json::get_int(doc, "f"));
  CHECK_FALSE(json::get_int(doc, "s"));
  CHECK(json::get_bool(doc, "b") == std::optional<bool>(true));
  CHECK_FALSE(json::get_bool(doc, "i"));
  CHECK_FALSE(json::get_bool(doc, "n"));
}

TEST_CASE("json: find sees null members and tolerates non-objects", "[unit][json]") {
  auto doc = parsed(R"({"n": null, "o": {"x": 1}})");
  const json::Value* n = json::find(doc, "n");
  REQUIRE(n != nullptr);
  CHECK(n->IsNull());
  CHECK(json::find(doc, "missing") == nullptr);
  const json::Value array = json::Value(rapidjson::kArrayType);
  CHECK(json::find(array, "n") == nullptr);
  CHECK_FALSE(json::get_string(array, "n"));
  json::Value* o = json::find(doc, "o");
  REQUIRE(o != nullptr);
  (*o)["x"].SetInt(2);
  CHECK(doc["o"]["x"].GetInt() == 2);
}

TEST_CASE("json: set replaces a member in place and appends a new one last", "[unit][json]") {
  auto doc = parsed(R"({"a": 1, "b": 2, "c": 3})");
  auto& alloc = doc.GetAllocator();
  json::set(doc, "b", json::string("two", alloc), alloc);
  CHECK(json::dump(doc) == R"({"a":1,"b":"two","c":3})");
  json::set(doc, "d", json::Value(true), alloc);
  CHECK(json::dump(doc) == R"({"a":1,"b":"two","c":3,"d":true})");
  json::set(doc, "a", json::Value(rapidjson::kNullType), alloc);
  CHECK(json::dump(doc) == R"({"a":null,"b":"two","c":3,"d":true})");
}

TEST_CASE("json: set copies the key, so a temporary key string may die", "[unit][json]") {
  json::Document doc(rapidjson::kObjectType);
  {
    std::string key = "temporary_key";
    json::set(doc, key, json::Value(1), doc.GetAllocator());
    key.assign("XXXXXXXXXXXXX");
  }
  CHECK(json::dump(doc) == R"({"temporary_key":1})");
}

TEST_CASE("json: erase removes one member and keeps the others' order", "[unit][json]") {
  auto doc = parsed(R"({"a": 1, "b": 2, "c": 3, "d": 4})");
  json::erase(doc, "b");
  CHECK(json::dump(doc) == R"({"a":1,"c":3,"d":4})");
  json::erase(doc, "missing");
  CHECK(json::dump(doc) == R"({"a":1,"c":3,"d":4})");
  json::erase(doc, "d");
  CHECK(json::dump(doc) == R"({"a":1,"c":3})");
}

TEST_CASE("json: string copies the text into the allocator", "[unit][json]") {
  json::Document doc(rapidjson::kObjectType);
  std::string text = "with \"quotes\" and \xC3\xA9";
  doc.AddMember("s", json::string(text, doc.GetAllocator()), doc.GetAllocator());
  text.assign(text.size(), 'x');
  CHECK(json::dump(doc) == "{\"s\":\"with \\\"quotes\\\" and \xC3\xA9\"}");
}

TEST_CASE("json: dump is compact and dump_pretty indents by two spaces", "[unit][json]") {
  const auto doc = parsed(R"({ "a" : [ 1 , 2 ] })");
  CHECK(json::dump(doc) == R"({"a":[1,2]})");
  CHECK(json::dump_pretty(doc) == "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
}

TEST_CASE("json: set_root makes a built value the document", "[unit][json]") {
  json::Document doc;
  json::Value root(rapidjson::kObjectType);
  root.AddMember("k", json::string("v", doc.GetAllocator()), doc.GetAllocator());
  json::set_root(doc, root);
  CHECK(json::dump(doc) == R"({"k":"v"})");
}

TEST_CASE("json: pointer_token escapes ~ and / per RFC 6901", "[unit][json]") {
  CHECK(json::pointer_token("plain") == "plain");
  CHECK(json::pointer_token("a/b") == "a~1b");
  CHECK(json::pointer_token("m~n") == "m~0n");
  CHECK(json::pointer_token("~/") == "~0~1");
  CHECK(json::pointer_token("") == "");
}

TEST_CASE("json: RapidJSON misuse throws JsonLogicError instead of aborting", "[unit][json]") {
  auto doc = parsed(R"({"n": 5, "s": "x", "a": [1]})");
  CHECK_THROWS_AS(doc["n"].GetString(), pinsmock::JsonLogicError);
  CHECK_THROWS_AS(doc["s"].GetInt(), pinsmock::JsonLogicError);
  CHECK_THROWS_AS(doc["n"].GetArray(), pinsmock::JsonLogicError);
  CHECK_THROWS_AS(doc["a"].GetObject(), pinsmock::JsonLogicError);
  CHECK_THROWS_AS(doc["a"][5], pinsmock::JsonLogicError);
  const json::Value number(7);
  CHECK_THROWS_WITH(number.MemberCount(), Catch::Contains("RapidJSON assertion failed"));
  // A JsonLogicError is a std::logic_error: the exception handler treats it as a bug.
  CHECK_THROWS_AS(doc["n"].GetBool(), std::logic_error);
}

#include "core/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace utf8 = pinsmock::utf8;

TEST_CASE("utf8: well-formed text of every sequence length is valid", "[unit][utf8]") {
  const std::string text = GENERATE(as<std::string>{}, "", "plain ASCII", "caf\xC3\xA9",
                                    "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD",
                                    "\xED\x9F\xBF", "\xEE\x80\x80", "\xF4\x8F\xBF\xBF",
                                    "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xF0\x90\x80\x80");
  CHECK(utf8::is_valid(text));
  CHECK_FALSE(utf8::first_invalid(text));
  CHECK(utf8::sanitize(text) == text);
}

TEST_CASE("utf8: ill-formed text is refused at the offending byte", "[unit][utf8]") {
  struct Case {
    const char* what;
    std::string text;
    std::size_t offset;
  };
  const Case c = GENERATE(values<Case>({
      {"stray continuation", "ab\x80", 2},
      {"lead without continuation", "\xC3(", 0},
      {"truncated 2-byte at end", "x\xC3", 1},
      {"truncated 3-byte at end", "\xE2\x82", 0},
      {"truncated 4-byte at end", "ok\xF0\x9F\x98", 2},
      {"overlong 2-byte (C0)", "\xC0\xAF", 0},
      {"overlong 2-byte (C1)", "\xC1\xBF", 0},
      {"overlong 3-byte", "\xE0\x80\xAF", 0},
      {"overlong 4-byte", "\xF0\x80\x80\xAF", 0},
      {"high surrogate", "\xED\xA0\x80", 0},
      {"low surrogate", "a\xED\xBF\xBF", 1},
      {"beyond U+10FFFF", "\xF4\x90\x80\x80", 0},
      {"F5 lead", "\xF5\x80\x80\x80", 0},
      {"FF byte", "\xFF", 0},
      {"second continuation wrong", "\xE2\x82(", 0},
  }));
  INFO(c.what);
  REQUIRE(utf8::first_invalid(c.text));
  CHECK(*utf8::first_invalid(c.text) == c.offset);
  CHECK_FALSE(utf8::is_valid(c.text));
  CHECK(utf8::is_valid(utf8::sanitize(c.text)));
}

TEST_CASE("utf8: a flood of continuation bytes is refused without reading past the end",
          "[unit][utf8]") {
  // 100 KB of 0x80 made valijson's length count read far past a 6-entry table (issue 8).
  const std::string flood(100000, '\x80');
  CHECK(utf8::first_invalid(flood) == std::size_t{0});
  const std::string clean = utf8::sanitize(flood);
  CHECK(utf8::is_valid(clean));
  CHECK(utf8::code_points(clean) == flood.size()); // one U+FFFD per stray byte
  // A view that ends inside a sequence: nothing past the view may be read.
  const std::string backing = "x\xF0\x9F\x98\x80";
  CHECK(utf8::first_invalid(std::string_view(backing).substr(0, 3)) == std::size_t{1});
}

TEST_CASE("utf8: sanitize replaces each maximal ill-formed subpart with one U+FFFD",
          "[unit][utf8]") {
  // The Unicode standard's example (section 3.9, U+FFFD substitution of maximal subparts).
  CHECK(utf8::sanitize("a\xF1\x80\x80\xE1\x80\xC2" "b\x80" "c\x80\xBF" "d") ==
        "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d");
  CHECK(utf8::sanitize("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("utf8: prefix and sanitize_capped cut on a character boundary", "[unit][utf8]") {
  const std::string text = "ab\xC3\xA9\xE2\x82\xAC"; // a b é €
  CHECK(utf8::prefix(text, 100) == text);
  CHECK(utf8::prefix(text, 3) == "ab");
  CHECK(utf8::prefix(text, 4) == "ab\xC3\xA9");
  CHECK(utf8::prefix(text, 6) == "ab\xC3\xA9");
  CHECK(utf8::prefix(text, 0).empty());
  bool cut = false;
  CHECK(utf8::sanitize_capped(text, 5, &cut) == "ab\xC3\xA9");
  CHECK(cut);
  CHECK(utf8::sanitize_capped("x\xFFy", 10, &cut) == "x\xEF\xBF\xBDy");
  CHECK_FALSE(cut);
  const std::string big(10000, '\xFF');
  const std::string capped = utf8::sanitize_capped(big, 100, &cut);
  CHECK(cut);
  CHECK(capped.size() == 99);
  CHECK(utf8::is_valid(capped));
}

TEST_CASE("utf8: code_points counts characters, not bytes", "[unit][utf8]") {
  CHECK(utf8::code_points("") == 0);
  CHECK(utf8::code_points("abc") == 3);
  CHECK(utf8::code_points("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") == 8);
  CHECK(utf8::code_points(std::string("a\0b", 3)) == 3);
}

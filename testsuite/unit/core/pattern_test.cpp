#include "core/pattern.hpp"

#include "support/std_regex.hpp" // before anything that may pull in <regex>: see why there

#include <catch2/catch.hpp>

#include <string>

using pinsmock::Pattern;
using Catch::Contains;

TEST_CASE("Pattern: the contracts' patterns match like std::regex", "[unit][pattern]") {
  const std::string source = GENERATE(as<std::string>{}, "^\\d+$", "^[a-zA-Z0-9+/=]+$");
  const std::string text = GENERATE(as<std::string>{}, "", "0", "1300000000000000001", "12a",
                                    " 1", "1 ", "abc+/=", "ab-c", "\xC3\xA9", "AAAA==", "1\n2");
  INFO(source << " on '" << text << "'");
  CHECK(Pattern(source).matches(text) == std::regex_search(text, std::regex(source)));
}

TEST_CASE("Pattern: quantifiers, classes and escapes of the subset", "[unit][pattern]") {
  struct Case {
    const char* source;
    const char* text;
    bool match;
  };
  const Case c = GENERATE(values<Case>({
      {"^a*b$", "b", true},           {"^a*b$", "aaab", true},       {"^a*b$", "aaa", false},
      {"^a?b$", "ab", true},          {"^a?b$", "aab", false},       {"^\\d{3}$", "123", true},
      {"^\\d{3}$", "12", false},      {"^\\d{2,4}$", "12345", false}, {"^\\d{2,4}$", "1234", true},
      {"^\\d{2,}$", "1", false},      {"^\\d{2,}$", "123456", true}, {"^\\d*\\d$", "7", true},
      {"^[^0-9]+$", "abc", true},     {"^[^0-9]+$", "a1", false},    {"^a.c$", "abc", true},
      {"^a.c$", "a\nc", false},       {"^\\w+$", "a_9", true},       {"^\\.\\-$", ".-", true},
      {"^[\\d-]+$", "12-3", true},    {"^[a-]+$", "a-a", true},      {"^[a\\]]+$", "]a", true},
      {"^x\\s?y$", "x y", true},      {"^$", "", true},              {"^$", "a", false},
  }));
  INFO(c.source << " on '" << c.text << "'");
  CHECK(Pattern(c.source).matches(c.text) == c.match);
  CHECK(std::regex_search(std::string(c.text), std::regex(c.source)) == c.match);
}

TEST_CASE("Pattern: anything outside the subset is refused with the reason", "[unit][pattern]") {
  struct Case {
    const char* source;
    const char* reason;
  };
  const Case c = GENERATE(values<Case>({
      {"a^b", "inner anchors"},
      {"^a$b$", "inner anchors"},
      {"^(ab)+$", "groups"},
      {"^a|b$", "alternation"},
      {"^a+?$", "lazy"},
      {"^[a-$", "unclosed ["},
      {"^\\bx$", "escape \\b"},
      {"^*a$", "nothing to repeat"},
      {"^a{5,2}$", "m < n"},
      {"^a{300}$", "more than 256 items"},
      {"^[z-a]$", "range"},
      {"^[]a]$", "empty class"},
  }));
  INFO(c.source);
  REQUIRE_THROWS_AS(Pattern(c.source), std::invalid_argument);
  REQUIRE_THROWS_WITH(Pattern(c.source), Contains(c.reason) && Contains(c.source));
}

TEST_CASE("Pattern: without anchors it searches, like std::regex_search", "[unit][pattern]") {
  // fault rules' path_regex is searched in the path: "/pins/13\\d+$", "^/v5/pins/13", "save".
  const std::string source = GENERATE(as<std::string>{}, "/pins/13\\d+$", "^/v5/pins/13", "save",
                                      "\\d{3}", "a*", "^", "$", "", "x?y+", "\\$", "\\\\$",
                                      "[^/]+/save$", "^/v5/pins/\\d+$");
  const std::string text = GENERATE(as<std::string>{}, "", "/v5/pins/1300000000000000002",
                                    "/v5/pins/13/save", "/v5/pins/99", "/v5/pins/13x", "a$",
                                    "a\\", "xyyz", "y", "12", "/v5/pins/1\n3/save");
  INFO(source << " on '" << text << "'");
  CHECK(Pattern(source).matches(text) == std::regex_search(text, std::regex(source)));
}

TEST_CASE("Pattern: 100000 characters match without recursion", "[unit][pattern]") {
  // libstdc++'s std::regex recurses per character and overflows the stack here (issue 8).
  const std::string digits(100000, '7');
  CHECK(Pattern("^\\d+$").matches(digits));
  CHECK_FALSE(Pattern("^\\d+$").matches(digits + "x"));
  const std::string base64(1 << 20, 'A');
  CHECK(Pattern("^[a-zA-Z0-9+/=]+$").matches(base64));
  // Searching: each start is tried, in one pass (std::regex_search backtracks from every start).
  CHECK_FALSE(Pattern("\\d+x").matches(digits));
  CHECK(Pattern("\\d+x").matches(digits + "x"));
  CHECK(Pattern("7{200}$").matches(digits));
}

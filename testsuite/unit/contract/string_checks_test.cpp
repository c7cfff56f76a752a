#include "contract/string_checks.hpp"

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
      {"\\d+", "must start with ^ and end with $"},
      {"^\\d+", "must start with ^ and end with $"},
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

TEST_CASE("Pattern: 100000 characters match without recursion", "[unit][pattern]") {
  // libstdc++'s std::regex recurses per character and overflows the stack here (issue 8).
  const std::string digits(100000, '7');
  CHECK(Pattern("^\\d+$").matches(digits));
  CHECK_FALSE(Pattern("^\\d+$").matches(digits + "x"));
  const std::string base64(1 << 20, 'A');
  CHECK(Pattern("^[a-zA-Z0-9+/=]+$").matches(base64));
}

TEST_CASE("Formats: date, time and date-time as valijson means them", "[unit][pattern]") {
  using namespace pinsmock;
  CHECK(is_date("2026-11-15"));
  CHECK(is_date("12026-02-29"));
  CHECK_FALSE(is_date("2026-02-30"));
  CHECK_FALSE(is_date("2026-04-31"));
  CHECK(is_date("2026-12-31"));
  CHECK_FALSE(is_date("2026-13-01"));
  CHECK_FALSE(is_date("2026-00-10"));
  CHECK_FALSE(is_date("2026-1-10"));
  CHECK_FALSE(is_date("-01-10"));
  CHECK_FALSE(is_date("2026-01-10 "));
  CHECK_FALSE(is_date(std::string(100000, '2') + "-01-1x"));
  CHECK(is_time("23:59:60Z"));
  CHECK(is_time("10:00:00.123+02:00"));
  CHECK_FALSE(is_time("10:00:00"));
  CHECK_FALSE(is_time("24:00:00Z"));
  CHECK_FALSE(is_time("10:00:00.Z"));
  CHECK(is_date_time("2026-11-15T12:00:00Z"));
  CHECK(is_date_time("2026-11-15t12:00:00.5-05:30"));
  CHECK_FALSE(is_date_time("2026-11-15T12:00:00")); // live's created_at: no offset
  CHECK_FALSE(is_date_time("2026-11-15 12:00:00Z"));
  CHECK_FALSE(is_date_time("2026-11-15T12:00:00." + std::string(100000, '1')));
  CHECK(is_date_time("2026-11-15T12:00:00." + std::string(100000, '1') + "Z"));
  CHECK(matches_format("date", "2026-11-15"));
  CHECK_FALSE(is_checked_format("uri"));
}

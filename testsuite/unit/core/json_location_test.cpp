#include "core/json_location.hpp"

#include <catch2/catch.hpp>

using pinsmock::line_column;
using pinsmock::located;
using pinsmock::offset_of_pointer;

TEST_CASE("JsonLocation: a pointer maps to where its value starts in the text", "[unit][json]") {
  const std::string text = "{\n  \"pins\": [\n    {\"id\": \"1\"},\n    {\"id\": \"2\", \"a/b\": "
                           "[1, {\"x\": true}]}\n  ]\n}\n";
  auto position = [&](const char *pointer) {
    const auto p = line_column(text, offset_of_pointer(text, pointer));
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  };
  CHECK(position("") == "1:1");
  CHECK(position("/pins") == "2:11");
  CHECK(position("/pins/1") == "4:5");
  CHECK(position("/pins/1/id") == "4:12");
  CHECK(position("/pins/1/a~1b/1/x") == "4:34");
  // A member that is not there: the deepest value that is.
  CHECK(position("/pins/0/owner") == "3:5");
  CHECK(position("/pins/7") == "2:11");
}

TEST_CASE("JsonLocation: file:line:column keeps a trailing note last", "[unit][json]") {
  CHECK(located("fixtures/default/pins.json", {3, 7}) == "fixtures/default/pins.json:3:7");
  CHECK(located("fixtures/default/pins.json (built in)", {3, 7}) ==
        "fixtures/default/pins.json:3:7 (built in)");
}

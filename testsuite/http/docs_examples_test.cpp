// The examples in docs/ are what the mock serves, to the last digit.
#include "http/http_fixture.hpp"

#include <fstream>
#include <regex>
#include <sstream>

using namespace pinsmock::test;
using pinsmock::MockServer;

namespace {

std::string read_doc(const std::string &relative) {
  std::ifstream in(std::string(PINSMOCK_SOURCE_DIR) + "/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The body of the first ``` block with this language.
std::string first_block(const std::string &text, const std::string &language) {
  const std::string fence = "```" + language + "\n";
  const std::size_t start = text.find(fence);
  if (start == std::string::npos)
    return "";
  const std::size_t body = start + fence.size();
  return text.substr(body, text.find("```", body) - body);
}

} // namespace

TEST_CASE("Docs: the analytics example in docs/analytics.md is what the mock serves",
          "[http][docs][analytics]") {
  const std::string doc = read_doc("docs/analytics.md");
  const std::string command = first_block(doc, "sh");
  std::smatch today;
  std::smatch url;
  REQUIRE(std::regex_search(command, today, std::regex(R"(--today (\d{4}-\d\d-\d\d))")));
  REQUIRE(std::regex_search(command, url, std::regex(R"(127\.0\.0\.1:8080/v5(/[^' ]+))")));
  pinsmock::ServerOptions options;
  options.today = today[1];
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult served = client.raw("GET", url[1]);
  REQUIRE_THAT(served, HasStatus(200));
  pinsmock::json::Document documented;
  REQUIRE_FALSE(pinsmock::json::parse_into(documented, first_block(doc, "json")));
  INFO("served: " << served.body);
  CHECK(documented == served.json);
}

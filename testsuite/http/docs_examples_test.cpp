// The examples in docs/ are what the mock serves, to the last digit.
#include "http/http_fixture.hpp"

#include <fstream>
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

// The text after `marker` up to the next space, quote or end of line ("" when absent). Plain
// searching, no std::regex: it trips g++ 12's -Wmaybe-uninitialized under the sanitizers.
std::string word_after(const std::string &text, const std::string &marker) {
  const std::size_t start = text.find(marker);
  if (start == std::string::npos)
    return "";
  const std::size_t from = start + marker.size();
  return text.substr(from, text.find_first_of(" '\n", from) - from);
}

} // namespace

TEST_CASE("Docs: the analytics example in docs/analytics.md is what the mock serves",
          "[http][docs][analytics]") {
  const std::string doc = read_doc("docs/analytics.md");
  const std::string command = first_block(doc, "sh");
  const std::string today = word_after(command, "--today ");
  const std::string path = word_after(command, "127.0.0.1:8080/v5");
  REQUIRE(today.size() == 10);
  REQUIRE(path.rfind('/', 0) == 0);
  pinsmock::ServerOptions options;
  options.today = today;
  MockServer server(options);
  server.start();
  PinsClient client(server.base_url(), kCreatorToken);
  ApiResult served = client.raw("GET", path);
  REQUIRE_THAT(served, HasStatus(200));
  pinsmock::json::Document documented;
  REQUIRE_FALSE(pinsmock::json::parse_into(documented, first_block(doc, "json")));
  INFO("served: " << served.body);
  CHECK(documented == served.json);
}

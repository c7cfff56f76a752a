#include "support/samples.hpp"

#include "pinsmock/json.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pinsmock::test {

std::string source_dir() { return PINSMOCK_SOURCE_DIR; }

std::string sample(const std::string& name) {
  const std::string path = source_dir() + "/fixtures/requests/" + name + ".json";
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("missing sample " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string sample_with_title(const std::string& name, const std::string& title) {
  json::Document doc;
  if (json::parse_into(doc, sample(name)))
    throw std::runtime_error("sample " + name + " is not JSON");
  json::set(doc, "title", json::string(title, doc.GetAllocator()), doc.GetAllocator());
  return json::dump(doc);
}

} // namespace pinsmock::test

#include "support/samples.hpp"

#include "pinsmock/json.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pinsmock::test {
namespace {

// An installed pins-contract (bin/) reads the samples installed beside it
// (share/pinsmock/fixtures/requests, cmake/PinsmockInstall.cmake); a built one reads the tree's.
std::string requests_dir() {
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = exe.parent_path().parent_path() / "share/pinsmock/fixtures/requests";
    if (std::filesystem::is_directory(installed, error))
      return installed.string();
  }
  return source_dir() + "/fixtures/requests";
}

} // namespace

std::string source_dir() { return PINSMOCK_SOURCE_DIR; }

std::string sample(const std::string& name) {
  static const std::string dir = requests_dir();
  const std::string path = dir + "/" + name + ".json";
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

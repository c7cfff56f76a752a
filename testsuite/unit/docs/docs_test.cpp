// What the README and docs claim must hold: they cite only what is inside the repository, and
// they say what the programs do (claims found false when tried, issue "no false passes").
#include "support/std_regex.hpp" // before anything that may pull in <regex>: see why there

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = PINSMOCK_SOURCE_DIR;

std::string read_file(const fs::path &path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> documents() {
  std::vector<fs::path> docs = {kRoot / "README.md", kRoot / "mock/README.md",
                                kRoot / "testsuite/README.md", kRoot / "fixtures/README.md",
                                kRoot / "contracts/README.md"};
  for (const auto &entry : fs::directory_iterator(kRoot / "docs"))
    if (entry.path().extension() == ".md")
      docs.push_back(entry.path());
  return docs;
}

} // namespace

TEST_CASE("Docs: the READMEs and docs cite nothing outside the repository", "[unit][docs]") {
  for (const fs::path &doc : documents()) {
    const std::string text = read_file(doc);
    REQUIRE_FALSE(text.empty());
    INFO(doc.string());
    std::size_t line = 1;
    for (std::size_t at = 0; at < text.size(); ++at) {
      if (text[at] == '\n')
        ++line;
      if (text.compare(at, 3, "../") == 0) {
        INFO("line " << line << ": " << text.substr(at, 40));
        CHECK(false);
      }
    }
    // Every relative link resolves to a file of the repository.
    const std::regex link(R"(\]\(([^)#\s]+)(#[^)]*)?\))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), link);
         it != std::sregex_iterator(); ++it) {
      const std::string target = (*it)[1];
      if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0)
        continue;
      INFO("link " << target);
      CHECK(fs::exists(doc.parent_path() / target));
    }
  }
}

TEST_CASE("Docs: the README says that --target-is-mock runs each test in a session of its own",
          "[unit][docs]") {
  const std::string readme = read_file(kRoot / "README.md");
  bool said = false;
  for (std::size_t at = readme.find("--target-is-mock"); at != std::string::npos;
       at = readme.find("--target-is-mock", at + 1))
    said = said || readme.substr(at, 300).find("in a session of") != std::string::npos;
  CHECK(said);
}

TEST_CASE(
    "Docs: the README documents the pre-flight, not checked, --require, warnings and --strict",
    "[unit][docs]") {
  const std::string readme = read_file(kRoot / "README.md");
  for (const char *phrase :
       {"Pre-flight", "N passed, M failed, K not checked", "--allow-unchecked", "--require OPS",
        "--require-errors", "--allow-empty", "warning", "`--strict`", "GET /__admin/warnings"}) {
    INFO(phrase);
    CHECK(readme.find(phrase) != std::string::npos);
  }
}

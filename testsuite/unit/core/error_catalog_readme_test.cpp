// The README's error table is documentation users rely on: it must say what the catalog does.
#include "core/error_catalog.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::stringstream stream(row);
  std::string cell;
  std::getline(stream, cell, '|'); // before the first bar
  while (std::getline(stream, cell, '|')) {
    const auto first = cell.find_first_not_of(' ');
    const auto last = cell.find_last_not_of(' ');
    out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  if (!out.empty() && out.back().empty())
    out.pop_back();
  return out;
}

// Rows between the README's error-catalog markers, header and rule lines skipped.
std::vector<std::vector<std::string>> readme_error_rows() {
  std::ifstream in(std::string(PINSMOCK_SOURCE_DIR) + "/README.md");
  std::vector<std::vector<std::string>> rows;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.find("<!-- error-catalog:begin -->") != std::string::npos)
      inside = true;
    else if (line.find("<!-- error-catalog:end -->") != std::string::npos)
      inside = false;
    else if (inside && line.rfind("| ", 0) == 0 && line.find("| Name |") != 0)
      rows.push_back(cells(line));
  }
  return rows;
}

} // namespace

TEST_CASE("ErrorCatalog: the README's error table lists every entry with its status, code and message",
          "[unit][errors]") {
  const auto rows = readme_error_rows();
  const auto& catalog = pinsmock::error_catalog();
  REQUIRE(rows.size() == catalog.size());
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const pinsmock::ErrorSpec& spec = catalog[i];
    INFO("README row " << i + 1 << " vs catalog entry " << spec.name);
    REQUIRE(rows[i].size() == 5);
    CHECK(rows[i][0] == spec.name);
    CHECK(rows[i][1] == std::to_string(spec.status));
    CHECK(rows[i][2] == std::to_string(spec.code));
    CHECK(rows[i][3] == spec.message);
    CHECK(rows[i][4] == spec.source);
  }
}

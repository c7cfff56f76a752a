#pragma once
// Helpers of the state and run-time data tests: an extra account and board, and writing a
// state export out as a fixture directory.

#include "pinsmock/json.hpp"
#include "unit/temp_dir.hpp"

#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pinsmock::test {

using TempFiles = TempDir;

inline const std::string kExtraToken = "pina_extra_full";
inline const std::string kExtraBoardId = "1100000000000000901";
inline constexpr std::string_view kExtraAccount = R"({"username": "extra",
    "user_id": "1000000000000000901",
    "tokens": [{"token": "pina_extra_full", "scopes": ["boards:read", "boards:write",
       "boards:read_secret", "boards:write_secret", "pins:read", "pins:write",
       "pins:read_secret", "pins:write_secret", "user_accounts:read"]}],
    "ad_accounts": ["549755885901"], "business_access": []})";
inline constexpr std::string_view kExtraBoard = R"({"id": "1100000000000000901",
    "owner": "extra", "name": "Extra", "privacy": "SECRET", "sections": []})";

inline json::Document parse_or_throw(std::string_view text) {
  json::Document doc;
  if (auto err = json::parse_into(doc, text))
    throw std::runtime_error("not JSON: " + err->message);
  return doc;
}

inline std::string slurp_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Writes each file of a state document below `dir` (pretty, as a person would keep them).
inline void write_state_files(std::string_view state, const std::string& dir) {
  const json::Document doc = parse_or_throw(state);
  const json::Value* files = json::find(doc, "files");
  if (!files || !files->IsObject())
    throw std::runtime_error("a state document without files");
  for (const auto& file : files->GetObject()) {
    const std::filesystem::path path = std::filesystem::path(dir) / file.name.GetString();
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << json::dump_pretty(file.value);
    if (!out)
      throw std::runtime_error("cannot write " + path.string());
  }
}

} // namespace pinsmock::test

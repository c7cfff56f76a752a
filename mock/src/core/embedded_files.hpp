#pragma once

#include <string_view>
#include <vector>

namespace pinsmock {

struct EmbeddedFile {
  std::string_view path; // relative to the repository root, e.g. "contracts/manifest.json"
  std::string_view contents;
};

/// The contracts, default fixtures and dashboard assets compiled into the binary (generated at build time).
const std::vector<EmbeddedFile>& embedded_files();

} // namespace pinsmock

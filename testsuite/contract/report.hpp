#pragma once

#include <string>

namespace pinsmock::test {

/// Writes the JSON report of the tests run so far: {target, problem?, passed, failed,
/// not_checked, tests: [{name, tags, outcome, passed, skipped, reason?, failures: [{file, line,
/// expression, message}]}]}. `problem` is set when the run stopped before its tests (pre-flight).
/// Returns false when the file could not be written.
bool write_report(const std::string& path, const std::string& base_url,
                  const std::string& problem = "");

} // namespace pinsmock::test

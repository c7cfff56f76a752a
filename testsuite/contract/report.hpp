#pragma once

#include <string>

namespace pinsmock::test {

/// Writes the JSON report of the tests run so far: {target, passed, failed, tests: [{name, tags,
/// passed, failures: [{file, line, expression, message}]}]}.
void write_report(const std::string& path, const std::string& base_url);

} // namespace pinsmock::test

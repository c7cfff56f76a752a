#pragma once
// What became of each test of the run: passed, failed, or not checked (with the reason). The
// listener fills it, the JSON report, the JUnit reporter and the closing count read it.

#include <cstddef>
#include <string>
#include <vector>

namespace pinsmock::test {

struct FailureRecord {
  std::string file;
  std::size_t line = 0;
  std::string expression;
  std::string message;
};

enum class Outcome { Passed, Failed, NotChecked };

struct TestRecord {
  std::string name;
  std::string tags;
  Outcome outcome = Outcome::Passed;
  std::string reason; // why it was not checked
  double seconds = 0;
  std::vector<FailureRecord> failures;
};

/// Every test run so far, in order (the running one last).
std::vector<TestRecord> &test_records();

/// Marks the running test as not checked: it had nothing to check and could not create it. The
/// test returns right after; it then counts apart from passes (`return not_checked("...");`).
void not_checked(const std::string &reason);

struct Tally {
  int passed = 0;
  int failed = 0;
  int not_checked = 0;
};
Tally tally();

/// "N passed, M failed, K not checked".
std::string tally_line(const Tally &tally);

} // namespace pinsmock::test

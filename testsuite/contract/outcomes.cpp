#include "outcomes.hpp"

namespace pinsmock::test {

std::vector<TestRecord> &test_records() {
  static std::vector<TestRecord> records;
  return records;
}

void not_checked(const std::string &reason) {
  if (!test_records().empty())
    test_records().back().reason = reason;
}

Tally tally() {
  Tally t;
  for (const TestRecord &r : test_records())
    ++(r.outcome == Outcome::Passed   ? t.passed
       : r.outcome == Outcome::Failed ? t.failed
                                      : t.not_checked);
  return t;
}

std::string tally_line(const Tally &t) {
  return std::to_string(t.passed) + " passed, " + std::to_string(t.failed) + " failed, " +
         std::to_string(t.not_checked) + " not checked";
}

} // namespace pinsmock::test

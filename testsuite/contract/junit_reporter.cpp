// JUnit XML for pins-contract ("-r junit"; the runner maps Catch2's name to this one). Catch2
// 2.13's own JUnit reporter counts assertions as tests and has no way to say "skipped"; this one
// writes one <testcase> per test case and a <skipped message="reason"/> for each test that was
// not checked.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include "outcomes.hpp"

#include <sstream>

namespace pinsmock::test {
namespace {

class PinsJunitReporter : public Catch::StreamingReporterBase<PinsJunitReporter> {
public:
  using StreamingReporterBase::StreamingReporterBase;

  static std::string getDescription() {
    return "JUnit XML with one testcase per test case; tests not checked are <skipped>";
  }

  void assertionStarting(Catch::AssertionInfo const &) override {}
  bool assertionEnded(Catch::AssertionStats const &) override { return true; }

  void testRunEnded(Catch::TestRunStats const &stats) override {
    const Tally counts = tally();
    double total_seconds = 0;
    for (const TestRecord &r : test_records())
      total_seconds += r.seconds;
    Catch::XmlWriter xml(stream);
    {
      auto suites = xml.scopedElement("testsuites");
      auto suite = xml.scopedElement("testsuite");
      suite.writeAttribute("name", stats.runInfo.name);
      suite.writeAttribute("tests", test_records().size());
      suite.writeAttribute("failures", counts.failed);
      suite.writeAttribute("errors", 0);
      suite.writeAttribute("skipped", counts.not_checked);
      suite.writeAttribute("time", total_seconds);
      for (const TestRecord &r : test_records()) {
        auto testcase = xml.scopedElement("testcase");
        testcase.writeAttribute("classname", stats.runInfo.name);
        testcase.writeAttribute("name", r.name);
        testcase.writeAttribute("time", r.seconds);
        if (r.outcome == Outcome::NotChecked)
          xml.scopedElement("skipped").writeAttribute("message", r.reason);
        for (const FailureRecord &f : r.failures) {
          std::ostringstream text;
          text << f.file << ":" << f.line << "\n" << f.expression << "\n" << f.message;
          auto failure = xml.scopedElement("failure");
          failure.writeAttribute("message", f.expression.empty() ? f.message : f.expression);
          failure.writeText(text.str(), Catch::XmlFormatting::Newline);
        }
      }
    }
    StreamingReporterBase::testRunEnded(stats);
  }
};

CATCH_REGISTER_REPORTER("pins-junit", PinsJunitReporter)

} // namespace
} // namespace pinsmock::test

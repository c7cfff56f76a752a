// Suite-wide hooks: a mock target is reset before each test case (WireMock's resetToDefault), and
// an optional JSON report records every test and failure for CI dashboards and self-tests.
// Catch2 v2 only declares the listener interfaces when asked to, before its first inclusion.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include "report.hpp"
#include "target.hpp"

#include "pinsmock/json.hpp"

#include <cstdio>
#include <fstream>

namespace pinsmock::test {
namespace {

struct FailureRecord {
  std::string file;
  std::size_t line = 0;
  std::string expression;
  std::string message;
};

struct TestRecord {
  std::string name;
  std::string tags;
  bool passed = true;
  std::vector<FailureRecord> failures;
};

std::vector<TestRecord>& records() {
  static std::vector<TestRecord> r;
  return r;
}

class SuiteListener : public Catch::TestEventListenerBase {
public:
  using TestEventListenerBase::TestEventListenerBase;

  void testCaseStarting(Catch::TestCaseInfo const& info) override {
    target().reset_if_mock();
    records().push_back(TestRecord{info.name, info.tagsAsString(), true, {}});
  }

  bool assertionEnded(Catch::AssertionStats const& stats) override {
    const Catch::AssertionResult& result = stats.assertionResult;
    if (result.isOk() || records().empty())
      return true;
    FailureRecord failure;
    failure.file = result.getSourceInfo().file;
    failure.line = result.getSourceInfo().line;
    failure.expression = result.hasExpression() ? result.getExpandedExpression() : "";
    failure.message = result.getMessage();
    for (const Catch::MessageInfo& info : stats.infoMessages)
      failure.message += (failure.message.empty() ? "" : "\n") + info.message;
    const auto errors = target().internal_errors();
    for (const std::string& e : errors)
      failure.message += "\nmock internal error: " + e;
    records().back().passed = false;
    records().back().failures.push_back(std::move(failure));
    return true;
  }

  // One line per test, so a long run against a live server shows where it is.
  void testCaseEnded(Catch::TestCaseStats const& stats) override {
    const bool passed = stats.totals.assertions.failed == 0;
    std::fprintf(stderr, "pins-contract: %s %s\n", passed ? "pass" : "FAIL",
                 stats.testInfo.name.c_str());
  }
};

CATCH_REGISTER_LISTENER(SuiteListener)

} // namespace

void write_report(const std::string& path, const std::string& base_url) {
  json::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember("target", json::string(base_url, a), a);
  int passed = 0;
  int failed = 0;
  json::Value tests(rapidjson::kArrayType);
  for (const TestRecord& r : records()) {
    (r.passed ? passed : failed)++;
    json::Value t(rapidjson::kObjectType);
    t.AddMember("name", json::string(r.name, a), a);
    t.AddMember("tags", json::string(r.tags, a), a);
    t.AddMember("passed", r.passed, a);
    json::Value failures(rapidjson::kArrayType);
    for (const FailureRecord& f : r.failures) {
      json::Value fv(rapidjson::kObjectType);
      fv.AddMember("file", json::string(f.file, a), a);
      fv.AddMember("line", static_cast<std::uint64_t>(f.line), a);
      fv.AddMember("expression", json::string(f.expression, a), a);
      fv.AddMember("message", json::string(f.message, a), a);
      failures.PushBack(std::move(fv), a);
    }
    t.AddMember("failures", std::move(failures), a);
    tests.PushBack(std::move(t), a);
  }
  doc.AddMember("passed", passed, a);
  doc.AddMember("failed", failed, a);
  doc.AddMember("tests", std::move(tests), a);
  std::ofstream(path) << json::dump_pretty(doc) << "\n";
}

} // namespace pinsmock::test

// Suite-wide hooks: against a mock, each test case runs in a session of its own, each
// test ends as passed, failed or not checked, and an optional JSON report records them all.
// Catch2 v2 only declares the listener interfaces when asked to, before its first inclusion.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include "outcomes.hpp"
#include "report.hpp"
#include "target.hpp"

#include "pinsmock/json.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>

namespace pinsmock::test {
namespace {

class SuiteListener : public Catch::TestEventListenerBase {
public:
  using TestEventListenerBase::TestEventListenerBase;

  void testCaseStarting(Catch::TestCaseInfo const& info) override {
    target().begin_session_if_mock();
    TestRecord record;
    record.name = info.name;
    record.tags = info.tagsAsString();
    test_records().push_back(std::move(record));
    started_ = std::chrono::steady_clock::now();
  }

  bool assertionEnded(Catch::AssertionStats const& stats) override {
    const Catch::AssertionResult& result = stats.assertionResult;
    if (result.isOk() || test_records().empty())
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
    test_records().back().failures.push_back(std::move(failure));
    return true;
  }

  // A test passes only when it asserted something and nothing failed: one that returned early
  // (nothing to read, no second board) or made no assertion at all is "not checked".
  void testCaseEnded(Catch::TestCaseStats const& stats) override {
    target().end_session_if_mock();
    TestRecord& record = test_records().back();
    record.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (stats.totals.assertions.failed > 0 || !record.failures.empty()) {
      record.outcome = Outcome::Failed;
      record.reason.clear();
    } else if (!record.reason.empty()) {
      record.outcome = Outcome::NotChecked;
    } else if (stats.totals.assertions.total() == 0) {
      record.outcome = Outcome::NotChecked;
      record.reason = "the test made no assertion";
    }
    // One line per test, so a long run against a live server shows where it is.
    if (record.outcome == Outcome::NotChecked)
      std::fprintf(stderr, "pins-contract: NOT CHECKED %s: %s\n", record.name.c_str(),
                   record.reason.c_str());
    else
      std::fprintf(stderr, "pins-contract: %s %s\n",
                   record.outcome == Outcome::Passed ? "pass" : "FAIL", record.name.c_str());
  }

private:
  std::chrono::steady_clock::time_point started_;
};

CATCH_REGISTER_LISTENER(SuiteListener)

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
  case Outcome::Passed:
    return "passed";
  case Outcome::Failed:
    return "failed";
  case Outcome::NotChecked:
    return "not checked";
  }
  return "";
}

} // namespace

bool write_report(const std::string& path, const std::string& base_url, const std::string& problem) {
  json::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember("target", json::string(base_url, a), a);
  if (!problem.empty())
    doc.AddMember("problem", json::string(problem, a), a);
  json::Value tests(rapidjson::kArrayType);
  for (const TestRecord& r : test_records()) {
    json::Value t(rapidjson::kObjectType);
    t.AddMember("name", json::string(r.name, a), a);
    t.AddMember("tags", json::string(r.tags, a), a);
    t.AddMember("outcome", json::string(outcome_name(r.outcome), a), a);
    t.AddMember("passed", r.outcome == Outcome::Passed, a);
    // The JUnit word for it, for dashboards that map reports to JUnit.
    t.AddMember("skipped", r.outcome == Outcome::NotChecked, a);
    if (r.outcome == Outcome::NotChecked)
      t.AddMember("reason", json::string(r.reason, a), a);
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
  const Tally counts = tally();
  doc.AddMember("passed", counts.passed, a);
  doc.AddMember("failed", counts.failed, a);
  doc.AddMember("not_checked", counts.not_checked, a);
  doc.AddMember("tests", std::move(tests), a);
  std::ofstream out(path);
  out << json::dump_pretty(doc) << "\n";
  return static_cast<bool>(out);
}

} // namespace pinsmock::test

// The state file's saver (issue 12 §2): atomic replacement, batched saves, a save at the end.
#include "control/state_saver.hpp"

#include "unit/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using pinsmock::StateSaver;
using pinsmock::test::read_file;
using pinsmock::test::TempDir;

namespace {

// Waits (bounded) for a condition another thread makes true: a readiness wait, not a timing.
template <typename F> bool eventually(F done) {
  for (int i = 0; i < 1000 && !done(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return done();
}

} // namespace

TEST_CASE("State saver: changes within an interval make one save, and the end saves the rest",
          "[unit][state]") {
  TempDir dir;
  const std::string path = (dir.path() / "state.json").string();
  std::atomic<int> version{0};
  {
    StateSaver saver(path, std::chrono::hours(1), [&] { return std::to_string(version.load()); },
                     {});
    CHECK(saver.saves() == 0);
    version = 1;
    saver.changed();
    REQUIRE(eventually([&] { return saver.saves() == 1; }));
    CHECK(read_file(path) == "1");
    for (int i = 2; i <= 50; ++i) {
      version = i;
      saver.changed(); // all inside the hour: no save until the end
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(saver.saves() == 1);
    CHECK(read_file(path) == "1");
  }
  CHECK(read_file(path) == "50"); // the destructor saved what was pending
}

TEST_CASE("State saver: flush saves only when something changed", "[unit][state]") {
  TempDir dir;
  const std::string path = (dir.path() / "state.json").string();
  int renders = 0;
  StateSaver saver(path, std::chrono::hours(1), [&] { return std::to_string(++renders); }, {});
  saver.flush();
  CHECK(saver.saves() == 0);
  CHECK_FALSE(std::filesystem::exists(path));
  saver.changed();
  REQUIRE(eventually([&] { return saver.saves() == 1; }));
  saver.flush();
  CHECK(saver.saves() == 1);
}

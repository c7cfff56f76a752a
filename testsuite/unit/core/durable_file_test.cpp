// Whole-file replacement for the --state file and recordings (core/durable_file).
#include "core/durable_file.hpp"

#include "unit/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using pinsmock::remove_stale_temporaries;
using pinsmock::replace_file_durably;
using pinsmock::test::read_file;
using pinsmock::test::TempDir;

namespace {

int regular_files(const std::filesystem::path& dir) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    files += entry.is_regular_file() ? 1 : 0;
  return files;
}

void touch(const std::filesystem::path& path) { std::ofstream(path) << "partial"; }

} // namespace

TEST_CASE("Durable file: a replacement swaps the whole file and leaves no temporary behind",
          "[unit][state]") {
  TempDir dir;
  const std::string path = (dir.path() / "state.json").string();
  REQUIRE_FALSE(replace_file_durably(path, "first"));
  REQUIRE_FALSE(replace_file_durably(path, "second, longer"));
  CHECK(read_file(path) == "second, longer");
  CHECK(regular_files(dir.path()) == 1);
  const auto failure = replace_file_durably((dir.path() / "no-such-dir" / "f").string(), "x");
  REQUIRE(failure);
  CHECK(failure->find("no-such-dir") != std::string::npos);
}

TEST_CASE("Durable file: leftovers of dead processes go, those of live ones and other files stay",
          "[unit][state]") {
  TempDir dir;
  const std::string path = (dir.path() / "state.json").string();
  REQUIRE_FALSE(replace_file_durably(path, "kept"));
  // A process that has exited (and been reaped) stands for one killed mid-write.
  const pid_t dead = fork();
  REQUIRE(dead >= 0);
  if (dead == 0)
    _exit(0);
  REQUIRE(waitpid(dead, nullptr, 0) == dead);
  const auto tmp = [&](const std::string& suffix) { return dir.path() / ("state.json.tmp." + suffix); };
  touch(tmp(std::to_string(dead) + ".1"));
  touch(tmp(std::to_string(getpid()) + ".7"));
  touch(tmp("not-a-pid"));
  touch(dir.path() / "other.json.tmp.1.1");

  remove_stale_temporaries(path);

  CHECK_FALSE(std::filesystem::exists(tmp(std::to_string(dead) + ".1")));
  CHECK(std::filesystem::exists(tmp(std::to_string(getpid()) + ".7")));
  CHECK(std::filesystem::exists(tmp("not-a-pid")));
  CHECK(std::filesystem::exists(dir.path() / "other.json.tmp.1.1"));
  CHECK(read_file(path) == "kept");
}

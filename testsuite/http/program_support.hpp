#pragma once
// The pins-mock program as a child process for [http][process] tests: a scratch directory,
// the program with its output in files, and its port file.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace pinsmock::test {

using ProcessClock = std::chrono::steady_clock;

class ScratchDir {
public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pinsmock-process-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
  std::filesystem::path path_;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// pins-mock with these arguments, stdout and stderr to files.
class Program {
public:
  Program(std::vector<std::string> args, const std::filesystem::path& out, const std::filesystem::path& err) {
    std::fflush(stdout); // or the child's freopen flushes our buffered output a second time
    std::fflush(stderr);
    pid_ = ::fork();
    if (pid_ == 0) {
      std::freopen(out.c_str(), "w", stdout);
      std::freopen(err.c_str(), "w", stderr);
      std::vector<char*> argv{const_cast<char*>(PINSMOCK_PROGRAM)};
      for (std::string& arg : args)
        argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(PINSMOCK_PROGRAM, argv.data());
      ::_exit(127);
    }
  }
  ~Program() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  void signal(int sig) { ::kill(pid_, sig); }
  /// The exit code, or -1 when it has not exited within `timeout`.
  int wait(std::chrono::milliseconds timeout) {
    const auto deadline = ProcessClock::now() + timeout;
    while (ProcessClock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return -1;
  }

private:
  pid_t pid_ = -1;
  bool exited_ = false;
};

inline int wait_for_port(const std::filesystem::path& port_file, std::chrono::milliseconds timeout) {
  const auto deadline = ProcessClock::now() + timeout;
  while (ProcessClock::now() < deadline) {
    if (std::filesystem::exists(port_file)) {
      const std::string text = slurp(port_file);
      if (!text.empty())
        return std::stoi(text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}


} // namespace pinsmock::test

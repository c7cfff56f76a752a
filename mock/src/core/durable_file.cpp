#include "core/durable_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace pinsmock {
namespace {

std::string reason(const std::string& what) { return what + ": " + std::strerror(errno); }

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

const char* const kTemporaryInfix = ".tmp.";

// "<file>.tmp.<pid>.<n>": the pid tells which process a leftover belongs to, the counter keeps
// two writers of one process apart.
std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned long> counter{0};
  return path + kTemporaryInfix + std::to_string(::getpid()) + "." + std::to_string(++counter);
}

} // namespace

std::optional<std::string> replace_file_durably(const std::string& path, std::string_view bytes) {
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const std::string temporary = temporary_name(path);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return reason("cannot create " + temporary);
  if (!write_all(fd, bytes) || ::fsync(fd) != 0) {
    std::string why = reason("cannot write " + temporary);
    ::close(fd);
    ::unlink(temporary.c_str());
    return why;
  }
  ::close(fd);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string why = reason("cannot rename " + temporary + " to " + path);
    ::unlink(temporary.c_str());
    return why;
  }
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return std::nullopt;
}

void remove_stale_temporaries(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path file(path);
  const std::string prefix = file.filename().string() + kTemporaryInfix;
  std::error_code error;
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0)
      continue;
    const std::string rest = name.substr(prefix.size());
    const std::string pid = rest.substr(0, rest.find('.'));
    if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos)
      continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH)
      fs::remove(it->path(), error);
  }
}

} // namespace pinsmock

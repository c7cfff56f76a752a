#include "control/state_saver.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

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

// A save cut short by kill -9 leaves "<file>.tmp.<pid>": remove those of processes that are gone.
void remove_stale_temporaries(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path file(path);
  const std::string prefix = file.filename().string() + ".tmp.";
  std::error_code error;
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0)
      continue;
    const std::string pid = name.substr(prefix.size());
    if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos)
      continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH)
      fs::remove(it->path(), error);
  }
}

} // namespace

std::optional<std::string> replace_file_durably(const std::string& path, std::string_view bytes) {
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  // Same directory, so the rename is atomic; the pid keeps two mocks on one file apart.
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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
  // The rename itself lives in the directory: without this a power loss may undo it.
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return std::nullopt;
}

StateSaver::StateSaver(std::string path, std::chrono::milliseconds interval,
                       std::function<std::string()> render,
                       std::function<void(std::string_view)> log)
    : path_(std::move(path)), interval_(interval), render_(std::move(render)), log_(std::move(log)) {
  remove_stale_temporaries(path_);
  thread_ = std::thread([this] { run(); });
}

StateSaver::~StateSaver() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  flush();
}

void StateSaver::changed() {
  {
    std::lock_guard lock(mutex_);
    ++changes_;
  }
  wake_.notify_one();
}

void StateSaver::flush() {
  std::unique_lock lock(mutex_);
  save_if_changed(lock);
}

std::uint64_t StateSaver::saves() const {
  std::lock_guard lock(mutex_);
  return saves_;
}

void StateSaver::save_if_changed(std::unique_lock<std::mutex>& lock) {
  saved_cv_.wait(lock, [&] { return !saving_; });
  if (changes_ == saved_)
    return;
  const std::uint64_t covered = changes_; // changes after this point get a later save
  saving_ = true;
  lock.unlock();
  std::optional<std::string> failure;
  try {
    failure = replace_file_durably(path_, render_());
  } catch (const std::exception& e) {
    failure = std::string("cannot render the state: ") + e.what();
  }
  if (failure && log_)
    log_("state " + path_ + ": " + *failure);
  lock.lock();
  saving_ = false;
  if (!failure) {
    saved_ = covered;
    ++saves_;
  }
  saved_cv_.notify_all();
}

void StateSaver::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait(lock, [&] { return stopping_ || changes_ != saved_; });
    if (stopping_)
      break;
    save_if_changed(lock);
    // At most one save per interval: changes meanwhile wait for the next one.
    wake_.wait_for(lock, interval_, [&] { return stopping_; });
  }
}

} // namespace pinsmock

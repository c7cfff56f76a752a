#include "record/atomic_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>

namespace pinsmock {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int error) {
  throw std::runtime_error("recording: cannot " + what + " " + path + ": " + std::strerror(error));
}

} // namespace

void write_file_atomically(const std::string& path, std::string_view text) {
  // mkstemp: a unique name, so two recorders (or two processes) never share a temporary file.
  std::string temporary = path + ".tmp-XXXXXX";
  const int fd = mkstemp(temporary.data());
  if (fd < 0)
    fail("create a temporary file for", path, errno);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      std::remove(temporary.c_str());
      fail("write", temporary, error);
    }
    written += static_cast<std::size_t>(n);
  }
  // Readable like any file the user writes (mkstemp creates 0600), then on disk before the rename.
  if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    std::remove(temporary.c_str());
    fail("flush", temporary, error);
  }
  ::close(fd);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    fail("replace", path, error);
  }
}

} // namespace pinsmock

#pragma once
// The state file (--state FILE): saved atomically after changes, at most once per interval,
// and once more when the mock stops. Its own thread, woken by a change counter.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace pinsmock {

class StateSaver {
public:
  /// `render` gives the bytes to save (called on the saver's thread, no lock of ours held);
  /// `log` hears about failed saves. Temporary files that saves of dead processes left next to
  /// `path` are removed.
  StateSaver(std::string path, std::chrono::milliseconds interval,
             std::function<std::string()> render, std::function<void(std::string_view)> log);
  /// Saves what changed since the last save, then stops the thread.
  ~StateSaver();
  StateSaver(const StateSaver&) = delete;
  StateSaver& operator=(const StateSaver&) = delete;

  /// Something changed: a save follows within the interval. Thread-safe, never blocks long.
  void changed();
  /// Saves now if anything changed since the last save (the mock stops). Thread-safe.
  void flush();
  /// Saves written so far.
  std::uint64_t saves() const;

private:
  void run();
  void save_if_changed(std::unique_lock<std::mutex>& lock);

  std::string path_;
  std::chrono::milliseconds interval_;
  std::function<std::string()> render_;
  std::function<void(std::string_view)> log_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::uint64_t changes_ = 0; // counted by changed()
  std::uint64_t saved_ = 0;   // the count the last save covered
  std::uint64_t saves_ = 0;
  bool saving_ = false; // one save at a time (the thread and flush())
  std::condition_variable saved_cv_;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace pinsmock

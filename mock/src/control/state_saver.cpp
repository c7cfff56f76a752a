#include "control/state_saver.hpp"

#include "core/durable_file.hpp"

namespace pinsmock {

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

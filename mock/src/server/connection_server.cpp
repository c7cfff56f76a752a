#include "server/connection_server.hpp"

#include "server/connection.hpp"
#include "server/httplib_adapter.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <memory>
#include <system_error>
#include <thread>

namespace pinsmock {
namespace {

// Linux caps the backlog at net.core.somaxconn (4096 since kernel 5.4); a larger value is fine.
constexpr int kListenBacklog = 4096;

// One thread per accepted connection, joined when it ends (reaped at the next accept) or at
// shutdown. A pool would let N slow clients hold all N workers (the starvation of issue 8).
class ThreadPerConnection : public httplib::TaskQueue {
public:
  ~ThreadPerConnection() override { ThreadPerConnection::shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::lock_guard lock(mutex_);
    reap_locked();
    auto done = std::make_shared<std::atomic<bool>>(false);
    try {
      workers_.push_back({std::thread([fn, done] {
                            fn();
                            done->store(true);
                          }),
                          done});
    } catch (const std::system_error&) {
      // No thread to be had (a system limit): serve inline rather than drop the socket.
      fn();
    }
  }

  void shutdown() override {
    std::list<Worker> all;
    {
      std::lock_guard lock(mutex_);
      all.swap(workers_);
    }
    for (Worker& worker : all)
      if (worker.thread.joinable())
        worker.thread.join();
  }

private:
  struct Worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };

  void reap_locked() {
    for (auto it = workers_.begin(); it != workers_.end();) {
      if (it->done->load()) {
        it->thread.join();
        it = workers_.erase(it);
      } else {
        ++it;
      }
    }
  }

  std::mutex mutex_;
  std::list<Worker> workers_;
};

// cpp-httplib reads a framed request from memory and writes its answer to memory: the socket
// I/O (poll-based, time-limited, any descriptor number) is the connection's. socket() is -1, so
// 0.11.4's select() guard (500 for descriptors >= FD_SETSIZE) never fires.
class MemoryStream : public httplib::Stream {
public:
  explicit MemoryStream(std::string input) : input_(std::move(input)) {}

  bool is_readable() const override { return position_ < input_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = input_.copy(ptr, size, position_);
    position_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    output_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip.clear();
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip.clear();
    port = 0;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

  std::string take_output() { return std::move(output_); }

private:
  std::string input_;
  std::size_t position_ = 0;
  std::string output_;
};

bool is_multipart(const std::string& content_type) {
  static const std::string kPrefix = "multipart/";
  if (content_type.size() < kPrefix.size())
    return false;
  for (std::size_t i = 0; i < kPrefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(content_type[i])) != kPrefix[i])
      return false;
  return true;
}

// Runs after parsing, before routing. cpp-httplib adds the four address headers to every
// request; no client sent them: each is removed once, the last inserted (the library's), so a
// client's own header of that name stays. A multipart Content-Type is parked under an internal
// name (the adapter restores it), or 0.11.4 would parse the body as form parts and answer a
// JSON body 400 before the pipeline saw it.
void prepare_request(httplib::Request& request) {
  for (const char* name : {"REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"}) {
    const auto range = request.headers.equal_range(name);
    if (range.first != range.second)
      request.headers.erase(std::prev(range.second));
  }
  const auto type = request.headers.find("Content-Type");
  if (type != request.headers.end() && is_multipart(type->second)) {
    const std::string value = type->second;
    request.headers.erase(type);
    request.headers.emplace(std::string(kParkedContentType), value);
  }
}

} // namespace

ConnectionServer::ConnectionServer(ConnectionLimits limits, RejectHandler reject,
                                   std::shared_ptr<const TlsContext> tls)
    : limits_(std::move(limits)), reject_(std::move(reject)), tls_(std::move(tls)) {
  new_task_queue = [] { return new ThreadPerConnection(); };
  set_payload_max_length(limits_.framing.max_body_bytes);
  // Only the Keep-Alive header's "timeout=" uses it: the connection applies the idle time-out.
  set_keep_alive_timeout(std::max<time_t>(1, static_cast<time_t>(limits_.idle_timeout.count() / 1000)));
  set_keep_alive_max_count(1000000);
}

ConnectionServer::~ConnectionServer() { close_connections(); }

void ConnectionServer::after_bind() {
  {
    std::lock_guard lock(mutex_);
    closing_ = false;
  }
  // Linux lets a listening socket listen() again to change its backlog.
  const socket_t sock = svr_sock_.load();
  if (sock != INVALID_SOCKET)
    ::listen(sock, kListenBacklog);
}

void ConnectionServer::close_connections() noexcept {
  std::lock_guard lock(mutex_);
  closing_ = true;
  for (ConnectionSlot& slot : slots_) {
    slot.interrupted = true;
    ::shutdown(slot.sock, SHUT_RDWR);
  }
  wake_.notify_all();
}

std::size_t ConnectionServer::open_connections() const {
  std::lock_guard lock(mutex_);
  return slots_.size();
}

std::string ConnectionServer::answer(const FramedRequest& request, bool close_connection,
                                     bool& connection_closed) {
  MemoryStream stream(request.wire());
  process_request(stream, close_connection, connection_closed, prepare_request);
  return stream.take_output();
}

HttpResponse ConnectionServer::reject(const HttpRequest& request, const ApiError& error) const {
  return reject_(request, error);
}

bool ConnectionServer::pause(ConnectionSlot& slot, std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, duration, [&] { return slot.interrupted; });
}

void ConnectionServer::set_idle(ConnectionSlot& slot, bool idle) {
  std::lock_guard lock(mutex_);
  slot.idle = idle;
  if (idle)
    slot.idle_since = std::chrono::steady_clock::now();
}

bool ConnectionServer::interrupted(const ConnectionSlot& slot) const {
  std::lock_guard lock(mutex_);
  return slot.interrupted;
}

bool ConnectionServer::evict_idle_locked(const ConnectionSlot& except) {
  ConnectionSlot* oldest = nullptr;
  for (ConnectionSlot& slot : slots_)
    if (&slot != &except && slot.idle && !slot.interrupted &&
        (!oldest || slot.idle_since < oldest->idle_since))
      oldest = &slot;
  if (!oldest)
    return false;
  oldest->interrupted = true;
  ::shutdown(oldest->sock, SHUT_RDWR);
  wake_.notify_all();
  return true;
}

bool ConnectionServer::process_and_close_socket(socket_t sock) {
  std::list<ConnectionSlot>::iterator slot;
  bool refuse = false;
  {
    std::lock_guard lock(mutex_);
    if (closing_) {
      ::close(sock);
      return false;
    }
    slot = slots_.insert(slots_.end(), ConnectionSlot{});
    slot->sock = sock;
    if (slots_.size() > limits_.max_connections)
      refuse = !evict_idle_locked(*slot);
  }
  const std::unique_ptr<ByteStream> stream = tls_ ? tls_->stream(sock) : plain_stream(sock);
  Connection connection(*this, *slot, *stream);
  const Connection::Ending ending = refuse ? connection.refuse_busy() : connection.run();
  if (ending == Connection::Ending::Close)
    connection.close_notify();
  {
    // Out of the registry before close(): close_connections() must never shut down a
    // descriptor number that another connection has been given since.
    std::lock_guard lock(mutex_);
    slots_.erase(slot);
  }
  if (ending == Connection::Ending::Reset) {
    linger hard{1, 0}; // SO_LINGER with a zero time-out: close() sends RST
    setsockopt(sock, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  }
  ::close(sock);
  return true;
}

} // namespace pinsmock

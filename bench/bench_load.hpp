#pragma once
// The measuring parts of pins-bench: a closed-loop load generator over keep-alive connections and
// the bare cpp-httplib baseline that answers fixed bytes with the mock's socket settings.

#include "support/pins_client.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace pinsmock::bench {

struct Figures {
  double requests_per_second = 0;
  double p50_us = 0;
  double p99_us = 0;
  std::uint64_t requests = 0;
  std::uint64_t errors = 0; // answers outside 2xx and transport failures
};

/// One request of a scenario on `client`; `i` counts the requests of that connection. Returns
/// the HTTP status (0 for a transport failure). i = -1 is the untimed first request.
using Request = std::function<int(test::PinsClient& client, int i)>;

/// `connections` threads, each with one keep-alive client, call `request` for `seconds`.
Figures load(const std::string& base_url, const std::string& token, int connections,
             double seconds, const Request& request);

/// The baseline: cpp-httplib with the mock's socket settings (TCP_NODELAY, unlimited keep-alive,
/// the same thread pool size) answering `body` to any GET, POST or PATCH.
class BareServer {
public:
  explicit BareServer(std::string body, int status = 200);
  ~BareServer();
  BareServer(const BareServer&) = delete;
  BareServer& operator=(const BareServer&) = delete;
  std::string base_url() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Resident memory of this process in KiB (/proc/self/statm).
long resident_kib();

} // namespace pinsmock::bench

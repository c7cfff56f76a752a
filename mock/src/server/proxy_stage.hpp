#pragma once
// The handler stage of proxy mode (DESIGN B13): the request goes upstream instead of to a
// handler, and the answer comes back unchanged, checked against its contract on the way.

#include "contract/manifest.hpp"
#include "core/api_types.hpp"
#include "pinsmock/contract_registry.hpp"
#include "pinsmock/mock_server.hpp"
#include "record/recorder.hpp"
#include "server/upstream.hpp"

#include <memory>

namespace pinsmock {

struct Exchange;

class ProxyStage {
public:
  /// `contracts` check the answers (strict ones when options.strict). With a `recorder`
  /// (--record), every forwarded exchange is also recorded as fixtures.
  ProxyStage(const ProxyOptions& options, std::string mock_base_path,
             std::shared_ptr<const ContractRegistry> contracts,
             std::unique_ptr<Recorder> recorder = nullptr);

  /// True when a request that breaks its contract is answered by the mock, never forwarded.
  bool enforce() const { return options_.enforce; }
  /// True when forwarded answers get no X-Pinsmock-Violations header.
  bool transparent() const { return options_.transparent; }

  /// Forwards `request` and answers with upstream's status, body and headers. Response
  /// violations are added to `exchange` with direction "response"; unless transparent, an
  /// X-Pinsmock-Violations header summarizes the exchange's violations (both directions).
  /// Upstream failures answer 502/504 in Pinterest's shape and say why in the journal.
  /// `operation` is null for a path outside the contracts: relayed the same way, unchecked.
  HttpResponse answer(const HttpRequest& request, const OperationSpec* operation,
                      Exchange& exchange) const;

private:
  void record(const HttpRequest& request, const OperationSpec* operation, int status,
              const json::Value* body, Exchange& exchange) const;

  ProxyOptions options_;
  std::string mock_base_path_;
  std::shared_ptr<const ContractRegistry> contracts_;
  Upstream upstream_;
  std::unique_ptr<Recorder> recorder_;
};

} // namespace pinsmock

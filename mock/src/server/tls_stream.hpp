#pragma once
// HTTPS inside our own connection layer (OpenSSL): a server context loaded from PEM files and a
// ByteStream per connection. cpp-httplib's SSLServer would bypass the connection layer and its
// limits, so TLS lives here instead.

#include "server/byte_stream.hpp"

#include <memory>
#include <string>

namespace pinsmock {

class TlsContext {
public:
  /// Loads a certificate chain and its private key (PEM); throws StartupError when either
  /// cannot be read or they do not match.
  TlsContext(const std::string& cert_file, const std::string& key_file);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  /// A server-side TLS stream over a connected, non-blocking socket (handshake not yet done).
  std::unique_ptr<ByteStream> stream(int fd) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace pinsmock

#pragma once
// ServerOptions' TLS fields (README "HTTPS and CORS") as what the server needs: the throwaway
// certificate's files, if any, and the TLS context (none: plain HTTP).

#include "pinsmock/mock_server.hpp"
#include "server/tls_self_signed.hpp"
#include "server/tls_stream.hpp"

#include <memory>

namespace pinsmock {

/// The files of tls_self_signed, removed when the last owner lets go (even when a later start-up
/// step throws); null without it. Throws StartupError when certificate files are given too.
std::shared_ptr<const SelfSignedFiles> self_signed_files(const ServerOptions& options);

/// The context serving the self-signed files or tls_cert_file/tls_key_file; null for plain HTTP.
/// Throws StartupError for a certificate without its key (or the reverse) or unreadable files.
std::shared_ptr<const TlsContext> tls_context(const ServerOptions& options,
                                              const SelfSignedFiles* self_signed);

} // namespace pinsmock

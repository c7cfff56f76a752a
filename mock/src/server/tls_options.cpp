#include "server/tls_options.hpp"

#include "pinsmock/startup_error.hpp"

namespace pinsmock {

std::shared_ptr<const SelfSignedFiles> self_signed_files(const ServerOptions& options) {
  if (!options.tls_self_signed)
    return nullptr;
  if (!options.tls_cert_file.empty() || !options.tls_key_file.empty())
    throw StartupError("tls: a self-signed certificate or certificate files, not both");
  return std::shared_ptr<const SelfSignedFiles>(
      new SelfSignedFiles(write_self_signed_certificate()), [](const SelfSignedFiles* files) {
        remove_self_signed_certificate(*files);
        delete files;
      });
}

std::shared_ptr<const TlsContext> tls_context(const ServerOptions& options,
                                              const SelfSignedFiles* self_signed) {
  if (self_signed)
    return std::make_shared<TlsContext>(self_signed->cert_file, self_signed->key_file);
  if (options.tls_cert_file.empty() != options.tls_key_file.empty())
    throw StartupError("tls: a certificate needs its key (--tls-cert with --tls-key)");
  if (options.tls_cert_file.empty())
    return nullptr;
  return std::make_shared<TlsContext>(options.tls_cert_file, options.tls_key_file);
}

} // namespace pinsmock

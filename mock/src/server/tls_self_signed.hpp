#pragma once
// --tls-self-signed: a throwaway certificate for 127.0.0.1, ::1 and localhost, made at start so
// HTTPS needs no files; the client trusts it by the path printed in the banner.

#include <string>

namespace pinsmock {

struct SelfSignedFiles {
  std::string directory; // a private temporary directory holding both files
  std::string cert_file; // PEM certificate (give it to clients as their CA)
  std::string key_file;  // PEM private key (mode 0600)
};

/// Generates an EC P-256 key and a certificate valid for 30 days and writes both under a new
/// temporary directory; throws StartupError when that fails.
SelfSignedFiles write_self_signed_certificate();

/// Removes the files and their directory (best effort).
void remove_self_signed_certificate(const SelfSignedFiles& files);

} // namespace pinsmock
